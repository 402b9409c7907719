using System.Text;
using System.Text.Json;
using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest.Sentinel;

/// <summary>
/// Reads Microsoft Sentinel incident exports, recognised by their content in any JSON input:
/// the REST API shape (an incident resource with "properties.incidentNumber", its alerts as "alerts" or
/// "alerts.value", its entities as "entities" or "entities.entities", alone or wrapped as {"incident", "alerts",
/// "entities"}), and Log Analytics rows (a SecurityIncident row with AlertIds and SecurityAlert rows: as a JSON array
/// of rows, as {"SecurityIncident": [...], "SecurityAlert": [...]}, or as a saved query API response {"tables": [...]}).
/// Each SecurityAlert becomes one alert; an alert the incident lists but the export lacks is an error at the incident's line.
/// </summary>
public static class SentinelExport
{
    private const int SniffBytes = 1 << 16;
    private const long MaxBytes = 64L << 20;

    /// <summary>
    /// The alerts of a Sentinel incident export, or null when the input is other JSON (read it as plain alerts).
    /// The stream is rewound when null is returned.
    /// </summary>
    public static List<ParseResult<Alert>>? TryRead(Stream stream, string fileName, EnvironmentContext context, FieldMapping? mapping = null)
    {
        if (!stream.CanSeek || stream.Length - stream.Position > MaxBytes) return null;
        var start = stream.Position;
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length - start)];
        stream.ReadExactly(head);
        stream.Position = start;
        if (Encoding.UTF8.GetString(head).IndexOf("incidentnumber", StringComparison.OrdinalIgnoreCase) < 0) return null;

        var bytes = new byte[stream.Length - start];
        stream.ReadExactly(bytes);
        stream.Position = start;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = JsonAlertReader.MaxDepth });
        }
        catch (JsonException)
        {
            return null; // NDJSON or broken: the plain reader reports it record by record
        }
        using (document)
        {
            var lines = JsonObjectLines.Index(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes);
            SourceRef At(string path) => new(fileName, lines.TryGetValue(path, out var line) ? line : 1);
            return Read(document.RootElement, At, context, mapping);
        }
    }

    private static List<ParseResult<Alert>>? Read(JsonElement root, Func<string, SourceRef> at, EnvironmentContext context, FieldMapping? mapping)
    {
        var rows = new List<SentinelRow>();
        var errors = new List<ParseResult<Alert>>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tables", out var tables) && tables.ValueKind == JsonValueKind.Array)
            rows.AddRange(LogAnalyticsTables.Rows(tables, (t, r) => at($"/tables/{t}/rows/{r}")));
        else if (root.ValueKind == JsonValueKind.Array) AddRows(root, "", rows, errors, at);
        else if (root.ValueKind == JsonValueKind.Object && (Property(root, "SecurityIncident") is not null || Property(root, "SecurityAlert") is not null))
        {
            foreach (var table in (string[])["SecurityIncident", "SecurityAlert"])
            {
                if (Property(root, table) is { } value) AddRows(value, "/" + table, rows, errors, at);
            }
        }
        else if (root.ValueKind == JsonValueKind.Object) return ReadIncidentObject(root, at, context, mapping);
        else return null;

        var incidents = rows.Where(IsIncident).ToList();
        if (incidents.Count == 0) return null;
        var alerts = rows.Where(r => !IsIncident(r)).ToList();
        foreach (var other in alerts.Where(r => !r.Has("SystemAlertId") && !r.Has("DisplayName") && !r.Has("AlertName")))
            errors.Add(ParseResult<Alert>.Fail(other.Source, "neither a SecurityIncident row (IncidentNumber) nor a SecurityAlert row (SystemAlertId)"));
        alerts.RemoveAll(r => !r.Has("SystemAlertId") && !r.Has("DisplayName") && !r.Has("AlertName"));
        return [.. errors, .. FromRows(incidents, alerts, context, mapping)];
    }

    /// <summary>
    /// Alerts from Log Analytics rows (an export, or the live query's results): the latest row of each incident and
    /// alert, each incident's alerts in its AlertIds order, then alerts no incident lists. A listed alert that is
    /// missing is an error at the incident's row.
    /// </summary>
    public static IEnumerable<ParseResult<Alert>> FromRows(IReadOnlyList<SentinelRow> incidentRows, IReadOnlyList<SentinelRow> alertRows,
        EnvironmentContext context, FieldMapping? mapping = null)
    {
        var incidents = Latest(incidentRows, r => r.Text("IncidentNumber")).Select(SentinelIncident.FromRow).ToList();
        var alerts = Latest(alertRows, r => r.Text("SystemAlertId"));
        var byId = alerts.Where(a => a.Text("SystemAlertId") is not null).ToDictionary(a => a.Text("SystemAlertId")!, StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<SentinelRow>(ReferenceEqualityComparer.Instance);
        foreach (var incident in incidents)
        {
            var ids = incident.AlertIds.Count > 0 || incidents.Count > 1 ? incident.AlertIds : [.. byId.Keys];
            if (ids.Count == 0) yield return ParseResult<Alert>.Fail(incident.Source, $"incident {incident.Number} lists no alerts (AlertIds is empty)");
            foreach (var id in ids)
            {
                if (byId.TryGetValue(id, out var row) && used.Add(row)) yield return SentinelAlerts.ToAlert(row, incident, context, mapping);
                else if (row is null) yield return ParseResult<Alert>.Fail(incident.Source, $"incident {incident.Number}: alert {id} is listed in AlertIds but is not in the input");
            }
        }
        foreach (var row in alerts.Where(a => !used.Contains(a))) yield return SentinelAlerts.ToAlert(row, null, context, mapping);
    }

    /// <summary>The REST shape: an incident resource (or a SecurityIncident row) with its alerts and entities.</summary>
    private static List<ParseResult<Alert>>? ReadIncidentObject(JsonElement root, Func<string, SourceRef> at, EnvironmentContext context, FieldMapping? mapping)
    {
        var (incidentPath, incidentElement) = Property(root, "incident") is { ValueKind: JsonValueKind.Object } wrapped ? ("/incident", wrapped) : ("", root);
        var isRest = Property(incidentElement, "properties") is { } p && Property(p, "incidentNumber") is not null;
        // A SecurityIncident row says so (Type) or lists its alerts; other records that merely carry an incident number are plain alerts.
        if (!isRest && (Property(incidentElement, "IncidentNumber") is null
            || (Property(incidentElement, "AlertIds") is null && Property(incidentElement, "Type")?.ToString() != "SecurityIncident"))) return null;
        var (alertsPath, alertElements) = List(root, incidentElement, incidentPath, "alerts", "value");
        var (_, entityElements) = List(root, incidentElement, incidentPath, "entities", "entities");
        if (!isRest)
        {
            var alertRows = alertElements.Select((a, i) => Property(a, "properties") is not null
                ? SentinelAlerts.FromRest(a, at($"{alertsPath}/{i}")) : SentinelRow.FromObject(a, at($"{alertsPath}/{i}"))).ToList();
            return [.. FromRows([SentinelRow.FromObject(incidentElement, at(incidentPath))], alertRows, context, mapping)];
        }
        var incident = SentinelIncident.FromRest(incidentElement, at(incidentPath));
        if (alertElements.Count == 0) return [ParseResult<Alert>.Fail(incident.Source, $"incident {incident.Number}: the export holds no alerts (expected \"alerts\" with the incident's alerts)")];
        var incidentEntities = SentinelEntityReader.FromRest(entityElements);
        var results = new List<ParseResult<Alert>>();
        for (var i = 0; i < alertElements.Count; i++)
        {
            var element = alertElements[i];
            var source = at($"{alertsPath}/{i}");
            if (element.ValueKind != JsonValueKind.Object)
            {
                results.Add(ParseResult<Alert>.Fail(source, $"expected an alert object, found {element.ValueKind.ToString().ToLowerInvariant()}"));
                continue;
            }
            // An alert expanded with its own entities uses them; otherwise the incident's entities stand for each alert's.
            var own = Property(element, "entities") is { ValueKind: JsonValueKind.Array } e ? SentinelEntityReader.FromRest(e.EnumerateArray()) : [.. incidentEntities];
            results.Add(SentinelAlerts.ToAlert(SentinelAlerts.FromRest(element, source), incident, context, mapping, own));
        }
        return results;
    }

    /// <summary>A list named <paramref name="name"/> on the root or the incident: a JSON array, or an API response holding it under <paramref name="inner"/>.</summary>
    private static (string Path, List<JsonElement> Items) List(JsonElement root, JsonElement incident, string incidentPath, string name, string inner)
    {
        foreach (var (holder, prefix) in new[] { (root, ""), (incident, incidentPath) })
        {
            switch (Property(holder, name))
            {
                case { ValueKind: JsonValueKind.Array } array: return ($"{prefix}/{ActualName(holder, name)}", [.. array.EnumerateArray()]);
                case { ValueKind: JsonValueKind.Object } response when Property(response, inner) is { ValueKind: JsonValueKind.Array } items:
                    return ($"{prefix}/{ActualName(holder, name)}/{ActualName(response, inner)}", [.. items.EnumerateArray()]);
            }
        }
        return ("", []);
    }

    private static void AddRows(JsonElement value, string path, List<SentinelRow> rows, List<ParseResult<Alert>> errors, Func<string, SourceRef> at)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            rows.Add(SentinelRow.FromObject(value, at(path)));
            return;
        }
        if (value.ValueKind != JsonValueKind.Array) return;
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var source = at($"{path}/{i++}");
            if (item.ValueKind == JsonValueKind.Object) rows.Add(SentinelRow.FromObject(item, source));
            else errors.Add(ParseResult<Alert>.Fail(source, $"expected a row object, found {item.ValueKind.ToString().ToLowerInvariant()}"));
        }
    }

    private static bool IsIncident(SentinelRow row) =>
        row.Text("Type") is { } type ? type.Equals("SecurityIncident", StringComparison.OrdinalIgnoreCase) : row.Has("IncidentNumber") && row.Has("AlertIds") && !row.Has("SystemAlertId");

    /// <summary>Rows that repeat a key (Log Analytics writes a new row at each update) keep the latest; first-seen order.</summary>
    private static List<SentinelRow> Latest(IReadOnlyList<SentinelRow> rows, Func<SentinelRow, string?> key)
    {
        var result = new List<SentinelRow>();
        var at = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (key(row) is not { } k) result.Add(row);
            else if (!at.TryGetValue(k, out var i)) { at[k] = result.Count; result.Add(row); }
            else if (row.Generated >= result[i].Generated) result[i] = row;
        }
        return result;
    }

    private static JsonElement? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p ? p.Value : null;

    private static string ActualName(JsonElement e, string name) => e.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Name;
}
