using System.Text.Json;

namespace Verdict.Ingest;

/// <summary>
/// Field names of EDR and cloud-app detection products' documented exports (after JSON flattening), added to
/// <see cref="VendorFieldNames"/>:
/// <list type="bullet">
/// <item>Cisco Secure Endpoint (AMP) events API: the file the event is about is <c>file.file_path</c> (its launcher
/// <c>file.parent.file_name</c>), the command line <c>command_line.arguments</c>, the host <c>computer.hostname</c>, the user
/// <c>computer.user</c> ("name@HOST"); <c>detection</c> names the rule and <c>event_type</c> ("Threat Quarantined") is the class.</item>
/// <item>Microsoft Defender for Cloud Apps alerts API: <c>severityValue</c> (0 low, 1 medium, 2 high, 3 informational, read by
/// <see cref="SeverityScale"/>); the user and address are in <c>entities</c>, typed <c>account</c> / <c>user</c> and <c>ip</c>,
/// each given as <c>user</c> / <c>src_ip</c>.</item>
/// <item>Tanium Threat Response alerts (Connect export): <c>Alerted At</c> is the time; <c>Match Details</c> is JSON in a string whose
/// <c>match.properties</c> give the process (<c>fullpath</c>), its command line (<c>args</c>), user and parent
/// (<c>parent.fullpath</c>).</item>
/// <item>Bitdefender GravityZone push events: <c>final_status</c> is the product's action (deleted, blocked, quarantined,
/// ignored), <c>file_path</c> (beside <c>malware_name</c>) the detected file; an incident's (<c>new-incident</c>)
/// <c>main_action</c> ("no action") is its action and <c>parent_process_path</c> the parent, as an anti-exploit event's
/// <c>detection_action</c> ("kill"), <c>detection_path</c> (the exploited process) and <c>detection_parentPath</c> are.</item>
/// </list>
/// </summary>
internal static class EdrProductFields
{
    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.Host, ["computer.hostname"]),
        (CanonicalField.User, ["computer.user"]),
        (CanonicalField.Process, ["file.file_path", "detection_path"]),
        (CanonicalField.ParentProcess, ["file.parent.file_name", "parent_process_path", "detection_parentPath"]),
        (CanonicalField.CommandLine, ["command_line.arguments"]),
        (CanonicalField.Severity, ["severityValue"]),
        (CanonicalField.Time, ["Alerted At"]),
        (CanonicalField.Result, ["final_status", "main_action", "detection_action"]),
    ];

    /// <summary>Adds Defender for Cloud Apps' typed entities and Tanium's match details as plain fields.</summary>
    public static void Complete(List<KeyValuePair<string, string>> fields)
    {
        var added = new List<KeyValuePair<string, string>>();
        void Add(string key, string? value)
        {
            if (value is { Length: > 0 } v && !fields.Exists(f => f.Key == key) && !added.Exists(f => f.Key == key)) added.Add(new(key, v));
        }
        if (fields.Exists(f => f.Key == "policy.policyType"))
        {
            for (var i = 0; ; i++)
            {
                var type = fields.Find(f => f.Key == $"entities.{i}.type").Value;
                if (type is null) break;
                var label = fields.Find(f => f.Key == $"entities.{i}.label").Value;
                if (type is "account" or "user") Add("user", label);
                else if (type == "ip") Add("src_ip", label);
            }
        }
        // GravityZone's detected file is what the alert is about, read as its process as Kaspersky's Object is.
        if (fields.Exists(f => f.Key == "final_status") && fields.Exists(f => f.Key == "malware_name")) Add("process_path", fields.Find(f => f.Key == "file_path").Value);
        if (fields.Find(f => f.Key == "Match Details").Value is { Length: > 0 } details && Properties(details) is { } p)
        {
            Add("process_path", Text(p, "fullpath"));
            Add("command_line", Text(p, "args"));
            Add("user", Text(p, "user"));
            if (p.TryGetProperty("parent", out var parent) && parent.ValueKind == JsonValueKind.Object) Add("parent_process", Text(parent, "fullpath"));
        }
        fields.InsertRange(0, added);
    }

    private static JsonElement? Properties(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("match", out var m)
                && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                ? p.Clone() : null;
        }
        catch (JsonException)
        {
            return null; // not JSON: the raw text stays among the fields
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;
}
