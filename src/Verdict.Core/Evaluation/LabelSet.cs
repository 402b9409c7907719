using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Pipeline;

namespace Verdict.Evaluation;

/// <summary>
/// Reads a labels file: a CSV with a header, or JSON (NDJSON, an array or objects), one label per record. Each record
/// names an alert id (alert_id, id or any id column Verdict recognises) and an expected label in a label column
/// (label, expected, expected_decision, expected_classification, classification, verdict, decision; or the column
/// named by <c>labelField</c>), with an optional scenario. Unreadable records are errors with file and line.
/// </summary>
public static class LabelSet
{
    private static readonly string[] LabelColumns =
        ["label", "expected", "expecteddecision", "expectedclassification", "expectedlabel", "classification", "verdict", "decision"];

    public static (Dictionary<string, ExpectedLabel> Labels, List<InputError> Errors) Read(string path, string? labelField = null, string scenarioField = "scenario")
    {
        var labels = new Dictionary<string, ExpectedLabel>(StringComparer.Ordinal);
        var errors = new List<InputError>();
        if (InputFiles.Unreadable(path) is { } unreadable)
        {
            errors.Add(unreadable with { Reason = "labels " + unreadable.Reason });
            return (labels, errors);
        }
        using var stream = InputFiles.Open(path, () => Stream.Null);
        var csv = !InputFiles.IsJson(path, stream);
        var records = csv ? CsvRecords(stream, path) : JsonRecords(stream, path);
        foreach (var (source, fields, error) in records)
        {
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }
            Func<string, bool> isId = n => n is "alertid" or "id" || FieldNames.Recognize(n) == CanonicalField.Id;
            Func<string, bool> isLabel = n => labelField is not null ? n == FieldNames.Normalize(labelField) : LabelColumns.Contains(n);
            var id = Find(fields!, isId);
            var label = labelField is not null ? Find(fields!, isLabel) : FindFirst(fields!, LabelColumns);
            var scenario = Find(fields!, n => n == FieldNames.Normalize(scenarioField) || n is "scenario" or "note");
            if (id is null || label is null)
            {
                var noun = csv ? "column" : "field";
                errors.Add(new InputError(source, $"needs an alert id and a {labelField ?? "label"} {noun} with a value; {noun}s: {string.Join(", ", fields!.Select(f => f.Key).Take(12))}"));
                var keys = fields!.Select(f => FieldNames.Normalize(f.Key)).ToList();
                if (csv && !(keys.Any(isId) && keys.Any(isLabel))) return (labels, errors); // every row has the header's columns
                continue;
            }
            Add(labels, errors, source, id.Trim(), label, scenario);
        }
        return (labels, errors);
    }

    /// <summary>Adds one label, reporting an unknown word or a second label for the same alert.</summary>
    public static void Add(Dictionary<string, ExpectedLabel> labels, List<InputError> errors, SourceRef source, string id, string text, string? scenario)
    {
        if (ExpectedLabel.Parse(id, text, scenario) is not { } parsed)
        {
            errors.Add(new InputError(source, $"unknown label '{text}' for alert {id} (expected {ExpectedLabel.Expected})"));
            return;
        }
        if (!labels.TryAdd(id, parsed)) errors.Add(new InputError(source, $"alert id '{id}' is labeled twice; the first label is kept"));
    }

    private static string? Find(List<KeyValuePair<string, string>> fields, Func<string, bool> name) =>
        fields.FirstOrDefault(f => name(FieldNames.Normalize(f.Key)) && f.Value.Trim().Length > 0).Value;

    private static string? FindFirst(List<KeyValuePair<string, string>> fields, string[] names) =>
        names.Select(n => Find(fields, f => f == n)).FirstOrDefault(v => v is not null);

    private static IEnumerable<(SourceRef, List<KeyValuePair<string, string>>?, InputError?)> JsonRecords(Stream stream, string path)
    {
        foreach (var record in JsonAlertReader.ReadRecords(stream, path))
        {
            yield return record.Success ? (record.Value!.Source, record.Value.Fields, null) : (record.Error!.Source, null, record.Error);
        }
    }

    private static IEnumerable<(SourceRef, List<KeyValuePair<string, string>>?, InputError?)> CsvRecords(Stream stream, string path)
    {
        string[]? header = null;
        foreach (var (row, error) in CsvTable.Read(stream, path))
        {
            if (error is not null)
            {
                yield return (error.Source, null, error);
                continue;
            }
            if (header is null)
            {
                header = row!.Fields;
                continue;
            }
            yield return (row!.Source, [.. header.Select((h, i) => new KeyValuePair<string, string>(h, row.Fields[i]))], null);
        }
    }
}
