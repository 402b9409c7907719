using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Evaluation;

public sealed record Mismatch(string AlertId, Decision Expected, Decision Actual, string? Scenario, string Reason);

/// <summary>How a run's decisions compare with labels. "Positive" means the label says escalate.</summary>
public sealed record EvaluationReport(
    int[,] Matrix, int Labeled, int Unlabeled, IReadOnlyList<string> LabelsNotFound,
    double EscalationRecall, double EscalationPrecision, double Accuracy,
    IReadOnlyList<Mismatch> FalseEscalations, IReadOnlyList<Mismatch> MissedAttacks, IReadOnlyList<Mismatch> OtherMismatches)
{
    public static readonly Decision[] Order = [Decision.Escalate, Decision.Monitor, Decision.AutoClose];
}

public static class DecisionEvaluation
{
    public static EvaluationReport Compute(TriageResult result, IReadOnlyDictionary<string, Label> labels)
    {
        var matrix = new int[3, 3];
        var seen = new HashSet<string>();
        var falseEscalations = new List<Mismatch>();
        var missed = new List<Mismatch>();
        var other = new List<Mismatch>();
        var unlabeled = 0;
        foreach (var o in result.Alerts.Where(a => a.Alert is not null))
        {
            if (!labels.TryGetValue(o.Alert!.Id, out var label))
            {
                unlabeled++;
                continue;
            }
            seen.Add(label.AlertId);
            var actual = o.Decision!.Decision;
            matrix[Array.IndexOf(EvaluationReport.Order, label.Expected), Array.IndexOf(EvaluationReport.Order, actual)]++;
            if (actual == label.Expected) continue;
            var m = new Mismatch(label.AlertId, label.Expected, actual, label.Scenario, o.Decision.Reason);
            if (actual == Decision.Escalate) falseEscalations.Add(m);
            else if (label.Expected == Decision.Escalate && actual == Decision.AutoClose) missed.Add(m);
            else other.Add(m);
        }
        int tp = matrix[0, 0], fn = matrix[0, 1] + matrix[0, 2], fp = matrix[1, 0] + matrix[2, 0];
        var labeled = matrix.Cast<int>().Sum(); // every labeled alert counts, even when two share an id
        var correct = matrix[0, 0] + matrix[1, 1] + matrix[2, 2];
        return new EvaluationReport(matrix, labeled, unlabeled, [.. labels.Keys.Where(k => !seen.Contains(k))],
            tp + fn == 0 ? 1 : (double)tp / (tp + fn), tp + fp == 0 ? 1 : (double)tp / (tp + fp),
            labeled == 0 ? 0 : (double)correct / labeled, falseEscalations, missed, other);
    }
}
