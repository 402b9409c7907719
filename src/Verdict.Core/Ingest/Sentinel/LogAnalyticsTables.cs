using System.Text.Json;
using Verdict.Alerts;

namespace Verdict.Ingest.Sentinel;

/// <summary>
/// Rows of a Log Analytics query response ({"tables": [{"name", "columns": [{"name", "type"}], "rows": [[...]]}]}),
/// each as a <see cref="SentinelRow"/> by column name.
/// </summary>
public static class LogAnalyticsTables
{
    public static IEnumerable<SentinelRow> Rows(JsonElement tables, Func<int, int, SourceRef> source)
    {
        var t = 0;
        foreach (var table in tables.EnumerateArray())
        {
            if (table.ValueKind != JsonValueKind.Object || !table.TryGetProperty("columns", out var columns) || !table.TryGetProperty("rows", out var rows)
                || columns.ValueKind != JsonValueKind.Array || rows.ValueKind != JsonValueKind.Array)
            {
                t++;
                continue;
            }
            var names = columns.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "").ToArray();
            var r = 0;
            foreach (var row in rows.EnumerateArray())
            {
                var cells = row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().ToArray() : [];
                var values = new List<KeyValuePair<string, JsonElement>>(names.Length);
                for (var i = 0; i < names.Length && i < cells.Length; i++) values.Add(new(names[i], cells[i].Clone()));
                yield return new SentinelRow(source(t, r++), values);
            }
            t++;
        }
    }
}
