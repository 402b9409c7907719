namespace Verdict.Ingest;

/// <summary>
/// Field names of cloud products' native records (after JSON flattening), added to <see cref="VendorFieldNames"/>:
/// <list type="bullet">
/// <item>AWS Security Hub findings (ASFF): the principal of an IAM finding
/// (<c>Resources[0].Details.AwsIamAccessKey.UserName</c>) and the caller's address and country
/// (<c>Action.AwsApiCallAction.RemoteIpDetails</c>, and the other GuardDuty action types').</item>
/// <item>Entra ID audit logs (Graph <c>directoryAudit</c>): the initiating user and their address
/// (<c>initiatedBy.user.userPrincipalName</c>, <c>initiatedBy.user.ipAddress</c>).</item>
/// <item>Kubernetes API audit events (<c>audit.k8s.io</c> <c>Event</c>): <c>user.username</c>, <c>sourceIPs</c>,
/// <c>requestReceivedTimestamp</c>, <c>auditID</c>; the rule and the client's address are written by
/// <see cref="KubernetesAudit"/>.</item>
/// </list>
/// </summary>
internal static class CloudVendorFields
{
    private const string Asff = "Action.";

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.User, ["Resources.0.Details.AwsIamAccessKey.UserName", "initiatedBy.user.userPrincipalName", "user.username"]),
        (CanonicalField.SourceIp, [Asff + "AwsApiCallAction.RemoteIpDetails.IpAddressV4", Asff + "NetworkConnectionAction.RemoteIpDetails.IpAddressV4",
            Asff + "PortProbeAction.PortProbeDetails.0.RemoteIpDetails.IpAddressV4", Asff + "KubernetesApiCallAction.RemoteIpDetails.IpAddressV4",
            "initiatedBy.user.ipAddress", "sourceIPs"]),
        (CanonicalField.Country, [Asff + "AwsApiCallAction.RemoteIpDetails.Country.CountryCode"]),
        (CanonicalField.Time, ["requestReceivedTimestamp"]),
        (CanonicalField.Id, ["auditID"]),
    ];
}
