using Verdict.Ingest;
using Verdict.Policy;

namespace Verdict.Evaluation;

public sealed record Label(string AlertId, Decision Expected, string? Scenario);

/// <summary>Reads labels: a CSV with alert_id and expected_decision (or expected/label/decision), optional scenario.</summary>
public static class LabelFile
{
    public static (Dictionary<string, Label> Labels, List<InputError> Errors) Read(string path)
    {
        var labels = new Dictionary<string, Label>(StringComparer.Ordinal);
        var errors = new List<InputError>();
        if (!File.Exists(path))
        {
            errors.Add(new InputError(new Alerts.SourceRef(path, 0), "labels file not found"));
            return (labels, errors);
        }
        using var stream = File.OpenRead(path);
        int id = -1, expected = -1, scenario = -1;
        var first = true;
        foreach (var (row, error) in CsvTable.Read(stream, path))
        {
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }
            if (first)
            {
                first = false;
                var names = row!.Fields.Select(FieldNames.Normalize).ToList();
                id = names.FindIndex(n => n is "alertid" or "id");
                expected = names.FindIndex(n => n is "expecteddecision" or "expected" or "label" or "decision");
                scenario = names.FindIndex(n => n is "scenario" or "note");
                if (id < 0 || expected < 0)
                {
                    errors.Add(new InputError(row.Source, "labels need alert_id and expected_decision columns"));
                    return (labels, errors);
                }
                continue;
            }
            var f = row!.Fields;
            if (!TryDecision(f[expected], out var decision))
            {
                errors.Add(new InputError(row.Source, $"unknown expected decision '{f[expected]}' (escalate, monitor or auto_close)"));
                continue;
            }
            if (!labels.TryAdd(f[id].Trim(), new Label(f[id].Trim(), decision, scenario >= 0 ? f[scenario] : null)))
                errors.Add(new InputError(row.Source, $"alert id '{f[id].Trim()}' is labeled twice; the first label is kept"));
        }
        return (labels, errors);
    }

    public static bool TryDecision(string text, out Decision decision)
    {
        switch (text.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_'))
        {
            case "escalate" or "escalated": decision = Decision.Escalate; return true;
            case "monitor" or "investigate": decision = Decision.Monitor; return true;
            case "auto_close" or "autoclose" or "close" or "closed": decision = Decision.AutoClose; return true;
            default: decision = default; return false;
        }
    }
}
