namespace Verdict.Ingest;

/// <summary>
/// A Kubernetes audit event (<c>apiVersion: audit.k8s.io/v1</c>, <c>kind: Event</c>), read by its documented fields:
/// <list type="bullet">
/// <item>It names no detection: its request is what happened, so it gets a <c>detection</c> field written from the
/// request's verb and resource, "Kubernetes create pods/exec" (<c>verb</c>, <c>objectRef.resource</c>,
/// <c>objectRef.subresource</c>), or for a non-resource request (no <c>objectRef</c>) its path, "Kubernetes get /healthz"
/// (<c>requestURI</c>). A record with a <c>detection</c> field already keeps it.</item>
/// <item><c>sourceIPs</c> lists the client first, then the proxies it came through (X-Forwarded-For, X-Real-Ip, the
/// remote address): the first is the caller, so that is the address read.</item>
/// </list>
/// This is the only place a Kubernetes audit event's rule is written; the parts are kept.
/// </summary>
internal static class KubernetesAudit
{
    public static void Add(List<KeyValuePair<string, string>> fields)
    {
        string? Value(string name) => fields.Find(f => f.Key == name).Value is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        if (Value("apiVersion") is not { } api || !api.StartsWith("audit.k8s.io/", StringComparison.Ordinal)) return;
        if (Value("sourceIPs") is { } ips && ips.Contains(',', StringComparison.Ordinal))
            fields[fields.FindIndex(f => f.Key == "sourceIPs")] = new("sourceIPs", ips.Split(',')[0].Trim());
        if (Value("verb") is not { } verb || Value(DerivedFields.Detection) is not null) return;
        var resource = Value("objectRef.resource") ?? Value("requestURI") ?? "";
        if (Value("objectRef.subresource") is { } sub) resource += "/" + sub;
        fields.Add(new(DerivedFields.Detection, $"Kubernetes {verb} {resource}".TrimEnd()));
    }
}
