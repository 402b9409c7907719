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
/// <c>requestReceivedTimestamp</c>, <c>auditID</c>; the rule is written by <see cref="Complete"/> from the verb and
/// the object ("Kubernetes API: create pods/exec").</item>
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

    /// <summary>The field a Kubernetes audit event's rule is written to (a rule alias).</summary>
    public const string KubernetesRule = "detection";

    /// <summary>
    /// A Kubernetes audit event names no detection: the request is the rule ("Kubernetes API: create pods/exec in olb").
    /// Only for a record whose <c>apiVersion</c> is <c>audit.k8s.io/...</c> and which names no rule of its own.
    /// </summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "apiVersion") is not { } version || !version.StartsWith("audit.k8s.io/", StringComparison.OrdinalIgnoreCase)) return;
        if (Value(fields, KubernetesRule) is not null || Value(fields, "verb") is not { } verb) return;
        var resource = Value(fields, "objectRef.resource") ?? "resource";
        var sub = Value(fields, "objectRef.subresource");
        var ns = Value(fields, "objectRef.namespace");
        fields.Add(new(KubernetesRule, $"Kubernetes API: {verb} {resource}{(sub is null ? "" : "/" + sub)}{(ns is null ? "" : " in " + ns)}"));
        // sourceIPs lists the client first, then any proxies: the client is the caller.
        if (Value(fields, "sourceIPs") is { } ips && ips.Contains(',', StringComparison.Ordinal))
            fields[fields.FindIndex(f => f.Key == "sourceIPs")] = new("sourceIPs", ips.Split(',')[0].Trim());
    }

    private static string? Value(List<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var (key, value) in fields)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        return null;
    }
}
