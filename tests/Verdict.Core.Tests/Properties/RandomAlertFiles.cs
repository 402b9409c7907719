using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace Verdict.Tests.Properties;

/// <summary>A generated alert file: its name, bytes, and the line each record starts on (one entry per record).</summary>
public sealed record AlertFile(string Name, string Text, IReadOnlyList<long> RecordLines)
{
    public override string ToString() => $"{Name} ({RecordLines.Count} records):\n{Text}";
}

/// <summary>
/// FsCheck generators for alert files: CSV with random columns, quoting, unicode, embedded delimiters, quotes and
/// newlines and rows of the wrong width; NDJSON with random keys, nesting, duplicate keys, escapes and broken lines;
/// JSON arrays of random objects. Every file is syntactically a sequence of records, so the record count is known.
/// </summary>
public static class RandomAlertFiles
{
    private static readonly string[] KnownNames =
        ["type", "rule", "user", "date", "time", "timestamp", "src_ip", "ip", "host", "severity", "detail", "description", "message",
         "alert_id", "id", "process.command_line", "user.name", "source.ip", "@timestamp", "url", "hash", "sip", "dport", "Entities"];

    private static readonly string[] Pieces =
        ["", "a", "bob", "10.0.0.1", "203.0.113.9", "2026-10-31 09:00", "2026-10-31T09:00:00Z", "1793361600", "high", "low", ",", ";", "\t",
         "\"", "\"\"", "'", "\n", "\r\n", "\r", " ", "é", "日本語", "🙂", "\u200b", "\\", "{", "}", "[", "]", "null", "true", "-1e309",
         "powershell -enc SQBFAFgA", "http://evil.example/x?a=1", "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
         "\u0001", "\u007f", "=cmd|' /C calc'!A0", "<script>", "[red]markup[/]"];

    public static Gen<string> Text => Gen.ListOf(Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))).Select(p => string.Concat(p.Take(8)));

    private static Gen<string> Name => Gen.Frequency((3, Gen.Elements(KnownNames)), (1, Text.Where(s => s.Length > 0)));

    public static Gen<AlertFile> Any => Gen.OneOf(Csv, Ndjson, JsonArray);

    public static Gen<AlertFile> Csv =>
        from delimiter in Gen.Elements(',', ';', '\t')
        from extra in Gen.ListOf(Name).Select(n => n.Take(6).ToArray())
        from rows in Gen.ListOf(Gen.ListOf(Text).Select(r => r.Take(8).ToArray())).Select(r => r.Take(30).ToList())
        from crlf in ArbMap.Default.GeneratorFor<bool>()
        select CsvFile(Header(extra), rows, delimiter, crlf ? "\r\n" : "\n");

    /// <summary>At least two columns, names without delimiters or line breaks: the header must say which delimiter the file uses.</summary>
    private static string[] Header(string[] extra)
    {
        string[] names = ["type", .. extra.Where(e => e.IndexOfAny([',', ';', '\t', '\r', '\n']) < 0)];
        return names.Length >= 2 ? names : [.. names, "detail"];
    }

    private static AlertFile CsvFile(string[] header, List<string[]> rows, char delimiter, string eol)
    {
        var text = new StringBuilder();
        long line = 1;
        void Row(IEnumerable<string> fields)
        {
            var row = string.Join(delimiter, fields.Select(f => Quote(f, delimiter)));
            text.Append(row).Append(eol);
            line += row.Count(c => c == '\n') + 1; // the reader counts LF as the line break (a lone CR inside quotes is text)
        }
        Row(header);
        var lines = new List<long>();
        foreach (var fields in rows)
        {
            // A row of the header's width, or sometimes one too short or too long (an error for that row).
            var width = fields.Length % 5 == 4 ? Math.Max(2, fields.Length) : header.Length;
            var cells = Enumerable.Range(0, Math.Max(width, 2)).Select(i => i < fields.Length ? fields[i] : "x").ToArray();
            lines.Add(line);
            Row(cells);
        }
        return new AlertFile($"alerts{(delimiter == '\t' ? ".tsv" : ".csv")}", text.ToString(), lines);
    }

    /// <summary>RFC 4180 quoting whenever the field needs it (and at random-looking times when it does not).</summary>
    private static string Quote(string field, char delimiter) =>
        field.Length == 0 || field.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 || field.Trim() != field || field.Length % 3 == 0
            ? "\"" + field.Replace("\"", "\"\"") + "\""
            : field;

    private static Gen<JsonElement> Value(int depth) =>
        depth <= 0
            ? Text.Select(t => JsonSerializer.SerializeToElement(t))
            : Gen.Frequency(
                (5, Text.Select(t => JsonSerializer.SerializeToElement(t))),
                (1, ArbMap.Default.GeneratorFor<int>().Select(i => JsonSerializer.SerializeToElement(i))),
                (1, Gen.Constant(JsonSerializer.SerializeToElement<object?>(null))),
                (1, Gen.ListOf(Value(depth - 1)).Select(v => JsonSerializer.SerializeToElement(v.Take(4).ToList()))),
                (1, Object(depth - 1).Select(o => JsonDocument.Parse(o).RootElement.Clone())));

    /// <summary>A JSON object as text: random keys (repeats allowed), nested values.</summary>
    private static Gen<string> Object(int depth) =>
        from keys in Gen.ListOf(Name).Select(k => k.Take(8).ToList())
        from values in Gen.ArrayOf(Value(depth), keys.Count)
        select "{" + string.Join(",", keys.Select((k, i) => JsonSerializer.Serialize(k) + ":" + values[i].GetRawText())) + "}";

    private static Gen<string> Broken => Gen.Elements("{\"rule\": oops}", "not json at all", "{\"a\":", "[1,2]", "\"just a string\"", "{\"x\":\"\\ud800\"}", "{}}");

    public static Gen<AlertFile> Ndjson =>
        from first in Object(2)
        from rest in Gen.ListOf(Gen.Frequency((6, Object(2)), (1, Broken))).Select(r => r.Take(30).ToList())
        select new AlertFile("alerts.jsonl", string.Join("\n", [first, .. rest]) + "\n", [.. Enumerable.Range(1, rest.Count + 1).Select(i => (long)i)]);

    public static Gen<AlertFile> JsonArray =>
        from items in Gen.ListOf(Object(2)).Select(r => r.Take(30).ToList())
        select new AlertFile("alerts.json", "[\n" + string.Join(",\n", items) + "\n]\n", [.. Enumerable.Range(2, items.Count).Select(i => (long)i)]);
}
