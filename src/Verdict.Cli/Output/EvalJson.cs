using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Evaluation;
using Verdict.Reporting;

namespace Verdict.Cli.Output;

/// <summary>`verdict eval --json`: the figures of a labeled evaluation as one JSON object.</summary>
public static class EvalJson
{
    public static void Write(TextWriter output, LabeledReport r)
    {
        output.WriteLine(ToJson(r).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        output.Flush();
    }

    public static JsonObject ToJson(LabeledReport r) => new()
    {
        ["records"] = r.Records,
        ["input_errors"] = r.InputErrors,
        ["labeled"] = r.Labeled,
        ["unlabeled"] = r.Unlabeled,
        ["labels_not_found"] = new JsonArray([.. r.LabelsNotFound.Select(id => JsonValue.Create(id))]),
        ["attacks"] = r.Attacks,
        ["benign"] = r.Benign,
        ["ambiguous"] = r.Ambiguous,
        ["attack_recall"] = Math.Round(r.AttackRecall, 4),
        ["false_positive_rate"] = Math.Round(r.FalsePositiveRate, 4),
        ["benign_closed_rate"] = Math.Round(r.BenignClosedRate, 4),
        ["precision"] = Math.Round(r.Precision, 4),
        ["f1"] = Math.Round(r.F1, 4),
        ["confusion_matrix"] = new JsonObject
        {
            ["rows"] = new JsonArray([.. LabeledReport.Rows.Select(t => JsonValue.Create(t.ToString().ToLowerInvariant()))]),
            ["classification_columns"] = new JsonArray([.. LabeledReport.ClassificationColumns.Select(c => JsonValue.Create(EvalReport.Word(c)))]),
            ["classification"] = Matrix(r.ClassificationMatrix),
            ["decision_columns"] = new JsonArray([.. LabeledReport.DecisionColumns.Select(d => JsonValue.Create(MarkdownBrief.DecisionWord(d).ToLowerInvariant().Replace('-', '_')))]),
            ["decision"] = Matrix(r.DecisionMatrix),
        },
        ["by_rule"] = Groups(r.ByRule),
        ["by_scenario"] = Groups(r.ByScenario),
        ["closed_attacks"] = Alerts(r.ClosedAttacks),
        ["false_positives"] = Alerts(r.FalsePositives),
    };

    private static JsonArray Matrix(int[,] m) =>
        new([.. Enumerable.Range(0, 3).Select(i => new JsonArray([.. Enumerable.Range(0, 3).Select(j => JsonValue.Create(m[i, j]))]))]);

    private static JsonArray Groups(IEnumerable<GroupFigures> groups) => new([.. groups.Select(g => new JsonObject
    {
        ["name"] = g.Name,
        ["alerts"] = g.Alerts,
        ["attacks"] = g.Attacks,
        ["attacks_flagged"] = g.AttacksFlagged,
        ["benign"] = g.Benign,
        ["benign_closed"] = g.BenignClosed,
        ["ambiguous"] = g.Ambiguous,
    })]);

    private static JsonArray Alerts(IEnumerable<ScoredAlert> alerts) => new([.. alerts.Select(a => new JsonObject
    {
        ["alert_id"] = a.AlertId,
        ["scenario"] = a.Label.Scenario,
        ["rule"] = a.Rule,
        ["expected"] = a.Label.Text,
        ["classification"] = EvalReport.Word(a.Classification),
        ["decision"] = MarkdownBrief.DecisionWord(a.Decision).ToLowerInvariant().Replace('-', '_'),
        ["reason"] = a.Reason,
    })]);
}
