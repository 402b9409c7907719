using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Reads the fields WAF, IDS and firewall threat logs keep under their own documented names, so the web evidence sees
/// the request, the answer, the control's action and the client whatever product raised the alert:
/// Azure Front Door / Application Gateway WAF (<c>properties.clientIP</c>, <c>requestUri</c>, <c>action</c>,
/// <c>policyMode</c>, <c>details.matches[].matchVariableValue</c>), F5 ASM remote log (<c>ip_client</c>, <c>query_string</c>,
/// <c>request</c>, <c>response</c>, <c>request_status</c>, <c>sig_names</c>, <c>violations</c>), PAN-OS threat log (<c>threatid</c>,
/// <c>misc</c> = the URL, <c>subtype</c>), Zeek notice.log (<c>note</c>, <c>id.orig_h</c>, <c>id.resp_h</c>), Snort 3 alert_json (<c>msg</c>, <c>src_addr</c>),
/// Sophos Firewall IPS log (<c>log_subtype</c> Drop / Detect is what the IPS did), and CEF's <c>request</c> extension when it
/// holds a URL (NetScaler AppFirewall) rather than a raw request.
/// </summary>
public static partial class NetworkRecord
{
    /// <summary>True for a record shaped like a network security product's log, whatever other fields it carries
    /// (a PAN-OS "from" zone is not a mail sender; an Azure WAF log's operationName is not a cloud control-plane call).</summary>
    public static bool IsNetworkProduct(Alert a) =>
        WafCategory().IsMatch(a.Raw("category") ?? "")
        || (a.Has("threatid") && string.Equals(a.Raw("type"), "THREAT", StringComparison.OrdinalIgnoreCase))
        || (a.Has("note") && a.Has("id.orig_h", "suppress_for", "peer_descr")) // Zeek notice.log: a notice without a connection has only src/dst
        || (a.Has("src_ap") && a.Has("gid") && a.Has("sid"))
        || (a.Has("support_id") && a.Has("violations", "request_status"))
        || a.Has("attackData.clientIP") || (a.Has("agentResponseCode") && a.Has("tags.0.type")) // Akamai SIEM, Fastly NGWAF
        || (a.Has("loguid") && a.Has("protection_name")) // Check Point Log Exporter
        || IsDeviceBehaviour(a);

    /// <summary>An NDR detection about how an internal device behaves (Darktrace model breach, Vectra detection, ExtraHop
    /// detection with its offender participant): the
    /// device is its subject, so being internal says nothing for it.</summary>
    public static bool IsDeviceBehaviour(Alert a) =>
        (a.Has("pbid") && a.Has("model.now.name", "model.then.name")) || (a.Has("detection_category") && a.Has("src_host.name"))
        || string.Equals(a.Raw("participants.0.role"), "offender", StringComparison.OrdinalIgnoreCase); // ExtraHop Reveal(x) detection

