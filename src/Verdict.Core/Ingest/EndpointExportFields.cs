namespace Verdict.Ingest;

/// <summary>
/// Endpoint exports as real sample events show them (Elastic's integration test logs for Defender XDR's streaming API and
/// Cybereason; Windows SecurityEvent rows as Sentinel stores them), added to <see cref="VendorFieldNames"/>:
/// <list type="bullet">
/// <item>Defender XDR advanced hunting through the streaming API (Event Hub or storage account): each row arrives as
/// <c>{"time", "tenantId", "category": "AdvancedHunting-TABLE", "operationName": "Publish", "properties": {row}}</c>. The
/// row's columns are read by their own names, before anything else, as a Sentinel or hunting export gives them; the category
/// becomes the row's <c>Type</c> (its table, as Sentinel names it) and the other transport fields are kept as
/// <c>stream_*</c> (not dotted: a dotted name would answer for its last part) (the stream's <c>time</c> is when it was sent, not when it happened: the row's <c>Timestamp</c> is).
/// <c>ProcessCommandLine</c> is the command line (<c>InitiatingProcessCommandLine</c> is its parent's), <c>DeviceName</c>
/// the host; AlertInfo and AlertEvidence name the rule in <c>Title</c> (<c>Category</c> is the tactic), an
/// <c>AntivirusDetection</c> row in <c>AdditionalFields</c> (JSON text) <c>ThreatName</c>; its <c>WasRemediated</c> is read
/// as the product's action by the endpoint outcome.</item>
/// <item>Windows events shipped by Winlogbeat (<c>winlog.channel</c>, Sysmon's included) whose rule would be their ECS class: the rule is <c>event.action</c>
/// (Sysmon's "Process Create (rule: ProcessCreate)"), not the ECS <c>event.type</c> ("start") that classes the event.</item>
/// <item>Windows process creation (event 4688) as a Sentinel SecurityEvent row: <c>NewProcessName</c> (the full path) is the
/// process, not <c>Process</c> (its file name only), and <c>ParentProcessName</c> the parent.</item>
/// <item>Cybereason malops (the inbox model, <c>@class</c> ".MalopInboxModel"): <c>displayName</c> and
/// <c>primaryRootCauseName</c> name the root cause (a file or process: read as the process unless a command line names its path), not a rule; the detection type
/// <c>malopDetectionType</c> (KNOWN_MALWARE, PUP, CREDENTIAL_THEFT...) is the rule, <c>machines[]</c> and <c>users[]</c>
/// the host and user; its <c>status</c> (Active, Remediated, Closed) is read as the product's action by the endpoint outcome.</item>
/// <item>SentinelOne Cloud Funnel (Deep Visibility) process events (Elastic's <c>sentinel_one_cloud_funnel</c> test logs): the
/// created process is <c>tgt.process.*</c> (<c>image.path</c>, <c>cmdline</c>, <c>user</c>), its creator <c>src.process.*</c> (read
/// as the parent by <c>src.process.image.path</c>; its command line is not the alert's).</item>
/// </list>
/// </summary>
internal static class EndpointExportFields
{
    private const string Stream = "stream_";
    private const string Properties = "properties.";

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.CommandLine, ["ProcessCommandLine", "tgt.process.cmdline"]),
        (CanonicalField.Process, ["NewProcessName", "tgt.process.image.path"]),
        (CanonicalField.ParentProcess, ["ParentProcessName", "src.process.image.path"]),
        (CanonicalField.User, ["tgt.process.user"]),
        (CanonicalField.Host, ["DeviceName"]),
        (CanonicalField.Rule, ["malopDetectionType", "AdditionalFields.ThreatName"]),
    ];

    /// <summary>The field each shape names its rule, command line and process in, beside the shape's marker.</summary>
    public static readonly (CanonicalField Field, string Name, string Beside)[] Preferred =
    [
        (CanonicalField.Rule, "Title", "AlertId"),
        (CanonicalField.Rule, "AdditionalFields.ThreatName", "ActionType"),
        (CanonicalField.CommandLine, "ProcessCommandLine", "InitiatingProcessCommandLine"),
        (CanonicalField.Process, "NewProcessName", "NewProcessId"),
        (CanonicalField.Rule, "malopDetectionType", "rootCauseElementType"),
        (CanonicalField.Process, "primaryRootCauseName", "rootCauseElementType"),
        // SentinelOne Cloud Funnel: the created process (tgt.process.*), not its creator (src.process.*).
        (CanonicalField.CommandLine, "tgt.process.cmdline", "src.process.cmdline"),
        (CanonicalField.User, "tgt.process.user", "src.process.user"),
    ];

    /// <summary>
    /// A Winlogbeat event (<c>winlog.channel</c>) whose rule was read from its ECS class (<c>event.type</c> "start",
    /// <c>event.category</c>) is named by its <c>event.action</c> ("Process Create (rule: ProcessCreate)"); a rule named in a
    /// field of its own (an Elastic Security alert's <c>kibana.alert.rule.name</c>) stays.
    /// </summary>
    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        // A malop's root cause is only a file name: the process when nothing better names it; beside a command line, whose
        // first token is the program's path (where it ran from), it is not read as the process.
        if (map.TryGetValue(CanonicalField.Process, out var root) && names[root].Equals("primaryRootCauseName", StringComparison.OrdinalIgnoreCase)
            && map.ContainsKey(CanonicalField.CommandLine) && !fromMappingFile(names[root]))
            map.Remove(CanonicalField.Process);
        // A Microsoft Graph security alert's (serviceSource, detectionSource) "status" is its triage state (new, inProgress,
        // resolved), not the outcome of what it saw: the product's own verdict is on its evidence.
        if (map.TryGetValue(CanonicalField.Result, out var status) && names[status].Equals("status", StringComparison.OrdinalIgnoreCase)
            && FieldPreference.IndexOf(names, "serviceSource") >= 0 && FieldPreference.IndexOf(names, "detectionSource") >= 0 && !fromMappingFile(names[status]))
            map.Remove(CanonicalField.Result);
        if (!map.TryGetValue(CanonicalField.Rule, out var at) || fromMappingFile(names[at])
            || !(names[at].Equals("event.type", StringComparison.OrdinalIgnoreCase) || names[at].Equals("event.category", StringComparison.OrdinalIgnoreCase))
            || FieldPreference.IndexOf(names, "winlog.channel") < 0) return;
        if (FieldPreference.IndexOf(names, "event.action") is var action and >= 0) map[CanonicalField.Rule] = action;
    }

    /// <summary>A Defender XDR streaming-API record read as the hunting row it carries (see the class summary).</summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        var category = fields.Find(f => f.Key == "category").Value;
        if (category is null || !category.StartsWith("AdvancedHunting-", StringComparison.OrdinalIgnoreCase)
            || !fields.Exists(f => f.Key.StartsWith(Properties, StringComparison.Ordinal))) return;
        var row = new List<KeyValuePair<string, string>>();
        var transport = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith(Properties, StringComparison.Ordinal)) row.Add(new(key[Properties.Length..], value));
            else if (key == "category") transport.Add(new("Type", category["AdvancedHunting-".Length..]));
            else transport.Add(new(Stream + key, value));
        }
        fields.Clear();
        fields.AddRange(row);
        // A column that shares the transport's name keeps its own; the transport's copy stays under stream_*.
        foreach (var (key, value) in transport)
        {
            fields.Add(row.Exists(r => r.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) ? new(Stream + key, value) : new(key, value));
        }
    }
}
