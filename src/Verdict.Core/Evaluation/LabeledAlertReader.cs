using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Pipeline;

namespace Verdict.Evaluation;

/// <summary>
/// Reads an alert file whose records carry their own label (<c>--label-field label</c>): each record's label and
/// scenario fields are taken out before the alert is built, so the analyst never sees them, and kept by alert id.
/// CSV and JSON alike, same file names and lines as triage would report; a record without a readable label is
/// still triaged, and its label problem is reported with file and line.
/// </summary>
public sealed class LabeledAlertReader(string labelField, string scenarioField = "scenario")
{
    private readonly string _label = FieldNames.Normalize(labelField);
    private readonly string _scenario = FieldNames.Normalize(scenarioField);

    public Dictionary<string, ExpectedLabel> Labels { get; } = new(StringComparer.Ordinal);
    public List<InputError> Errors { get; } = [];

    public IEnumerable<ParseResult<Alert>> Read(string path, EnvironmentContext context, Func<Stream> stdin, FieldMapping? mapping = null)
    {
        if (InputFiles.Unreadable(path) is { } error)
        {
            yield return new ParseResult<Alert>(null, error);
            yield break;
        }
        mapping ??= FieldMapping.Empty;
        using var stream = InputFiles.Open(path, stdin);
        var name = InputFiles.Name(path);
        var records = InputFiles.IsJson(path, stream) ? ReadJson(stream, name, context, mapping) : ReadCsv(stream, name, context, mapping);
        foreach (var record in records) yield return record;
    }

    private IEnumerable<ParseResult<Alert>> ReadJson(Stream stream, string name, EnvironmentContext context, FieldMapping mapping)
    {
        foreach (var record in JsonAlertReader.ReadRecords(stream, name))
        {
            if (!record.Success)
            {
                yield return new ParseResult<Alert>(null, record.Error);
                continue;
            }
            var (source, fields, hints, where) = record.Value!;
            var (kept, label, scenario) = Split(fields);
            var map = mapping.Map([.. kept.Select(f => f.Key), .. hints.Select(h => h.Key)]);
            yield return Keep(JsonAlertReader.Locate(AlertRecord.Build(source, kept, map, context, "field", hints), where), source, label, scenario);
        }
    }

    private IEnumerable<ParseResult<Alert>> ReadCsv(Stream stream, string name, EnvironmentContext context, FieldMapping mapping)
    {
        string[]? header = null;
        Dictionary<CanonicalField, int> map = [];
        foreach (var (row, error) in CsvTable.Read(stream, name))
        {
            if (error is not null)
            {
                yield return new ParseResult<Alert>(null, error);
                continue;
            }
            var fields = row!.Fields.Select((v, i) => new KeyValuePair<string, string>(header?[i] ?? v, v)).ToList();
            var (kept, label, scenario) = Split(fields);
            if (header is null)
            {
                header = row.Fields;
                map = mapping.Map([.. kept.Select(f => f.Key)]);
                if (!map.ContainsKey(CanonicalField.Rule) && !map.ContainsKey(CanonicalField.Description))
                {
                    yield return ParseResult<Alert>.Fail(row.Source, $"no column names the alert; columns are: {string.Join(", ", header)}");
                    yield break;
                }
                if (label is null) Errors.Add(new InputError(row.Source, $"no '{labelField}' column: no record of this file is labeled"));
                continue;
            }
            yield return Keep(AlertRecord.Build(row.Source, kept, map, context), row.Source, label, scenario);
        }
    }

    private (List<KeyValuePair<string, string>> Kept, string? Label, string? Scenario) Split(List<KeyValuePair<string, string>> fields)
    {
        string? label = null, scenario = null;
        var kept = new List<KeyValuePair<string, string>>(fields.Count);
        foreach (var f in fields)
        {
            var n = FieldNames.Normalize(f.Key);
            if (n == _label) label = f.Value;
            else if (n == _scenario) scenario = f.Value;
            else kept.Add(f);
        }
        return (kept, label, scenario);
    }

    private ParseResult<Alert> Keep(ParseResult<Alert> built, SourceRef source, string? label, string? scenario)
    {
        if (!built.Success) return built;
        var id = built.Value!.Id;
        if (string.IsNullOrWhiteSpace(label)) Errors.Add(new InputError(source, $"alert {id} has no '{labelField}' value; it is triaged but not scored"));
        else LabelSet.Add(Labels, Errors, source, id, label, scenario);
        return built;
    }
}
