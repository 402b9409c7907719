using System.Text;
using System.Text.RegularExpressions;
using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// ArcSight CEF, whatever shape it reaches Verdict in, read by its own documented keys:
/// <list type="bullet">
/// <item>A raw CEF line inside a text field (a syslog collector's JSON <c>message</c>, a SIEM's <c>_raw</c> or
/// <c>event.original</c>), with or without a syslog header before it: its header becomes <c>cefVersion</c>,
/// <c>deviceVendor</c>, <c>deviceProduct</c>, <c>deviceVersion</c>, <c>deviceEventClassId</c>, <c>name</c> and
/// <c>severity</c>, and each extension key (<c>src</c>, <c>act</c>, <c>request</c>, <c>cs1</c> with its
/// <c>cs1Label</c>...) a field of its own, ahead of the envelope's fields (the collector's host and syslog severity
/// say nothing about the event). CEF escapes (<c>\|</c>, <c>\=</c>, <c>\\</c>, <c>\n</c>) are undone.</item>
/// <item>CEF keys kept as JSON fields (a SIEM that parsed the line, or the line above): the URL <c>request</c>, <c>requestMethod</c>, the user agent <c>requestClientApplication</c> and the ports
/// <c>spt</c>/<c>dpt</c> are also given under the names Verdict reads.</item>
/// <item>Microsoft Sentinel's <c>CommonSecurityLog</c> rows (the CEF connector's table): the rule is <c>Activity</c>
/// (the CEF name) rather than the table's name in <c>Type</c>, or the <c>Message</c> when <c>Activity</c> is only the
/// log's type:subtype ("utm:ips signature"); <c>DeviceAction</c> is the action taken, <c>RequestMethod</c> and
/// <c>RequestClientApplication</c> the method and user agent.</item>
/// </list>
/// <item>IBM's LEEF (1.0 and 2.0) line inside a text field, read the same way: its header becomes <c>leefVersion</c>,
/// <c>deviceVendor</c>, <c>deviceProduct</c>, <c>deviceVersion</c> and the event id as <c>name</c> (LEEF has no separate
/// name), and each attribute (tab-separated, or by the delimiter LEEF 2.0 names: "^" or its hex "x5E") a field of its own
/// (<c>src</c>, <c>dst</c>, <c>usrName</c>...). LEEF's <c>sev</c> (1-10) is not read as a severity.</item>
/// A record that already has a field of an added name keeps its own.
/// </summary>
public static partial class CefFields
{
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        ExpandLine(fields);
        var sentinel = fields.Exists(f => f.Key.Equals("Type", StringComparison.Ordinal) && f.Value.Trim().Equals("CommonSecurityLog", StringComparison.OrdinalIgnoreCase));
        var native = Value(fields, "cefVersion") is not null || (Value(fields, "deviceVendor") is not null && Value(fields, "deviceProduct") is not null);
        if (!sentinel && !native) return;
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value) && Value(fields, key) is null) added.Add(new(key, value.Trim()));
        }
        if (sentinel && Value(fields, "Activity") is { } activity)
            Add("rule", LogTypeLabel().IsMatch(activity) && Value(fields, "Message") is { Length: <= 200 } message ? message : activity);
        // ArcSight's full name deviceAction is the same column as Sentinel's DeviceAction, and some products write an event
        // name there (a vault's "Retrieve password"): it is read as the action taken only in a CommonSecurityLog row. The
        // native act is left to the readers that know their product's words (a mail gateway's QUARANTINED is not the
        // end of the story when the message was convicted malware).
        if (sentinel) Add("action", Value(fields, "DeviceAction"));
        if (native && Value(fields, "request") is { } request && !request.Contains('\n', StringComparison.Ordinal) && !request.Contains(' ', StringComparison.Ordinal)) Add("url", request);
        Add("http_method", Value(fields, "requestMethod"));
        Add("user_agent", Value(fields, "requestClientApplication"));
        if (native)
        {
            Add("src_port", Value(fields, "spt"));
            Add("dst_port", Value(fields, "dpt"));
        }
        fields.InsertRange(0, added);
    }

    /// <summary>True for a record that carries a raw CEF line's parts or is a CEF row (its severity then runs 0-10).</summary>
    public static bool IsCef(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        fields.Any(f => f.Key.Equals("cefVersion", StringComparison.OrdinalIgnoreCase));

    /// <summary>The first text field holding a CEF line (after an optional syslog header), parsed into fields at the front.</summary>
    private static void ExpandLine(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "cefVersion") is not null) return;
        foreach (var (_, value) in fields)
        {
            if (value.Length < 12 || (Near(value, "CEF:") ? Parse(value) : Near(value, "LEEF:") ? ParseLeef(value) : null) is not { } parsed) continue;
            fields.InsertRange(0, parsed);
            return;
        }
    }

    /// <summary>A CEF line's header and extension as fields; null when the text is not a CEF line (fewer than seven header parts).</summary>
    public static List<KeyValuePair<string, string>>? Parse(string text)
    {
        var start = LineStart().Match(text);
        if (!start.Success) return null;
        var rest = text[(start.Index + start.Value.IndexOf("CEF:", StringComparison.Ordinal) + 4)..];
        var header = new List<string>();
        var part = new StringBuilder();
        var i = 0;
        for (; i < rest.Length && header.Count < 7; i++)
        {
            var ch = rest[i];
            if (ch == '\\' && i + 1 < rest.Length && rest[i + 1] is '|' or '\\') part.Append(rest[++i]);
            else if (ch == '|')
            {
                header.Add(part.ToString().Trim());
                part.Clear();
            }
            else part.Append(ch);
        }
        if (header.Count < 7) return null;
        string[] names = ["cefVersion", "deviceVendor", "deviceProduct", "deviceVersion", "deviceEventClassId", "name", "severity"];
        var fields = names.Select((n, k) => new KeyValuePair<string, string>(n, header[k])).Where(f => f.Value.Length > 0).ToList();
        fields.AddRange(Extension(rest[i..]));
        return fields;
    }

    private static bool Near(string value, string marker) => value.IndexOf(marker, StringComparison.Ordinal) is >= 0 and < 200;

    /// <summary>A LEEF line's header and attributes as fields; null when the text is not a LEEF line.</summary>
    public static List<KeyValuePair<string, string>>? ParseLeef(string text)
    {
        var start = LeefStart().Match(text);
        if (!start.Success) return null;
        var parts = text[(start.Index + start.Length)..].Split('|');
        if (parts.Length < 5) return null;
        var version = start.Groups[1].Value;
        var delimiter = "\t";
        var attributes = string.Join('|', parts[4..]);
        if (version.StartsWith('2') && parts.Length >= 6)
        {
            delimiter = parts[4].Trim() is ['x' or 'X', ..] hex && int.TryParse(hex[1..], System.Globalization.NumberStyles.HexNumber, null, out var code)
                ? ((char)code).ToString() : parts[4].Trim();
            attributes = string.Join('|', parts[5..]);
        }
        if (delimiter.Length == 0) delimiter = "\t";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("leefVersion", version), new("deviceVendor", parts[0].Trim()), new("deviceProduct", parts[1].Trim()),
            new("deviceVersion", parts[2].Trim()), new("name", parts[3].Trim()),
        };
        foreach (var attribute in attributes.Split(delimiter))
        {
            var equals = attribute.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && attribute[(equals + 1)..].Trim() is { Length: > 0 } value) fields.Add(new(attribute[..equals].Trim(), value));
        }
        return fields.Where(f => f.Value.Length > 0).ToList();
    }

    /// <summary>"k1=v1 k2=v with spaces k3=v3": a value runs to the next " key=" whose '=' is not escaped.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Extension(string text)
    {
        var keys = ExtensionKey().Matches(text);
        for (var k = 0; k < keys.Count; k++)
        {
            var from = keys[k].Index + keys[k].Length;
            var to = k + 1 < keys.Count ? keys[k + 1].Index : text.Length;
            var value = Unescape(text[from..to].Trim());
            if (value.Length > 0) yield return new(keys[k].Groups[1].Value, value);
        }
    }

    private static string Unescape(string value) => value.Contains('\\', StringComparison.Ordinal)
        ? Escape().Replace(value, m => m.Groups[1].Value switch { "n" => "\n", "r" => "\r", var c => c })
        : value;

    /// <summary>"CEF:0|" at the text's start or after a syslog header ("&lt;134&gt;Nov 16 03:14:55 host CEF:0|").</summary>
    [GeneratedRegex(@"(?:^|\s)CEF:\d+\|")]
    private static partial Regex LineStart();

    /// <summary>"LEEF:1.0|" or "LEEF:2.0|" at the text's start or after a syslog header.</summary>
    [GeneratedRegex(@"(?:^|\s)LEEF:([12](?:\.0)?)\|")]
    private static partial Regex LeefStart();

    [GeneratedRegex(@"(?:^|(?<=\s))([A-Za-z][A-Za-z0-9_.]{0,62})=(?<!\\=)")]
    private static partial Regex ExtensionKey();

    [GeneratedRegex(@"\\([\\=nr|])")]
    private static partial Regex Escape();

    /// <summary>A CEF name that is only the log's type and subtype ("utm:ips signature", "traffic:forward"), not a detection.</summary>
    [GeneratedRegex(@"^[a-z-]+:[a-z -]+$")]
    private static partial Regex LogTypeLabel();
}
