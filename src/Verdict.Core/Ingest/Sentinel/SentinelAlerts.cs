using System.Text.Json;
using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest.Sentinel;

/// <summary>
/// Turns a SecurityAlert (a Log Analytics row, or the REST API's alert resource renamed to the same columns) into an
/// <see cref="Alert"/>: id = SystemAlertId, rule = DisplayName, severity = AlertSeverity, time = TimeGenerated,
/// tactics and techniques kept, the incident's number, title, severity, status and owner added as "incident.*" fields,
/// and its entities (Entities column with $id/$ref, or REST entities) read into users, hosts, IPs, files, hashes,
/// processes, URLs and mailboxes.
/// </summary>
public static class SentinelAlerts
{
    /// <summary>REST alert properties and the SecurityAlert columns they correspond to.</summary>
    private static readonly Dictionary<string, string> RestColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["systemAlertId"] = "SystemAlertId", ["alertDisplayName"] = "DisplayName", ["severity"] = "AlertSeverity",
        ["timeGenerated"] = "TimeGenerated", ["description"] = "Description", ["tactics"] = "Tactics", ["techniques"] = "Techniques",
        ["subTechniques"] = "SubTechniques", ["compromisedEntity"] = "CompromisedEntity", ["productName"] = "ProductName",
        ["productComponentName"] = "ProductComponentName", ["alertType"] = "AlertType", ["providerAlertId"] = "VendorOriginalId",
        ["vendorName"] = "VendorName", ["startTimeUtc"] = "StartTime", ["endTimeUtc"] = "EndTime", ["status"] = "Status",
        ["alertLink"] = "AlertLink", ["additionalData"] = "ExtendedProperties", ["confidenceLevel"] = "ConfidenceLevel",
        ["remediationSteps"] = "RemediationSteps", ["friendlyName"] = "FriendlyName", ["processingEndTime"] = "ProcessingEndTime",
    };

    /// <summary>Read first, in this order, so they win over look-alike columns (AlertName, AlertType, Type, StartTime).</summary>
    private static readonly string[] First = ["SystemAlertId", "TimeGenerated", "DisplayName", "AlertName", "AlertSeverity", "Description"];

    /// <summary>The REST API's alert resource ({kind: "SecurityAlert", properties: {...}}) as a SecurityAlert row.</summary>
    public static SentinelRow FromRest(JsonElement alert, SourceRef source)
    {
        var p = alert.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object ? props : alert;
        return new SentinelRow(source, [.. p.EnumerateObject().Select(c => new KeyValuePair<string, JsonElement>(
            RestColumns.TryGetValue(c.Name, out var column) ? column : c.Name, c.Value.Clone()))]);
    }

    /// <param name="restEntities">Hints already read from REST entities; null reads the row's Entities column.</param>
    public static ParseResult<Alert> ToAlert(SentinelRow row, SentinelIncident? incident, EnvironmentContext context,
        FieldMapping? mapping = null, List<KeyValuePair<string, string>>? restEntities = null)
    {
        List<KeyValuePair<string, string>> hints;
        if (restEntities is not null) hints = restEntities;
        else if (row.Get("Entities") is null) hints = [];
        else if (row.Dynamic("Entities") is { } entities) hints = SentinelEntityReader.FromAlertColumn(entities);
        else return ParseResult<Alert>.Fail(row.Source, $"alert {row.Text("SystemAlertId") ?? "(no SystemAlertId)"}: its Entities column is not JSON");

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var name in First)
        {
            if (row.Text(name) is { } value) fields.Add(new(name, value));
        }
        if (incident is not null) fields.AddRange(incident.Fields());
        foreach (var (name, value) in row.Columns)
        {
            if (First.Contains(name, StringComparer.OrdinalIgnoreCase) || name.Equals("Entities", StringComparison.OrdinalIgnoreCase)) continue;
            if (value.ValueKind is JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()))) continue;
            if (name.Equals("CompromisedEntity", StringComparison.OrdinalIgnoreCase) && value.GetString()?.Contains('@', StringComparison.Ordinal) == true)
            {
                // Identity alerts name the account here (a UPN): kept as an account field, not read as a host.
                fields.Add(new("account", value.GetString()!));
                continue;
            }
            fields.AddRange(value.ValueKind switch
            {
                JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) =>
                    [new(name, string.Join(", ", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())))],
                JsonValueKind.Object or JsonValueKind.Array => JsonFlattener.Flatten(value).Select(f => new KeyValuePair<string, string>(name + "." + f.Key, f.Value)),
                JsonValueKind.String => [new(name, value.GetString()!)],
                _ => [new(name, value.GetRawText())],
            });
        }
        var map = (mapping ?? FieldMapping.Empty).Map([.. fields.Select(f => f.Key), .. hints.Select(h => h.Key)]);
        return AlertRecord.Build(row.Source, fields, map, context, "field", hints);
    }
}
