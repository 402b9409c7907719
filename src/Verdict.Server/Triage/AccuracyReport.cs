using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

public sealed record AccuracyCell(int Judged, int Correct, double? Accuracy)
{
    public static AccuracyCell Of(IReadOnlyCollection<JudgedFeedback> rows)
    {
        var correct = rows.Count(r => r.Feedback.Correct);
        return new AccuracyCell(rows.Count, correct, rows.Count == 0 ? null : Math.Round((double)correct / rows.Count, 4));
    }
}

public sealed record AccuracyDay(string Day, int Judged, int Correct, double? Accuracy);

/// <summary>
/// How often analysts agreed with Verdict. Each alert (or case) counts once, with its latest feedback. The confusion matrix
/// is Verdict's classification (rows) against the analyst's (columns): the same word when confirmed, the corrected one otherwise.
/// </summary>
public sealed record AccuracyReport(AccuracyCell Overall, IReadOnlyDictionary<string, AccuracyCell> ByClassification,
    IReadOnlyDictionary<string, AccuracyCell> ByRule, IReadOnlyList<AccuracyDay> OverTime,
    IReadOnlyList<string> Labels, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Confusion)
{
    public static AccuracyReport From(IReadOnlyList<JudgedFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var latest = feedback.GroupBy(f => f.Feedback.AlertId ?? "case:" + f.Feedback.CaseId).Select(g => g.Last()).ToList();
        var byClass = latest.Where(f => f.PredictedClassification is not null).GroupBy(f => f.PredictedClassification!)
            .ToDictionary(g => g.Key, g => AccuracyCell.Of([.. g]));
        var byRule = latest.GroupBy(f => f.Rule ?? "(case)").ToDictionary(g => g.Key, g => AccuracyCell.Of([.. g]));
        var days = latest.GroupBy(f => f.Feedback.Time.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => AccuracyCell.Of([.. g]) is var c ? new AccuracyDay(g.Key, c.Judged, c.Correct, c.Accuracy) : null!).ToList();
        var labels = Ranks.Classifications.Reverse().ToList();
        var confusion = labels.ToDictionary(p => p, p => (IReadOnlyDictionary<string, int>)labels.ToDictionary(a => a, a => latest.Count(f =>
            f.PredictedClassification == p && Actual(f) == a)));
        return new AccuracyReport(AccuracyCell.Of(latest), byClass, byRule, days, labels, confusion);
    }

    private static string? Actual(JudgedFeedback f) => f.Feedback.Correct ? f.PredictedClassification : f.Feedback.Classification;
}
