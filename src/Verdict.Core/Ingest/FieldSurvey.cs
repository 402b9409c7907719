namespace Verdict.Ingest;

/// <summary>One source field as Verdict understood it. <paramref name="ReadFirst"/>: another field that gives the same
/// canonical field and is read instead (mapping-file names first, then the first in input order). <paramref name="Guessed"/>:
/// the canonical field the generic reader (<see cref="FieldGuess"/>: rule, user, host, source IP, time) took this field for,
/// by its name's words and its values, in <paramref name="GuessedIn"/> of the records read.</summary>
public sealed record SurveyedField(string Name, CanonicalField? Field, FieldOrigin Origin, string Example, string? ReadFirst,
    CanonicalField? Guessed = null, int GuessedIn = 0);

/// <summary>What <see cref="FieldSurvey"/> found in the first records of an input.</summary>
public sealed record FieldSurveyResult(string Format, int Records, IReadOnlyList<SurveyedField> Fields, IReadOnlyList<InputError> Errors);

/// <summary>Reads the first records of a CSV or JSON input and reports how each field name is understood (for `verdict fields`).</summary>
public static class FieldSurvey
{
    public static FieldSurveyResult Read(Stream stream, string fileName, bool json, FieldMapping mapping, int limit)
    {
        var names = new List<string>();
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<InputError>();
        var guesses = new FieldGuesses(mapping);
        var records = 0;
        void Take(IReadOnlyList<KeyValuePair<string, string>> fields, IReadOnlyList<KeyValuePair<string, string>>? hints = null, bool guess = true)
        {
            foreach (var (name, value) in fields)
            {
                if (!examples.TryGetValue(name, out var seen)) names.Add(name);
                if (string.IsNullOrWhiteSpace(seen)) examples[name] = value;
            }
            if (guess) guesses.Take(fields, hints ?? []);
        }
        var format = json ? "JSON" : "CSV";
        if (json && Sentinel.SentinelExport.TryRead(stream, fileName, Context.EnvironmentContext.Default, mapping) is { } incident)
        {
            // An incident export: the fields of each alert as triage reads them (incident.* fields added).
            format = "Sentinel incident export";
            foreach (var alert in incident.Take(limit))
            {
                if (alert.Success) { Take(alert.Value!.Fields, guess: false); records++; }
                else errors.Add(alert.Error!);
            }
        }
        else if (json)
        {
            foreach (var record in JsonAlertReader.ReadRecords(stream, fileName))
            {
                if (records >= limit) break;
                if (record.Success) { Take(record.Value!.Fields, record.Value.EntityHints); records++; }
                else errors.Add(record.Error!);
            }
        }
        else
        {
            string[]? header = null;
            foreach (var (row, error) in CsvTable.Read(stream, fileName))
            {
                if (error is not null) { errors.Add(error); continue; }
                if (header is null) { header = row!.Fields; continue; }
                if (records >= limit) break;
                Take([.. header.Zip(row!.Fields, (h, v) => new KeyValuePair<string, string>(h, v))]);
                records++;
            }
            if (header is not null && records == 0) Take([.. header.Select(h => new KeyValuePair<string, string>(h, ""))], guess: false);
        }
        var map = mapping.Map(names);
        var surveyed = names.Select((name, i) =>
        {
            var (field, origin) = mapping.Resolve(name);
            var first = field is { } f && map.TryGetValue(f, out var winner) && winner != i ? names[winner] : null;
            var (guessed, times) = field is null ? guesses.Of(name) : (null, 0);
            return new SurveyedField(name, field, origin, examples[name], first, guessed, times);
        }).ToList();
        return new FieldSurveyResult(format, records, surveyed, errors);
    }
}
