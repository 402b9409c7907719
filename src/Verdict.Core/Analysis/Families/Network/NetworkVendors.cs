using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Reads what WAF and IPS products keep under their own documented names, so the web evidence sees the request, the
/// control's action, the rule and the detector's rating:
/// Imperva Cloud WAF CEF (as Sentinel <c>CommonSecurityLog</c>: <c>Activity</c> is the rule, <c>DeviceAction</c>
/// REQ_BLOCKED / REQ_CHALLENGE_* / REQ_PASSED, <c>RequestClientApplication</c> the user agent, and the query string,
/// cookie, referer and body inside <c>AdditionalExtensions</c> as <c>qstr=</c>, <c>cookie=</c>, <c>ref=</c>,
/// <c>requestBody=</c>, with the rule's name in the labelled <c>csN</c>);
/// FortiWeb attack logs (<c>http_url</c>, <c>http_host</c>, <c>http_agent</c>, <c>http_cookie</c>, <c>http_refer</c>,
/// <c>action</c> Alert / Alert_Deny, <c>signature_subclass</c>, the matched body in <c>msg</c>);
/// FortiGate IPS logs (<c>attack</c> is the rule, <c>severity</c> the attack's rating where <c>level</c> is the log's
/// level, <c>agent</c> the user agent);
/// Cisco FTD intrusion events (430001: <c>InlineResult</c> Blocked / Would block, Snort <c>Priority</c> 1 highest);
/// Google Cloud Armor request logs (the LogEntry <c>severity</c> is the log's level, not a rating).
/// Placeholder user names ("Unknown", "No Authentication Required") are no user.
/// </summary>
public static partial class NetworkVendors
{
    public static Alert Read(Alert a)
    {
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) added.Add(new(key, value.Trim()));
        }
        var rule = a.Rule;
        var severity = a.DetectorSeverity;
        // A raw CEF line (read into its own keys, see CefFields) carries the extension keys as fields; a Sentinel row keeps
        // the ones it has no column for in AdditionalExtensions.
        var native = a.Has("cefVersion");
        var ext = a.Raw("AdditionalExtensions") is { } text ? Extensions(text)
            : native ? WithLabels(a.Fields)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if ((a.Raw("DeviceAction") ?? (native ? a.Raw("act") : null)) is { } deviceAction
            && ((a.Raw("DeviceVendor") ?? "").Contains("incapsula", StringComparison.OrdinalIgnoreCase) || ext.ContainsKey("qstr")))
        {
            if (string.Equals(rule, "CommonSecurityLog", StringComparison.OrdinalIgnoreCase) && a.Raw("Activity") is { } activity) rule = activity;
            Add("attack_type", string.Join(" | ", new[] { ext.GetValueOrDefault("Rule name"), ext.GetValueOrDefault("Rule Info") }.Where(s => !string.IsNullOrWhiteSpace(s))));
            Add("query_string", ext.GetValueOrDefault("qstr"));
            Add("user_agent", a.Raw("RequestClientApplication") ?? ext.GetValueOrDefault("requestClientApplication"));
            Add("request_headers", Headers(a.Raw("DestinationHostName") ?? ext.GetValueOrDefault("sourceServiceName"), ext.GetValueOrDefault("ref"), ext.GetValueOrDefault("cookie"), ext.GetValueOrDefault("xff")));
            Add("request_body", ext.GetValueOrDefault("requestBody") ?? ext.GetValueOrDefault("postbody"));
            Add("result", ImpervaAction(deviceAction));
        }
        else if (a.Has("http_url") && a.Has("signature_subclass", "main_type"))
        {
            if (string.Equals(rule, a.Raw("type"), StringComparison.OrdinalIgnoreCase) && a.Raw("signature_subclass") is { } subclass) rule = subclass;
            Add("url", a.Raw("http_url"));
            Add("user_agent", a.Raw("http_agent"));
            Add("request_headers", Headers(a.Raw("http_host"), a.Raw("http_refer"), a.Raw("http_cookie"), a.Raw("x_forwarded_for")));
            if (a.Description.IndexOf("body: ", StringComparison.OrdinalIgnoreCase) is var at and >= 0) Add("request_body", a.Description[(at + 6)..]);
            Add("result", (a.Raw("action") ?? "").Contains("deny", StringComparison.OrdinalIgnoreCase) || (a.Raw("action") ?? "").Contains("block", StringComparison.OrdinalIgnoreCase) ? "deny" : "logged");
            severity = a.Raw("severity_level") is { } level ? SeverityScale.Read("severity_level", level) ?? severity : severity;
        }
        else if (a.Has("attackid") && a.Raw("attack") is { } attack)
        {
            if (string.Equals(rule, a.Raw("type"), StringComparison.OrdinalIgnoreCase)) rule = attack;
            Add("user_agent", a.Raw("agent"));
            severity = a.Raw("severity", "crlevel") is { } rating ? SeverityScale.Read("severity", rating) ?? severity : severity;
        }
        else if (a.Raw("InlineResult") is { } inline)
        {
            Add("result", inline.ToLowerInvariant());
            severity = a.Raw("Priority") is { } priority ? SeverityScale.Read("alert.severity", priority) ?? severity : severity;
        }
        if (a.Has("jsonPayload.enforcedSecurityPolicy.name", "jsonPayload.previewSecurityPolicy.name"))
        {
            severity = null;
            if (a.Field(CanonicalField.Url) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u)) Add("request_headers", Headers(u.Host, a.Raw("httpRequest.referer"), null, null));
        }
        var user = ValueShape.IsPlaceholder(a.User) ? null : a.User;
        if (added.Count == 0 && rule == a.Rule && severity == a.DetectorSeverity && user == a.User) return a;
        added.RemoveAll(f => f.Key != "result" && f.Key != "attack_type" && FieldNames.Recognize(f.Key) is { } field && a.Field(field) is not null);
        return a with { Rule = rule, DetectorSeverity = severity, User = user, Fields = [.. added, .. a.Fields] };
    }

    /// <summary>A user-name field's value that names nobody.</summary>

    private static string? Headers(string? host, string? referer, string? cookie, string? forwarded)
    {
        var lines = new List<string>();
        if (!IsNone(host)) lines.Add("Host: " + host);
        if (!IsNone(referer)) lines.Add("Referer: " + referer);
        if (!IsNone(cookie)) lines.Add("Cookie: " + cookie);
        if (!IsNone(forwarded)) lines.Add("X-Forwarded-For: " + forwarded);
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static bool IsNone(string? s) => string.IsNullOrWhiteSpace(s) || s.Trim() is "none" or "-" or "N/A" or "NA";

    /// <summary>Imperva's DeviceAction in the words the web evidence reads: blocked, challenge, or passed.</summary>
    private static string ImpervaAction(string action)
    {
        var s = action.ToUpperInvariant();
        return s.StartsWith("REQ_BLOCKED", StringComparison.Ordinal) || s.StartsWith("REQ_BAD", StringComparison.Ordinal) ? "blocked"
            : s.StartsWith("REQ_CHALLENGE", StringComparison.Ordinal) ? "challenge"
            : "passed";
    }

    /// <summary>CEF extension "k1=v1 k2=v with spaces k3=v3": a value runs to the next " key=". A csN's value is also given under its csNLabel.</summary>
    public static Dictionary<string, string> Extensions(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var keys = ExtensionKey().Matches(text);
        for (var i = 0; i < keys.Count; i++)
        {
            var start = keys[i].Index + keys[i].Length;
            var end = i + 1 < keys.Count ? keys[i + 1].Index : text.Length;
            map.TryAdd(keys[i].Groups[1].Value, text[start..end].Trim());
        }
        return WithLabels(map);
    }

    /// <summary>The fields by name (the first of each), with a csN's value also given under its csNLabel.</summary>
    private static Dictionary<string, string> WithLabels(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in fields) map.TryAdd(key, value);
        foreach (var (key, label) in map.Where(p => p.Key.EndsWith("Label", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (map.TryGetValue(key[..^5], out var value) && label.Length > 0) map.TryAdd(label, value);
        }
        return map;
    }

    [GeneratedRegex(@"(?:^|(?<=\s)(?<!;\s))([A-Za-z][A-Za-z0-9_]{0,40})=")]
    private static partial Regex ExtensionKey();

}
