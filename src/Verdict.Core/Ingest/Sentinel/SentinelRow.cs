using System.Text.Json;
using Verdict.Alerts;

namespace Verdict.Ingest.Sentinel;

/// <summary>
/// One Log Analytics row (SecurityIncident or SecurityAlert) by column name, case ignored, with where it was read.
/// Dynamic columns (AlertIds, Entities, ExtendedProperties) may be JSON text or JSON values; both read alike.
/// </summary>
public sealed class SentinelRow(SourceRef source, IReadOnlyList<KeyValuePair<string, JsonElement>> columns)
{
    private readonly Dictionary<string, JsonElement> _byName = Index(columns);

    public SourceRef Source => source;

    public IReadOnlyList<KeyValuePair<string, JsonElement>> Columns => columns;

    public static SentinelRow FromObject(JsonElement row, SourceRef source) =>
        new(source, [.. row.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value.Clone()))]);

    public JsonElement? Get(string column) => _byName.TryGetValue(column, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    /// <summary>A column's text: strings as they are, other values as JSON; null when absent, null or blank.</summary>
    public string? Text(string column) => Get(column) is { } v && (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    /// <summary>A dynamic column as a JSON value: parsed when it holds JSON text; null when absent or not JSON.</summary>
    public JsonElement? Dynamic(string column) => Dynamic(Get(column));

    public static JsonElement? Dynamic(JsonElement? value)
    {
        if (value is not { } v) return null;
        if (v.ValueKind != JsonValueKind.String) return v;
        var text = v.GetString()!.Trim();
        if (text.Length == 0 || text[0] is not ('[' or '{')) return null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonAlertReader.MaxDepth });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Has(string column) => Get(column) is not null;

    /// <summary>The row's time (TimeGenerated), for keeping the latest version of a row.</summary>
    public DateTimeOffset Generated => Get("TimeGenerated") is { ValueKind: JsonValueKind.String } t && t.TryGetDateTimeOffset(out var time) ? time : DateTimeOffset.MinValue;

    private static Dictionary<string, JsonElement> Index(IReadOnlyList<KeyValuePair<string, JsonElement>> columns)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in columns) map.TryAdd(name, value);
        return map;
    }
}
