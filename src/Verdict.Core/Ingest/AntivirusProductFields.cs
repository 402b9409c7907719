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
/// <c>data.dstip</c>, <c>data.srcuser</c> then <c>data.dstuser</c>, and a Windows logon's <c>data.win.eventdata.ipAddress</c>;
/// its <c>location</c> is the log file the event came from, not a place.</item>
/// </list>
/// </summary>
internal static class AntivirusProductFields
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

    /// <summary>ESET's HIPS process and rule, beside ESET's event marker; Trellix's detection time over the API's receipt time.</summary>
    public static readonly (CanonicalField Field, string Name, string Beside)[] Preferred =
    [
        (CanonicalField.Process, "application", "source_uuid"),
        (CanonicalField.Rule, "rule_id", "source_uuid"),
        (CanonicalField.Time, "detectedutc", "analyzername"),
        (CanonicalField.Time, "EPOEvents.DetectedUTC", "EPOEvents.AnalyzerName"),
    ];

    /// <summary>A Wazuh alert's <c>location</c> (beside its <c>decoder.name</c>) is the log it was read from
    /// ("/var/log/auth.log", "EventChannel"), never a place.</summary>
    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        if (map.TryGetValue(CanonicalField.Location, out var at) && names[at].Equals("location", StringComparison.OrdinalIgnoreCase)
            && !fromMappingFile(names[at]) && FieldPreference.IndexOf(names, "decoder.name") >= 0)
            map.Remove(CanonicalField.Location);
    }
}
