namespace Verdict.Ingest;

/// <summary>
/// Field names of cloud products' native records (after JSON flattening), added to <see cref="VendorFieldNames"/>:
/// <list type="bullet">
/// <item>AWS Security Hub findings (ASFF): the principal of an IAM finding
/// (<c>Resources[0].Details.AwsIamAccessKey.UserName</c>) and the caller's address and country
/// (<c>Action.AwsApiCallAction.RemoteIpDetails</c>, and the other GuardDuty action types'; a GuardDuty finding imported
/// into Security Hub gives them as <c>ProductFields</c> keys instead; ASFF's own <c>Network.SourceIpV4</c>); the newer
/// <c>AwsIamAccessKey.PrincipalName</c> beside the deprecated <c>UserName</c>.</item>
/// <item>Azure resource logs (Key Vault <c>AuditEvent</c>): the caller's UPN claim under <c>identity.claim</c>. Microsoft 365
/// Management Activity records: the outcome <c>ResultStatus</c>.</item>
/// <item>Entra ID audit logs (Graph <c>directoryAudit</c>): the initiating user and their address
/// (<c>initiatedBy.user.userPrincipalName</c>, <c>initiatedBy.user.ipAddress</c>).</item>
/// <item>Kubernetes API audit events (<c>audit.k8s.io</c> <c>Event</c>): <c>user.username</c>, <c>sourceIPs</c>,
/// <c>requestReceivedTimestamp</c>, <c>auditID</c>; the rule and the client's address are written by
/// <see cref="KubernetesAudit"/>.</item>
/// <item>Datadog logs and Cloud SIEM signals from its API (JSON:API resources, read as their <c>attributes</c>): the
/// event's own attributes stay under <c>attributes.</c> and use Datadog's standard attribute names: the detection rule
/// (<c>workflow.rule.name</c>, <c>title</c>), <c>usr.name</c>, <c>network.client.ip</c> and its <c>geoip</c>,
/// <c>http.useragent</c>, <c>evt.outcome</c>, <c>severity</c>. The API call (<c>evt.name</c>) and the caller's ARN
/// (<c>usr.id</c>) are read by the cloud analyst.</item>
/// <item>Falco's field names (<c>proc.cmdline</c>, <c>proc.pname</c>, <c>ka.user.name</c>, <c>ct.user</c>,
/// <c>ct.srcip</c>...) wherever a product nests them: Falco's <c>output_fields</c>, Sysdig Secure's event
/// <c>content.fields</c>. The CloudTrail caller (<c>ct.user</c>) and the Kubernetes API user who opened the session
/// (<c>ka.user.name</c>) come before the process's own Unix user.</item>
/// <item>Microsoft Defender for Cloud alerts, as the ARM resource (<c>properties.extendedProperties</c>) or the Sentinel
/// <c>SecurityAlert</c> row (<c>ExtendedProperties</c>, JSON text): the documented property names of the client's
/// address (<c>Client IP address</c>, <c>Attacker source IP</c>), the account (<c>User Name</c>), the machine
/// (<c>Compromised Host</c>) and the command line (<c>Suspicious Command Line</c>).</item>
/// </list>
/// </summary>
internal static class CloudVendorFields
{
    private const string Asff = "Action.";
    private const string Datadog = "attributes.";
    private static readonly string[] FalcoParents = ["output_fields.", "content.fields."];

    /// <summary>Each Defender for Cloud extended property under both parents it arrives in (ARM resource, SecurityAlert row).</summary>
    private static string[] Defender(params string[] names) =>
        [.. names.SelectMany(name => new[] { "properties.extendedProperties." + name, "ExtendedProperties." + name })];

    /// <summary>
    /// A GuardDuty finding imported into Security Hub carries its action in <c>ProductFields</c>, one flat key per value
    /// ("aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4"), not in ASFF's <c>Action</c>.
    /// </summary>
    private static string[] GuardDutyProductFields(params string[] paths) => [.. paths.Select(path => "ProductFields.aws/guardduty/service/action/" + path)];

    /// <summary>Each Falco field name under every parent a product nests Falco's fields in.</summary>
    private static string[] Falco(params string[] names) => [.. FalcoParents.SelectMany(parent => names.Select(name => parent + name))];

