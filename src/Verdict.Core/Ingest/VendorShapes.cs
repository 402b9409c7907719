namespace Verdict.Ingest;

/// <summary>
/// Adds, after flattening, the fields a vendor spreads over several so that Verdict reads them as one:
/// request headers sent as an object (ModSecurity <c>transaction.request.headers: {"Host": ...}</c>, <c>req_header: {...}</c>)
/// or as a list of name/value pairs (AWS WAF <c>httpRequest.headers: [{"name", "value"}]</c>) are also given as one field
/// under the object's own name, a "Name: value" line each; AWS WAF's <c>httpRequest.uri</c> and <c>httpRequest.args</c>
/// are also given as <c>httpRequest.url</c> ("uri?args"), and Cloudflare's <c>ClientRequestPath</c> and
/// <c>ClientRequestQuery</c> as <c>ClientRequestURI</c> (the name Cloudflare's HTTP request logs give the whole). Each added field stands where its first part stood; the parts
/// are kept. A record that already has a field of that name is left alone.
/// </summary>
public static class VendorShapes
{
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        EndpointExportFields.Complete(fields);
        EndpointVendorFields.Complete(fields);
        CefFields.Complete(fields);
        SyslogLineFields.Complete(fields);
        AntivirusProductFields.Complete(fields);
        EdrProductFields.Complete(fields);
        GraphEvidence.Complete(fields);
        Headers(fields);
        WafUrl(fields);
        CloudflareUrl(fields);
        NetworkVendorFields.Derive(fields);
        WebVendorRecords.Complete(fields);
        DerivedFields.Add(fields);
        KubernetesAudit.Add(fields);
        EndpointProductFields.Complete(fields);
    }

    private static void Headers(List<KeyValuePair<string, string>> fields)
    {
        var groups = new Dictionary<string, (int At, List<string> Lines)>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            // Every headers alias has "header" in it: other fields are passed over without allocating.
            if (!fields[i].Key.Contains("header", StringComparison.OrdinalIgnoreCase)) continue;
            if (HeaderLine(fields, i) is not ({ } parent, { } line)) continue;
            if (!groups.TryGetValue(parent, out var group)) groups[parent] = group = (i, []);
            group.Lines.Add(line);
        }
        foreach (var (parent, (at, lines)) in groups.OrderByDescending(g => g.Value.At))
        {
            if (fields.Exists(f => f.Key == parent)) continue;
            fields.Insert(at, new(parent, string.Join("\n", lines)));
        }
    }

    /// <summary>"P.Host" under a headers object P gives (P, "Host: value"); "P.3.name" with "P.3.value" gives (P, "name: value").</summary>
    private static (string Parent, string? Line)? HeaderLine(List<KeyValuePair<string, string>> fields, int i)
    {
        var (name, value) = fields[i];
        var dot = name.LastIndexOf('.');
        if (dot <= 0) return null;
        var parent = name[..dot];
        var last = name[(dot + 1)..];
        if (IsHeaders(parent)) return (parent, $"{last}: {value}");
        var inner = parent.LastIndexOf('.');
        if (inner <= 0 || !parent[(inner + 1)..].All(char.IsAsciiDigit) || !IsHeaders(parent[..inner])) return null;
        if (!last.Equals("name", StringComparison.OrdinalIgnoreCase)) return (parent[..inner], null);
        var pair = fields.FindIndex(f => f.Key.Equals(parent + ".value", StringComparison.OrdinalIgnoreCase));
        return (parent[..inner], pair < 0 ? null : $"{value}: {fields[pair].Value}");
    }

    private static bool IsHeaders(string name) => FieldNames.Recognize(name) == CanonicalField.RequestHeaders;

    private static void WafUrl(List<KeyValuePair<string, string>> fields)
    {
        var uri = fields.FindIndex(f => f.Key == "httpRequest.uri");
        var args = fields.FindIndex(f => f.Key == "httpRequest.args");
        if (uri < 0 || fields.Exists(f => f.Key == "httpRequest.url")) return;
        var query = args < 0 ? "" : fields[args].Value.Trim();
        fields.Insert(uri, new("httpRequest.url", query.Length == 0 ? fields[uri].Value : fields[uri].Value + "?" + query));
    }

    private static void CloudflareUrl(List<KeyValuePair<string, string>> fields)
    {
        // Logpush writes ClientRequestPath, the GraphQL API (firewallEventsAdaptive) clientRequestPath: the same field.
        var path = fields.FindIndex(f => f.Key.Equals("ClientRequestPath", StringComparison.OrdinalIgnoreCase));
        if (path < 0 || fields.Exists(f => f.Key.Equals("ClientRequestURI", StringComparison.OrdinalIgnoreCase))) return;
        var query = fields.Find(f => f.Key.Equals("ClientRequestQuery", StringComparison.OrdinalIgnoreCase)).Value?.Trim().TrimStart('?') ?? "";
        fields.Insert(path, new("ClientRequestURI", query.Length == 0 ? fields[path].Value : fields[path].Value + "?" + query));
    }
}
