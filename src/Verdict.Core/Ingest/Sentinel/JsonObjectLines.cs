using System.Text.Json;

namespace Verdict.Ingest.Sentinel;

/// <summary>
/// The 1-based line on which each object or array of a JSON document starts, by path ("" is the root,
/// "/alerts/value/2" the third element of alerts.value), so records read from one document can be reported at their line.
/// </summary>
public static class JsonObjectLines
{
    public static Dictionary<string, long> Index(ReadOnlySpan<byte> json, int maxDepth = 6)
    {
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = JsonAlertReader.MaxDepth + 1 });
        var path = new List<string>();
        var counters = new List<int>(); // per open container: next array index, or -1 in an object
        string? pendingName = null;
        long line = 1, counted = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var name = Next(ref pendingName, counters);
                    if (name is not null) path.Add(name);
                    if (path.Count <= maxDepth)
                    {
                        line += Newlines(json[(int)counted..(int)reader.TokenStartIndex]);
                        counted = reader.TokenStartIndex;
                        lines[path.Count == 0 ? "" : "/" + string.Join('/', path)] = line;
                    }
                    counters.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    counters.RemoveAt(counters.Count - 1);
                    if (path.Count > 0 && counters.Count > 0) path.RemoveAt(path.Count - 1);
                    break;
                default:
                    Next(ref pendingName, counters);
                    break;
            }
        }
        return lines;
    }

    /// <summary>The path segment of the value that starts now: its property name, or its index in the enclosing array.</summary>
    private static string? Next(ref string? pendingName, List<int> counters)
    {
        if (counters.Count == 0) return null;
        if (counters[^1] >= 0) return (counters[^1]++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var name = pendingName;
        pendingName = null;
        return name;
    }

    private static int Newlines(ReadOnlySpan<byte> span) => span.Count((byte)'\n');
}