    /// <summary>The alert with the product's own fields added under canonical names (never replacing what ingest already read), and its client address.</summary>
    public static Alert Complete(Alert a)
    {
        a = NetworkVendors.Read(WithoutConsoleLink(a));
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) added.Add(new(key, value));
        }
        var raw = (a.Raw("request") ?? "").Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
        var (line, head, body) = Split(raw);
        // CEF's "request" extension is the URL itself (NetScaler AppFirewall, many CEF sources); F5's is the raw request.
        var cefUrl = head.Length == 0 && Uri.TryCreate(line.Trim(), UriKind.Absolute, out var u) && u.Scheme.StartsWith("http", StringComparison.Ordinal) ? line.Trim() : null;
        var uri = a.Raw("properties.requestUri", "requestUri") ?? RequestTarget(line) ?? a.Field(CanonicalField.Url) ?? cefUrl ?? a.Raw("misc");
        // The product's own query field is whole; the raw request line it also logs may be cut short ("GET /export?id=4B... HTTP/1.1").
        if (uri is not null && a.Raw("query_string") is { Length: > 0 } query && !ValueShape.IsPlaceholder(query) && !uri.Contains(query.TrimStart('?'), StringComparison.Ordinal))
            uri = uri.Split('?')[0] + "?" + query.TrimStart('?');
        Add("url", uri);
        if (a.Field(CanonicalField.RequestHeaders) is null) Add("request_headers", head);
        // What the WAF matched (a cookie, a parameter, a header) is request text too: append it to the body it may sit in.
        var matched = string.Join("\n", a.Fields.Where(f => f.Key.EndsWith("matchVariableValue", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value));
        if (a.Field(CanonicalField.RequestBody) is null) Add("request_body", string.Join("\n", new[] { body, matched }.Where(s => s.Length > 0)));
        var response = (a.Raw("response") ?? "").Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        if (a.Field(CanonicalField.ResponseBody) is null) Add("response_body", Split(response) is { Body.Length: > 0 } r ? r.Body : response);
        if (a.Field(CanonicalField.Result) is null) Add("result", a.Raw("properties.action", "request_status", "log_subtype"));
        if (added.Count == 0 && a.SourceIp is not null) return a;
        return a with
        {
            Fields = [.. added, .. a.Fields],
            SourceIp = a.SourceIp ?? a.Raw("properties.clientIP", "clientIP", "ip_client", "id.orig_h", "src_addr"),
        };
    }

    /// <summary>
    /// A URL that carries the alert's own id ("https://ndr.example/#/detections/detail/2100001") is the product's link to
    /// the alert in its console, not a request anyone sent: it is kept under another name, so it is never read as one.
    /// </summary>
    public static Alert WithoutConsoleLink(Alert a)
    {
        var index = -1;
        for (var i = 0; i < a.Fields.Count && index < 0; i++)
        {
            if (FieldNames.Recognize(a.Fields[i].Key) == CanonicalField.Url && !string.IsNullOrWhiteSpace(a.Fields[i].Value)) index = i;
        }
        if (index < 0 || a.Id.Length < 4 || !Uri.TryCreate(a.Fields[index].Value.Trim(), UriKind.Absolute, out var link)
            || !link.Scheme.StartsWith("http", StringComparison.Ordinal)) return a;
        var segments = (link.AbsolutePath + "/" + link.Fragment.TrimStart('#')).Split('/', '=', '?', '&');
        if (!segments.Contains(a.Id, StringComparer.OrdinalIgnoreCase)) return a;
        var fields = a.Fields.ToList();
        fields[index] = new("console_link", fields[index].Value);
        return a with { Fields = fields };
    }

    /// <summary>Everything the product says about what it detected: rule, message, signature names, violations, Zeek note.</summary>
    public static string Signature(Alert a) => string.Join(" | ", new[]
    {
        a.Rule, a.Description, a.Raw("threatid"), a.Raw("properties.ruleName"), a.Raw("properties.details.msg"), a.Raw("note"),
        a.Raw("sig_names"), a.Raw("violations"), a.Raw("attack_type"),
    }.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase));

    /// <summary>The path of a URL given with a scheme, as a path, or as PAN-OS writes it (host/path, no scheme).</summary>
    public static string Path(string uri)
    {
        var path = WebSite.PathOf(uri);
        if (path.Length > 0 && path[0] != '/' && !path.Contains("://", StringComparison.Ordinal))
            path = path.IndexOf('/', StringComparison.Ordinal) is var i and >= 0 ? path[i..] : "/";
        return path;
    }

    private static string? RequestTarget(string line) => line.Split(' ') is [_, var target, ..] && target.StartsWith('/') ? target : null;

    private static (string Line, string Head, string Body) Split(string raw)
    {
        if (raw.Length == 0) return ("", "", "");
        var end = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? raw : raw[..end];
        var body = end < 0 ? "" : raw[(end + 2)..];
        var nl = head.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? (head, "", body) : (head[..nl], head[(nl + 1)..], body);
    }

    [GeneratedRegex(@"(?i)^(?:FrontDoorWebApplicationFirewallLog|ApplicationGatewayFirewallLog|WebApplicationFirewallLogs?)$")]
    private static partial Regex WafCategory();
}
