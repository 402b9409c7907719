using System.Text.RegularExpressions;

namespace Verdict.Ingest;

/// <summary>
/// Firewall syslog lines that reach Verdict inside a collector's text field (its JSON <c>message</c>, a SIEM's
/// <c>_raw</c>), read by their vendors' documented layouts, as <see cref="CefFields"/> reads a CEF line:
/// <list type="bullet">
/// <item>Cisco ASA and Firepower Threat Defense (<c>%ASA-4-106023:</c>, <c>%FTD-1-430001:</c>, level then message id).
/// FTD's security events (4300xx: intrusion, connection, file, malware) are "Key: Value, " pairs: each becomes a field
/// (<c>SrcIP</c>, <c>DstIP</c>, <c>User</c>, <c>InlineResult</c>...), the intrusion rule's <c>Message</c> is the
/// detection, its Snort <c>Priority</c> (1 high, 2 medium, 3 low) the severity, <c>Classification</c> the attack type,
/// <c>InlineResult</c> (Blocked, Dropped; "Would have dropped" in detect-only) else <c>AccessControlRuleAction</c> what the
/// device did. A connection event's detection is its access rule and action. Other messages are prose: the detection is
/// the message id with the message's first clause ("ASA-4-106023 Deny tcp"), and the addresses and user are taken from
/// ASA's own phrasings (<c>src IF:IP/port dst IF:IP/port</c>, <c>user = X : user IP = Y</c>, <c>from IP</c>,
/// <c>[ IP]</c>). The syslog level is not read as a severity: FTD sends every intrusion event at level 1.</item>
/// <item>Check Point Log Exporter syslog: the structured part <c>[key:"value"; ...]</c> (or RFC 5424
/// <c>[Fields@2620 key="value" ...]</c>) becomes fields under Check Point's own names (<c>loguid</c>,
/// <c>protection_name</c>, <c>action</c>, <c>src</c>...), which <see cref="WebVendorRecords"/> then reads.</item>
/// <item>FortiGate (and other Fortinet) syslog: <c>key=value</c> / <c>key="value"</c> pairs with <c>logid</c> and <c>type</c>
/// among them become fields under Fortinet's own names (<c>type</c>, <c>subtype</c>, <c>level</c>, <c>action</c>,
/// <c>attack</c>, <c>crlevel</c>, <c>srcip</c>, <c>hostname</c>, <c>url</c>...), read as the same names in a JSON export are.</item>
/// <item>PAN-OS THREAT syslog (its CSV layout: receive time, serial, <c>THREAT</c>, the threat/content type, ...): the
/// documented columns become fields under PAN-OS's own names (<c>src</c>, <c>dst</c>, <c>rule</c>, <c>srcuser</c>,
/// <c>action</c>, <c>misc</c>, <c>threatid</c>, <c>category</c>, <c>severity</c>, <c>device_name</c>...); a URL log's
/// placeholder threat id "(9999)" is read as its category.</item>
/// </list>
/// Fields the record already has keep their value; the readings above are put first, ahead of the collector's own.
/// </summary>
internal static partial class SyslogLineFields
{
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        foreach (var (_, value) in fields)
        {
            if (value.Length < 16) continue;
            var parsed = Cisco(value) ?? CheckPoint(value) ?? Fortinet(value) ?? PanOsThreat(value);
            if (parsed is null) continue;
            // The readings go first: of two names for one field, the earlier in the record is read (FTD's own
            // "Priority" runs 1-3, not the 1-10 a generic "priority" would be read on).
            var added = parsed.Where(p => p.Key.StartsWith('=') && p.Value.Trim().Length > 0).Select(p => new KeyValuePair<string, string>(p.Key[1..], p.Value.Trim()))
                .Concat(parsed.Where(p => p.Value.Trim().Length > 0 && !p.Key.StartsWith('=') && !Has(fields, p.Key)))
                .ToList();
            fields.InsertRange(0, added);
            return;
        }
    }

    /// <summary>A Cisco ASA/FTD line's fields; keys starting with '=' are readings that go ahead of the record's own.</summary>
    private static List<KeyValuePair<string, string>>? Cisco(string text)
    {
        var head = CiscoHead().Match(text);
        if (!head.Success || head.Index > 200) return null;
        var (product, id) = (head.Groups[1].Value, head.Groups[3].Value);
        var body = text[(head.Index + head.Length)..].Trim();
        var result = new List<KeyValuePair<string, string>> { new("cisco_message_id", $"{product}-{head.Groups[2].Value}-{id}") };
        void Read(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) result.Add(new("=" + key, value));
        }
        var pairs = Pairs(body);
        if (pairs.Count >= 3)
        {
            // FTD writes "User: No Authentication Required" (or "Not Found") when it knows no one: no person to read.
            result.AddRange(pairs.Where(p => !(p.Key == "User" && Placeholder(p.Value))));
            string? Get(string key) => pairs.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value;
            var rule = Get("AccessControlRuleName");
            var action = Get("AccessControlRuleAction");
            Read("detection", Get("Message") ?? Get("ThreatName") ?? (Get("FileName") is { } file ? $"{product} file event {Get("Disposition") ?? ""}: {file}".Replace("  ", " ") : null)
                ?? (rule is null ? null : $"{product} connection event: rule {rule} ({action ?? "no action"}{(Get("AccessControlRuleReason") is { } why ? ", " + why : "")})"));
            Read("src_ip", Get("SrcIP"));
            Read("dst_ip", Get("DstIP"));
            Read("src_port", Get("SrcPort"));
            Read("dst_port", Get("DstPort"));
            Read("url", Get("URL"));
            Read("attack_type", Get("Classification"));
            if (Get("User") is { } user && !Placeholder(user)) Read("user", user);
            Read("severity", Get("Priority") switch { "1" => "high", "2" => "medium", "3" => "low", "4" => "info", _ => Get("EventPriority")?.ToLowerInvariant() });
            Read("result", Outcome(Get("InlineResult")) ?? Outcome(action));
            return result;
        }
        var clause = FirstClause(body);
        Read("detection", $"{product}-{head.Groups[2].Value}-{id} {clause}".TrimEnd());
        if (SrcDst().Match(body) is { Success: true } flow)
        {
            Read("src_ip", flow.Groups[1].Value);
            Read("src_port", flow.Groups[2].Value);
            Read("dst_ip", flow.Groups[3].Value);
            Read("dst_port", flow.Groups[4].Value);
        }
        else Read("src_ip", (UserIp().Match(body) is { Success: true } u ? u : FromIp().Match(body) is { Success: true } f ? f : BracketIp().Match(body)).Groups[1].Value);
        if (UserName().Match(body) is { Success: true } name && !Placeholder(name.Groups[1].Value)) Read("user", name.Groups[1].Value);
        var verb = clause.Split(' ')[0].ToLowerInvariant();
        Read("result", verb is "deny" or "denied" or "dropped" or "discarding" or "drop" ? "denied"
            : body.Contains("Rejected", StringComparison.Ordinal) || body.Contains("denied", StringComparison.Ordinal) ? "failure"
            : body.Contains("permitted", StringComparison.Ordinal) || body.Contains("Successful", StringComparison.Ordinal) ? "success" : null);
        return result;
    }

    /// <summary>"Key: Value, Key: "quoted, value", ..." as pairs (FTD 4300xx). Keys may hold spaces ("Prefilter Policy").</summary>
    private static List<KeyValuePair<string, string>> Pairs(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var keys = PairKey().Matches(body);
        for (var k = 0; k < keys.Count; k++)
        {
            var from = keys[k].Index + keys[k].Length;
            var to = k + 1 < keys.Count ? keys[k + 1].Index : body.Length;
            var value = body[from..to].Trim().TrimEnd(',').Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            pairs.Add(new(keys[k].Groups[1].Value.Trim(), value.Replace("\\\\", "\\")));
        }
        return pairs;
    }

    /// <summary>The message's first clause, without addresses: "Deny tcp", "AAA user authentication Rejected", "drop rate-1 exceeded".</summary>
    private static string FirstClause(string body)
    {
        var text = body.StartsWith('[') && body.IndexOf(']') is var close and > 0 ? body[(close + 1)..].Trim() : body;
        var end = text.Length;
        foreach (var stop in new[] { " : ", " src ", " from ", " for ", " to ", ". ", "; ", " on interface" })
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at > 0 && at < end) end = at;
        }
        return text[..end].Trim();
    }

    private static string? Outcome(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "blocked" or "dropped" or "block" or "block with reset" or "interactive block" or "interactive block with reset" => "blocked",
        "allow" or "trust" or "monitor" or "fastpath" => "allowed",
        var other when other.StartsWith("would", StringComparison.Ordinal) || other.StartsWith("partially", StringComparison.Ordinal) => "detected",
        _ => null,
    };

    private static bool Placeholder(string user) =>
        user.Trim() is "" or "*****" or "No Authentication Required" or "Not Found" or "Unknown" or "Guest" || user.Trim().All(c => c == '*');

    /// <summary>Check Point Log Exporter's <c>[k:"v"; k:"v"]</c> or <c>[Fields@2620 k="v" ...]</c>, with <c>loguid</c> or a product name among them.</summary>
    private static List<KeyValuePair<string, string>>? CheckPoint(string text)
    {
        if (!text.Contains("CheckPoint", StringComparison.Ordinal) && !text.Contains("@2620", StringComparison.Ordinal)) return null;
        var open = text.IndexOf('[');
        if (open < 0) return null;
        var pairs = CheckPointPair().Matches(text[open..])
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, m.Groups[3].Value.Replace("\\\"", "\"").Replace("\\]", "]")))
            .ToList();
        if (!pairs.Exists(p => p.Key is "loguid" or "ProductName" or "product")) return null;
        // A key repeated in the line (Log Exporter repeats some) keeps its first value.
        return pairs.DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>A Fortinet line's <c>key=value</c> pairs, when <c>logid</c> and <c>type</c> are among them; a repeated key keeps its first value.</summary>
    private static List<KeyValuePair<string, string>>? Fortinet(string text)
    {
        if (!text.Contains("logid=", StringComparison.Ordinal) || !text.Contains("type=", StringComparison.Ordinal)) return null;
        var pairs = FortinetPair().Matches(text)
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value.Replace("\\\"", "\"") : m.Groups[3].Value))
            .DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return pairs.Exists(p => p.Key == "logid") && pairs.Exists(p => p.Key == "type") ? pairs : null;
    }

    /// <summary>PAN-OS THREAT log columns in their documented order (index 0 is a reserved column); empty names are skipped.</summary>
    private static readonly string[] PanOsThreatColumns =
    [
        "", "receive_time", "serial", "type", "subtype", "", "time_generated", "src", "dst", "natsrc", "natdst", "rule", "srcuser",
        "dstuser", "app", "vsys", "from", "to", "inbound_if", "outbound_if", "logset", "", "sessionid", "repeatcnt", "sport", "dport",
        "natsport", "natdport", "flags", "proto", "action", "misc", "threatid", "category", "severity", "direction", "seqno",
        "actionflags", "srcloc", "dstloc", "", "contenttype", "pcap_id", "filedigest", "cloud", "url_idx", "user_agent", "filetype",
        "xff", "referer", "sender", "subject", "recipient", "reportid", "", "", "", "", "vsys_name", "device_name",
    ];

    /// <summary>A PAN-OS THREAT syslog line (after its syslog header) as PAN-OS's own field names.</summary>
    private static List<KeyValuePair<string, string>>? PanOsThreat(string text)
    {
        var at = text.IndexOf(",THREAT,", StringComparison.Ordinal);
        if (at < 0 || at > 300) return null;
        // The CSV starts at the reserved column before the receive time ("1,2026/11/23 10:05:12,serial,THREAT,...").
        var head = PanOsHead().Match(text[..(at + 1)]);
        if (!head.Success) return null;
        var columns = CsvColumns(text[head.Index..]);
        if (columns.Count < 36 || columns[3] != "THREAT") return null;
        // A URL filtering log's threat id is the placeholder "(9999)": the URL's category is what the log reports.
        if (columns[32] == "(9999)" && columns[33].Length > 0) columns[32] = columns[33];
        return columns.Take(PanOsThreatColumns.Length)
            .Select((value, i) => new KeyValuePair<string, string>(PanOsThreatColumns[i], value))
            .Where(p => p.Key.Length > 0)
            .ToList();
    }

    /// <summary>A comma-separated line's columns; a double-quoted column may hold commas ("" is a quote).</summary>
    private static List<string> CsvColumns(string line)
    {
        var columns = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { columns.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        columns.Add(current.ToString().TrimEnd());
        return columns;
    }

    private static bool Has(List<KeyValuePair<string, string>> fields, string key) =>
        fields.Exists(f => f.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"%(ASA|FTD|FWSM|PIX)-([0-7])-(\d{6}):")]
    private static partial Regex CiscoHead();

    [GeneratedRegex(@"(?:^|, )([A-Z][A-Za-z_]*(?: [A-Z][A-Za-z_]*)?): ")]
    private static partial Regex PairKey();

    [GeneratedRegex(@"\bsrc [^\s:]+:([0-9a-fA-F.:]+)/(\d+) dst [^\s:]+:([0-9a-fA-F.:]+)/(\d+)")]
    private static partial Regex SrcDst();

    [GeneratedRegex(@"user IP = ([0-9a-fA-F.:]+)")]
    private static partial Regex UserIp();

    [GeneratedRegex(@"\bfrom (?:[^\s:/]+:)?(\d{1,3}(?:\.\d{1,3}){3})")]
    private static partial Regex FromIp();

    [GeneratedRegex(@"^\[ ?(\d{1,3}(?:\.\d{1,3}){3})\]")]
    private static partial Regex BracketIp();

    [GeneratedRegex(@"\b[Uu]ser(?:name)?(?: = | '| ""|')([^\s:'""]+)")]
    private static partial Regex UserName();

    [GeneratedRegex(@"(?:^|\s)([a-z_][a-z0-9_]*)=(?:""((?:[^""\\]|\\.)*)""|([^\s""]*))")]
    private static partial Regex FortinetPair();

    [GeneratedRegex(@"\d+,\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2},[^,]*,$")]
    private static partial Regex PanOsHead();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)(:|=)""((?:[^""\\]|\\.)*)""")]
    private static partial Regex CheckPointPair();
}
