using System.Text.RegularExpressions;

namespace Verdict.Ingest;

/// <summary>
/// Field names of antivirus and endpoint-protection consoles' documented exports (after JSON flattening), added to
/// <see cref="VendorFieldNames"/>:
/// <list type="bullet">
/// <item>ESET PROTECT / ESET Inspect syslog JSON (<c>Threat_Event</c>, <c>FirewallAggregated_Event</c>,
/// <c>HipsAggregated_Event</c>, <c>EnterpriseInspectorAlert_Event</c>; every event has <c>source_uuid</c>): the time is
/// <c>occured</c> (ESET's spelling; <c>firstseen</c> is when the file was first seen, perhaps years earlier), the product's
/// action <c>action_taken</c>, a firewall event's far end <c>target_address</c> / <c>target_port</c>; a HIPS event's process
/// is <c>application</c> and its rule <c>rule_id</c> (a name, "Block startup registry changes", not a number).</item>
/// <item>Symantec / Broadcom Endpoint Security (ICDm event stream, ICD schema): <c>threat.name</c> names the detection
/// (<c>type</c>, "HOST_FILE_DETECTION", is the event class), <c>severity_id</c> the severity (read by <see cref="SeverityScale"/>),
/// <c>actor.file.path</c> / <c>actor.cmd_line</c> the acting process, <c>file.sha2</c> the file's hash.</item>
/// <item>Trellix (McAfee) ePO threat events (<c>EPOEvents</c>, bare or with the table's prefix as the Web API's query
/// returns them): <c>analyzerhostname</c> (the host whose product detected it), <c>targetusername</c>, <c>sourceprocessname</c>,
/// <c>sourceipv4</c> / <c>targetipv4</c>, <c>detectedutc</c> (epoch milliseconds), <c>threatseverity</c> (syslog's 0–7),
/// <c>threatactiontaken</c> (the action), <c>threatname</c> (the rule), <c>targethash</c>; <c>detectedutc</c> is the time even
/// beside the API's own <c>timestamp</c> (when ePO received the event).</item>
/// <item>Wazuh alerts: <c>rule.level</c> (0–15, read by <see cref="SeverityScale"/>), and the decoders' <c>data.srcip</c>,
/// <c>data.dstip</c>, <c>data.srcuser</c> then <c>data.dstuser</c>, and a Windows logon's <c>data.win.eventdata.ipAddress</c>.</item>
/// <item>Kaspersky Security Center's CEF export (<c>deviceVendor</c> KasperskyLab): the event's <c>msg</c> is "Label: value"
/// lines; <c>User</c> (less its "(Active user)" note), <c>Name</c> (the detected object's verdict, the rule in place of the CEF
/// name "Malicious object detected"), <c>Type</c>, <c>Result\Description</c> (the action) and <c>Object</c> (the file) are
/// given as <c>suser</c>, <c>rule</c>, <c>threat_type</c>, <c>action_taken</c> and <c>process_path</c> (the file the alert is about,
/// as Sophos's detected <c>path</c> is); the managed device <c>dhost</c> is the host, not a syslog envelope's <c>host</c>.</item>
/// </list>
/// </summary>
internal static partial class AntivirusProductFields
{
    private static string[] Epo(params string[] names) => [.. names, .. names.Select(n => "EPOEvents." + n)];

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.Time, ["occured", .. Epo("DetectedUTC")]),
        (CanonicalField.Result, ["action_taken", .. Epo("ThreatActionTaken")]),
        (CanonicalField.DestinationIp, ["target_address", "data.dstip", .. Epo("TargetIPV4")]),
        (CanonicalField.DestinationPort, ["target_port"]),
        (CanonicalField.SourceIp, ["data.srcip", "data.win.eventdata.ipAddress", .. Epo("SourceIPV4")]),
        (CanonicalField.User, ["data.srcuser", "data.dstuser", .. Epo("TargetUserName")]),
        (CanonicalField.Host, Epo("AnalyzerHostName")),
        (CanonicalField.Process, ["actor.file.path", .. Epo("SourceProcessName")]),
        (CanonicalField.CommandLine, ["actor.cmd_line"]),
        (CanonicalField.FileHash, ["file.sha2", .. Epo("TargetHash")]),
        (CanonicalField.Severity, ["severity_id", "rule.level", .. Epo("ThreatSeverity")]),
        (CanonicalField.AttackType, Epo("ThreatType")),
    ];

    /// <summary>ESET's event time (wherever <c>firstseen</c> stands), HIPS process and rule, beside ESET's event marker; Trellix's detection time over the API's receipt time.</summary>
    public static readonly (CanonicalField Field, string Name, string Beside)[] Preferred =
    [
        (CanonicalField.Time, "occured", "source_uuid"),
        (CanonicalField.Process, "application", "source_uuid"),
        (CanonicalField.Rule, "rule_id", "source_uuid"),
        (CanonicalField.Time, "detectedutc", "analyzername"),
        (CanonicalField.Time, "EPOEvents.DetectedUTC", "EPOEvents.AnalyzerName"),
    ];

    /// <summary>Adds the fields Kaspersky Security Center writes as "Label: value" lines in a CEF event's <c>msg</c>.</summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        if (!fields.Exists(f => f.Key == "deviceVendor" && f.Value.StartsWith("Kaspersky", StringComparison.OrdinalIgnoreCase))
            || fields.Find(f => f.Key == "msg").Value is not { } msg) return;
        var lines = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in MsgLine().Matches(msg)) lines.TryAdd(m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim());
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string label, Func<string, string>? shape = null)
        {
            if (lines.TryGetValue(label, out var value) && (shape is null ? value : shape(value)) is { Length: > 0 } v && !fields.Exists(f => f.Key == key))
                added.Add(new(key, v));
        }
        Add("rule", "Name");
        Add("suser", "User", u => UserNote().Replace(u, ""));
        Add("threat_type", "Type");
        Add("action_taken", @"Result\Description");
        // The detected file is what the alert is about, read as its process as Sophos's detected path is.
        Add("process_path", "Object");
        // The managed device is dhost, not the syslog envelope's host (the Security Center server that forwarded the event).
        if (fields.Find(f => f.Key == "dhost").Value is { Length: > 0 } device) added.Add(new("hostname", device.Trim()));
        fields.InsertRange(0, added);
    }

    /// <summary>"Label: value" at a line's start (the CEF escapes already undone).</summary>
    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z \\]{0,40}):[ \t]*(.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex MsgLine();

    /// <summary>Kaspersky's note on the account after its name: "GLOBEX\\d.ito (Active user)".</summary>
    [GeneratedRegex(@"\s*\((?:active|initiator|logged[- ]on)[^)]*\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UserNote();
}
