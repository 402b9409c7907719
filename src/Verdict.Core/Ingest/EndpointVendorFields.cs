namespace Verdict.Ingest;

/// <summary>
/// Field names of endpoint products' native exports (after JSON flattening), added to <see cref="VendorFieldNames"/>:
/// Wazuh alerts carrying Sysmon events (<c>data.win.eventdata.*</c>, the agent as the host, the rule's ATT&amp;CK ids),
/// Sysmon events shipped by Winlogbeat (<c>winlog.event_data.*</c>), ECS's <c>process.parent.name</c> and
/// Defender for Endpoint's advanced-hunting columns for the image path and the initiating (parent) process.
/// Wazuh names its rule in <c>rule.description</c>: read as the rule when nothing else names one.
/// </summary>
internal static class EndpointVendorFields
{
    private const string Sysmon = "data.win.eventdata.";
    private const string Winlog = "winlog.event_data.";

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.User, [Sysmon + "user", Sysmon + "targetUserName", Sysmon + "subjectUserName", Winlog + "User"]),
        (CanonicalField.Host, ["agent.name", "data.win.system.computer"]),
        (CanonicalField.Process, [Sysmon + "image", Winlog + "Image", "FolderPath"]),
        (CanonicalField.CommandLine, [Sysmon + "commandLine", Winlog + "CommandLine"]),
        (CanonicalField.ParentProcess, [Sysmon + "parentImage", Winlog + "ParentImage", "process.parent.name", "InitiatingProcessFolderPath", "InitiatingProcessFileName"]),
        (CanonicalField.Tags, ["rule.mitre.id"]),
    ];

    /// <summary>Wazuh's rule.description is its rule's name: the rule when no other field names one (a mapping file aside).</summary>
    public static void Apply(IReadOnlyList<string> names, Dictionary<CanonicalField, int> map)
    {
        if (map.ContainsKey(CanonicalField.Rule)) return;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals("rule.description", StringComparison.OrdinalIgnoreCase)) { map[CanonicalField.Rule] = i; return; }
        }
    }
}
