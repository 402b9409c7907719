using System.Text.RegularExpressions;

namespace Verdict.Ingest;

/// <summary>
/// Field names of endpoint products' native exports (after JSON flattening), added to <see cref="VendorFieldNames"/>:
/// Wazuh alerts carrying Sysmon events (<c>data.win.eventdata.*</c>, the agent as the host, the rule's ATT&amp;CK ids),
/// Sysmon events shipped by Winlogbeat (<c>winlog.event_data.*</c>), ECS's <c>process.parent.name</c> and
/// Defender for Endpoint's advanced-hunting columns for the image path and the initiating (parent) process.
/// Wazuh names its rule in <c>rule.description</c>: read as the rule when nothing else names one.
/// Palo Alto Cortex XDR alerts (<c>get_alerts_multi_events</c>) carry the process in <c>events[]</c>
/// (<c>action_process_image_command_line</c>, <c>action_process_image_path</c>; the parent is the <c>actor_process_*</c>)
/// and name the rule in <c>name</c> (<c>alert_type</c> is "Unclassified"); VMware Carbon Black Cloud v7 alerts name the
/// parent in <c>parent_name</c>, the account in <c>process_username</c>, and the rule in <c>report_name</c> (watchlist
/// hits) or <c>reason</c> (their <c>type</c> is only the alert class, WATCHLIST or CB_ANALYTICS); both time the
/// detection in <c>detection_timestamp</c>.
/// </summary>
internal static partial class EndpointVendorFields
{
    private const string Sysmon = "data.win.eventdata.";
    private const string Winlog = "winlog.event_data.";
    private const string XdrEvent = "events.0.";

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.User, [Sysmon + "user", Sysmon + "targetUserName", Sysmon + "subjectUserName", Winlog + "User", "process_username"]),
        (CanonicalField.Host, ["agent.name", "data.win.system.computer"]),
        (CanonicalField.Process, [Sysmon + "image", Winlog + "Image", "FolderPath", XdrEvent + "action_process_image_path"]),
        (CanonicalField.CommandLine, [Sysmon + "commandLine", Winlog + "CommandLine", XdrEvent + "action_process_image_command_line"]),
        (CanonicalField.ParentProcess, [Sysmon + "parentImage", Winlog + "ParentImage", "process.parent.name", "InitiatingProcessFolderPath", "InitiatingProcessFileName",
            "parent_name", XdrEvent + "actor_process_image_path"]),
        (CanonicalField.Tags, ["rule.mitre.id"]),
        (CanonicalField.Time, ["detection_timestamp"]), // Carbon Black Cloud (ISO 8601) and Cortex XDR (epoch milliseconds)
    ];

    /// <summary>
    /// Wazuh's Windows event-channel decoder escapes each backslash of the event's data (<c>data.win.eventdata.image</c>
    /// "C:\\Windows\\System32\\...", while <c>data.win.system.message</c> keeps single ones): when an event-data path shows
    /// it (a drive letter followed by two backslashes), every <c>data.win.eventdata.</c> value of the record is read with its
    /// backslashes single again, so paths and DOMAIN\user read as the event wrote them.
    /// </summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        const string data = "data.win.eventdata.";
        if (!fields.Exists(f => f.Key.StartsWith(data, StringComparison.Ordinal) && EscapedPath().IsMatch(f.Value))) return;
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Key.StartsWith(data, StringComparison.Ordinal) && fields[i].Value.Contains(@"\\", StringComparison.Ordinal))
                fields[i] = new(fields[i].Key, fields[i].Value.Replace(@"\\", @"\", StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"\b[A-Za-z]:\\\\")]
    private static partial Regex EscapedPath();

    /// <summary>Wazuh's rule.description is its rule's name: the rule when no other field names one (a mapping file aside).</summary>
    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        EndpointProductFields.Apply(names, map, fromMappingFile);
        EndpointExportFields.Apply(names, map, fromMappingFile);
        VendorRule(names, map, fromMappingFile);
        if (map.ContainsKey(CanonicalField.Rule)) return;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals("rule.description", StringComparison.OrdinalIgnoreCase)) { map[CanonicalField.Rule] = i; return; }
        }
    }

    /// <summary>The rule name of Cortex XDR (<c>name</c> beside <c>action_pretty</c>) and Carbon Black Cloud (<c>report_name</c>, else <c>reason</c>, beside <c>reason_code</c>).</summary>
    private static void VendorRule(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map, Func<string, bool> fromMappingFile)
    {
        if (map.TryGetValue(CanonicalField.Rule, out var at) && fromMappingFile(names[at])) return;
        string[] wanted = FieldPreference.IndexOf(names, "action_pretty") >= 0 && FieldPreference.IndexOf(names, "alert_type") >= 0 ? ["name"]
            : FieldPreference.IndexOf(names, "reason_code") >= 0 && FieldPreference.IndexOf(names, "device_username") >= 0 ? ["report_name", "reason"]
            : [];
        foreach (var name in wanted)
        {
            if (FieldPreference.IndexOf(names, name) is var i and >= 0) { map[CanonicalField.Rule] = i; return; }
        }
    }
}
