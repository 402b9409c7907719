using Verdict.Analysis;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Evaluation;

/// <summary>One labeled alert and what Verdict made of it.</summary>
public sealed record ScoredAlert(string AlertId, ExpectedLabel Label, string Rule, Classification Classification, Decision Decision, string Reason)
{
    /// <summary>Verdict raised it (SUSPICIOUS or MALICIOUS): for an attack, caught; for a benign event, a false positive.</summary>
    public bool Flagged => Classification != Classification.Benign;

    /// <summary>An attack Verdict let go: classified BENIGN or auto-closed.</summary>
    public bool ClosedAttack => Label.Truth == Truth.Attack && (Classification == Classification.Benign || Decision == Decision.AutoClose);
}

/// <summary>Attacks and benign events of one group (a scenario or a rule) and how Verdict did on them.</summary>
public sealed record GroupFigures(string Name, int Alerts, int Attacks, int AttacksFlagged, int Benign, int BenignClosed, int Ambiguous);

/// <summary>
/// A labeled run measured: the matrices (truth rows against classification and decision columns), attack recall
/// (attacks classified SUSPICIOUS or MALICIOUS), false-positive rate (benign events not classified BENIGN),
/// precision and F1 over attacks and benign events (ambiguous labels are shown but not scored), and the attacks closed.
/// </summary>
public sealed record LabeledReport(
    int Records, int InputErrors, int Labeled, int Unlabeled, IReadOnlyList<string> LabelsNotFound,
    int[,] ClassificationMatrix, int[,] DecisionMatrix,
    double AttackRecall, double FalsePositiveRate, double Precision, double F1, double BenignClosedRate,
    IReadOnlyList<ScoredAlert> Alerts, IReadOnlyList<GroupFigures> ByScenario, IReadOnlyList<GroupFigures> ByRule)
{
    public static readonly Truth[] Rows = [Truth.Attack, Truth.Ambiguous, Truth.Benign];
    public static readonly Classification[] ClassificationColumns = [Classification.Malicious, Classification.Suspicious, Classification.Benign];
    public static readonly Decision[] DecisionColumns = [Decision.Escalate, Decision.Monitor, Decision.AutoClose];

    public int Attacks => Alerts.Count(a => a.Label.Truth == Truth.Attack);
    public int Benign => Alerts.Count(a => a.Label.Truth == Truth.Benign);
    public int Ambiguous => Alerts.Count(a => a.Label.Truth == Truth.Ambiguous);
    public IEnumerable<ScoredAlert> ClosedAttacks => Alerts.Where(a => a.ClosedAttack);
    public IEnumerable<ScoredAlert> FalsePositives => Alerts.Where(a => a.Label.Truth == Truth.Benign && a.Flagged);

    /// <summary>Every input record is either scored, unlabeled, or an input error.</summary>
    public bool AccountsForEveryRecord => Labeled + Unlabeled + InputErrors == Records;
}

public static class LabeledEvaluation
{
    public static LabeledReport Compute(TriageResult result, IReadOnlyDictionary<string, ExpectedLabel> labels)
    {
        var scored = new List<ScoredAlert>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unlabeled = 0;
        var classMatrix = new int[3, 3];
        var decisionMatrix = new int[3, 3];
        foreach (var o in result.Alerts.Where(a => a.Alert is not null))
        {
            if (!labels.TryGetValue(o.Alert!.Id, out var label))
            {
                unlabeled++;
                continue;
            }
            seen.Add(label.AlertId);
            var s = new ScoredAlert(o.Alert.Id, label, o.Alert.Rule, o.Assessment!.Classification, o.Decision!.Decision, o.Decision.Reason);
            scored.Add(s);
            var row = Array.IndexOf(LabeledReport.Rows, label.Truth);
            classMatrix[row, Array.IndexOf(LabeledReport.ClassificationColumns, s.Classification)]++;
            decisionMatrix[row, Array.IndexOf(LabeledReport.DecisionColumns, s.Decision)]++;
        }
        int attacks = scored.Count(a => a.Label.Truth == Truth.Attack), caught = scored.Count(a => a.Label.Truth == Truth.Attack && a.Flagged);
        int benign = scored.Count(a => a.Label.Truth == Truth.Benign), falsePositives = scored.Count(a => a.Label.Truth == Truth.Benign && a.Flagged);
        var recall = Ratio(caught, attacks, 1);
        var precision = Ratio(caught, caught + falsePositives, 1);
        return new LabeledReport(
            result.Alerts.Count, result.Errors, scored.Count, unlabeled, [.. labels.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal)],
            classMatrix, decisionMatrix,
            recall, Ratio(falsePositives, benign, 0), precision, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            Ratio(benign - falsePositives, benign, 1),
            scored, Groups(scored, a => a.Label.Scenario ?? "(no scenario)"), Groups(scored, a => a.Rule));
    }

    private static double Ratio(int n, int d, double empty) => d == 0 ? empty : (double)n / d;

    private static List<GroupFigures> Groups(List<ScoredAlert> alerts, Func<ScoredAlert, string> key) =>
        [.. alerts.GroupBy(key, StringComparer.Ordinal).Select(g => new GroupFigures(g.Key, g.Count(),
                g.Count(a => a.Label.Truth == Truth.Attack), g.Count(a => a.Label.Truth == Truth.Attack && a.Flagged),
                g.Count(a => a.Label.Truth == Truth.Benign), g.Count(a => a.Label.Truth == Truth.Benign && !a.Flagged),
                g.Count(a => a.Label.Truth == Truth.Ambiguous)))
            .OrderByDescending(g => g.Attacks - g.AttacksFlagged + g.Benign - g.BenignClosed).ThenBy(g => g.Name, StringComparer.Ordinal)];
}
