namespace Verdict.Ingest;

/// <summary>
/// A Kubernetes audit event (<c>apiVersion: audit.k8s.io/v1</c>, <c>kind: Event</c>) names no detection: its request is
/// what happened, so it gets a <c>detection</c> field written from the request's verb and resource, "Kubernetes create
/// pods/exec" (<c>verb</c>, <c>objectRef.resource</c>, <c>objectRef.subresource</c>). A record with a
/// <c>detection</c> field already is left alone; the parts are kept.
/// </summary>
internal static class KubernetesAudit
{
    public static void Add(List<KeyValuePair<string, string>> fields)
    {
        string? Value(string name) => fields.Find(f => f.Key == name).Value is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        if (Value("apiVersion") is not { } api || !api.StartsWith("audit.k8s.io/", StringComparison.Ordinal)
            || Value("verb") is not { } verb || Value(DerivedFields.Detection) is not null) return;
        var resource = Value("objectRef.resource") ?? Value("requestURI") ?? "";
        if (Value("objectRef.subresource") is { } sub) resource += "/" + sub;
        fields.Add(new(DerivedFields.Detection, $"Kubernetes {verb} {resource}".TrimEnd()));
    }
}
