using System.Text.Json;
using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest;

/// <summary>One JSON object, flattened: its fields in input order, and entity fields read from a Sentinel entity list;
/// <paramref name="Where"/> says which element of an envelope's array it is ("finding 2 of 3 in 'Findings' (the envelope at line 1)").</summary>
public sealed record JsonRecord(SourceRef Source, List<KeyValuePair<string, string>> Fields, List<KeyValuePair<string, string>> EntityHints, string? Where = null);

/// <summary>
/// Reads alerts from JSON: an array of objects, one object, or NDJSON (see <see cref="JsonRecordSplitter"/>), one
/// record at a time. Each object is flattened (<see cref="JsonFlattener"/>) and its fields recognised by name
/// (<see cref="FieldNames"/>, ECS, OCSF, CIM, Sentinel and vendor shorthand) or by a mapping file. A record that is
/// not JSON, not an object, or nested deeper than <see cref="MaxDepth"/> levels is an error naming its line.
/// </summary>
public static class JsonAlertReader
{
    public const int MaxDepth = 64;

    /// <summary>A record larger than this is an error for its line (a CSV field is capped at 256 KB the same way).</summary>
    public const int MaxRecordBytes = 4 * 1024 * 1024;

    public static IEnumerable<ParseResult<Alert>> Read(Stream stream, string fileName, EnvironmentContext context, FieldMapping? mapping = null)
    {
        mapping ??= FieldMapping.Empty;
        foreach (var record in ReadRecords(stream, fileName))
        {
            if (!record.Success)
            {
                yield return new ParseResult<Alert>(null, record.Error);
                continue;
            }
            var (source, fields, hints, where) = record.Value!;
            var map = mapping.Map([.. fields.Select(f => f.Key), .. hints.Select(h => h.Key)]);
            yield return Locate(AlertRecord.Build(source, fields, map, context, "field", hints), where);
        }
    }

    public static IEnumerable<ParseResult<JsonRecord>> ReadRecords(Stream stream, string fileName)
    {
        foreach (var chunk in new JsonRecordSplitter(stream).Read())
        {
            var source = new SourceRef(fileName, chunk.Line);
            if (chunk.Error is not null)
            {
                yield return ParseResult<JsonRecord>.Fail(source, "malformed JSON: " + chunk.Error);
                continue;
            }
            // The splitter found this record's bounds, so a record too large, not UTF-8 or too deep leaves the next one readable.
            if (Unfit(chunk.Bytes!) is { } unfit)
            {
                yield return ParseResult<JsonRecord>.Fail(source, unfit);
                continue;
            }
            var parsed = Parse(chunk.Bytes!, source);
            foreach (var record in parsed) yield return record;
            // In an array or a run of pretty-printed objects, a broken element leaves no sure place to resume.
            if (parsed is [{ Success: false }] && !chunk.Independent) yield break;
        }
    }

    /// <summary>An element of an envelope's array that cannot be an alert says which one it is (a GetFindings page is many findings on one line).</summary>
    internal static ParseResult<Alert> Locate(ParseResult<Alert> alert, string? where) =>
        alert.Success || where is null ? alert : ParseResult<Alert>.Fail(alert.Error!.Source, $"{where}: {alert.Error.Reason}");

    private static string? Unfit(byte[] bytes) =>
        bytes.Length > MaxRecordBytes ? $"record larger than {MaxRecordBytes >> 20} MB ({bytes.Length / (1024.0 * 1024):F1} MB); not read"
        : !System.Text.Unicode.Utf8.IsValid(bytes) ? "record is not valid UTF-8; not read"
        : Depth(bytes) > MaxDepth ? $"JSON nested deeper than {MaxDepth} levels; not read"
        : null;

    /// <summary>The record in one chunk, or each record of an envelope or JSON:API document (<see cref="JsonEnvelope"/>).</summary>
    private static List<ParseResult<JsonRecord>> Parse(byte[] bytes, SourceRef source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth + 1 });
        }
        catch (JsonException e)
        {
            var at = source with { Line = source.Line + (e.LineNumber ?? 0) };
            return [ParseResult<JsonRecord>.Fail(at, "malformed JSON: " + Reason(e.Message))];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return [ParseResult<JsonRecord>.Fail(source, $"expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}")];
            try
            {
                return [.. JsonEnvelope.Records(document.RootElement, bytes).Select(r =>
                {
                    var at = source with { Line = source.Line + r.Line };
                    var where = r.Item?.Describe(source.Line);
                    return r.Problem is null ? Complete(r.Fields, at, where) : ParseResult<JsonRecord>.Fail(at, $"{where}: {r.Problem}");
                })];
            }
            catch (InvalidOperationException)
            {
                // The parser accepts "\ud800" (half of a UTF-16 pair) and fails only when the string is read.
                return [ParseResult<JsonRecord>.Fail(source, "malformed JSON: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)")];
            }
        }
    }

    private static ParseResult<JsonRecord> Complete(List<KeyValuePair<string, string>> fields, SourceRef source, string? where)
    {
        VendorShapes.Complete(fields);
        var hints = SentinelEntities.Hints(fields);
        GraphEvidence.AddHints(fields, hints);
        CloudProductFields.AddCallerHint(fields, hints);
        return ParseResult<JsonRecord>.Ok(new JsonRecord(source, fields, hints, where));
    }

    /// <summary>The parser's own words, without its position suffix (the line is reported separately).</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd(' ', '|');
    }

    /// <summary>How deep objects and arrays nest, strings skipped; checked before parsing so a hostile input is one clear error.</summary>
    private static int Depth(ReadOnlySpan<byte> json)
    {
        int depth = 0, max = 0;
        bool inString = false, escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == '\\') escaped = true;
                else if (b == '"') inString = false;
            }
            else if (b == '"') inString = true;
            else if (b is (byte)'{' or (byte)'[') max = Math.Max(max, ++depth);
            else if (b is (byte)'}' or (byte)']') depth--;
        }
        return max;
    }
}