    /// <summary>
    /// An Amazon GuardDuty finding as GetFindings (or its S3 export) gives it: a <c>schemaVersion</c> and a
    /// <c>resource.resourceType</c> at the top (EventBridge's <c>detail.severity</c> is read by its name). Its <c>severity</c> runs 0–10 (1.0–3.9 low,
    /// 4.0–6.9 medium, 7.0–8.9 high, 9+ critical), not 1..5.
    /// </summary>
    public static bool TenPointSeverity(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        fields.Any(f => f.Key.Equals("schemaVersion", StringComparison.OrdinalIgnoreCase))
        && fields.Any(f => f.Key.Equals("resource.resourceType", StringComparison.OrdinalIgnoreCase));

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.User, ["Resources.0.Details.AwsIamAccessKey.UserName", "Resources.0.Details.AwsIamAccessKey.PrincipalName",
            "initiatedBy.user.userPrincipalName", "user.username"]),
        (CanonicalField.SourceIp, [Asff + "AwsApiCallAction.RemoteIpDetails.IpAddressV4", Asff + "NetworkConnectionAction.RemoteIpDetails.IpAddressV4",
            Asff + "PortProbeAction.PortProbeDetails.0.RemoteIpDetails.IpAddressV4", Asff + "KubernetesApiCallAction.RemoteIpDetails.IpAddressV4",
            .. GuardDutyProductFields("awsApiCallAction/remoteIpDetails/ipAddressV4", "networkConnectionAction/remoteIpDetails/ipAddressV4",
                "portProbeAction/portProbeDetails.0_/remoteIpDetails/ipAddressV4", "kubernetesApiCallAction/remoteIpDetails/ipAddressV4"),
            "Network.SourceIpV4", "initiatedBy.user.ipAddress", "sourceIPs"]),
        // Azure resource logs (Key Vault AuditEvent): the caller's UPN claim, by its claim URI or its short name.
        (CanonicalField.User, ["identity.claim.http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", "identity.claim.upn"]),
        // Microsoft 365 Management Activity records: the outcome ("Succeeded", "Failed", "True").
        (CanonicalField.Result, ["ResultStatus"]),
        (CanonicalField.Country, [Asff + "AwsApiCallAction.RemoteIpDetails.Country.CountryCode"]),
        (CanonicalField.Time, ["requestReceivedTimestamp"]),
        (CanonicalField.Id, ["auditID"]),
        (CanonicalField.Rule, [Datadog + "workflow.rule.name", Datadog + "title"]),
        (CanonicalField.User, [Datadog + "usr.name", Datadog + "usr.email"]),
        (CanonicalField.SourceIp, [Datadog + "network.client.ip"]),
        (CanonicalField.Country, [Datadog + "network.client.geoip.country.iso_code"]),
        (CanonicalField.City, [Datadog + "network.client.geoip.city.name"]),
        (CanonicalField.UserAgent, [Datadog + "http.useragent"]),
        (CanonicalField.Result, [Datadog + "evt.outcome"]),
        (CanonicalField.Severity, [Datadog + "severity"]),
        (CanonicalField.User, Falco("ct.user", "ka.user.name", "user.name")),
        (CanonicalField.SourceIp, Falco("ct.srcip", "fd.cip")),
        (CanonicalField.DestinationIp, Falco("fd.sip")),
        (CanonicalField.CommandLine, Falco("proc.cmdline")),
        (CanonicalField.Process, Falco("proc.exepath", "proc.name")),
        (CanonicalField.ParentProcess, Falco("proc.pname")),
        (CanonicalField.UserAgent, Falco("ct.useragent")),
        (CanonicalField.Host, ["labels.host.hostName", .. Falco("k8s.pod.name", "container.name")]),
        (CanonicalField.SourceIp, Defender("Client IP address", "Attacker source IP")),
        (CanonicalField.User, Defender("User Name")),
        (CanonicalField.Host, Defender("Compromised Host")),
        (CanonicalField.CommandLine, Defender("Suspicious Command Line")),
    ];
}
