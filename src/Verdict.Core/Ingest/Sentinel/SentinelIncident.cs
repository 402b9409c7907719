using System.Text.Json;
using Verdict.Alerts;

namespace Verdict.Ingest.Sentinel;

/// <summary>What a Sentinel incident says about itself, carried into each of its alerts' fields so briefs show it.</summary>
public sealed record SentinelIncident(SourceRef Source, string Number, string? Title, string? Severity, string? Status,
    string? Owner, string? Id, IReadOnlyList<string> AlertIds)
{
    /// <summary>From a SecurityIncident row (Log Analytics): IncidentNumber, Title, Severity, Status, Owner, IncidentName, AlertIds.</summary>
    public static SentinelIncident FromRow(SentinelRow row) => new(row.Source, row.Text("IncidentNumber") ?? "?", row.Text("Title"),
        row.Text("Severity"), row.Text("Status"), row.Dynamic("Owner") is { } owner ? OwnerOf(owner) : row.Text("Owner"), row.Text("IncidentName"), Ids(row.Dynamic("AlertIds") ?? row.Get("AlertIds")));

    /// <summary>From the REST API's incident resource: name, properties.incidentNumber, title, severity, status, owner.</summary>
    public static SentinelIncident FromRest(JsonElement incident, SourceRef source)
    {
        var p = incident.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object ? props : incident;
        string? S(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
        return new(source, S(p, "incidentNumber") ?? "?", S(p, "title"), S(p, "severity"), S(p, "status"),
            p.TryGetProperty("owner", out var owner) ? OwnerOf(owner) : null, S(incident, "name"), []);
    }

    /// <summary>The fields an alert of this incident carries.</summary>
    public IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return new("incident.number", Number);
        if (Title is not null) yield return new("incident.title", Title);
        if (Severity is not null) yield return new("incident.severity", Severity);
        if (Status is not null) yield return new("incident.status", Status);
        if (Owner is not null) yield return new("incident.owner", Owner);
        if (Id is not null) yield return new("incident.id", Id);
    }

    private static readonly string[] OwnerNames = ["assignedTo", "email", "userPrincipalName"];

    private static string? OwnerOf(JsonElement? owner) =>
        owner is { ValueKind: JsonValueKind.Object } o
            ? OwnerNames.Select(n => o.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v))
            : null;

    private static string[] Ids(JsonElement? ids) => ids switch
    {
        { ValueKind: JsonValueKind.Array } a => [.. a.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)],
        { ValueKind: JsonValueKind.String } s => [.. s.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => [],
    };
}
