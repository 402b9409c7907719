using Verdict.Alerts;
using Verdict.Analysis;

namespace Verdict.Feedback;

/// <summary>How far analyst feedback may move Verdict. Defaults are documented in the README.</summary>
public sealed record FeedbackOptions
{
    /// <summary>BENIGN verdicts on a rule (and no MALICIOUS one) before its alerts get a benign prior shift.</summary>
    public int MinBenignForPrior { get; init; } = 5;
    /// <summary>Log-odds of the shift per BENIGN verdict, and its bound.</summary>
    public double ShiftPerVerdict { get; init; } = 0.2;
    public double MaxShift { get; init; } = 1.5;
    /// <summary>Log-odds added when an analyst confirmed a similar alert (same rule, shared entity) as MALICIOUS.</summary>
    public double SimilarMaliciousWeight { get; init; } = 1.0;
    /// <summary>Similar past cases listed in a brief.</summary>
    public int MaxSimilar { get; init; } = 3;
}

/// <summary>
/// What Verdict learned from analysts' verdicts, as evidence a person can inspect in the brief: a bounded per-rule
/// benign prior ("analysts closed 7 of 7 past alerts of this rule as benign"), a confirmed-malicious similar case
/// (same rule, a shared entity) on the malicious side, and the similar past cases themselves as context.
/// </summary>
public sealed class FeedbackLearning(IReadOnlyList<FeedbackRecord> records, FeedbackOptions? options = null)
{
    public const string Source = "analyst feedback";
    private readonly FeedbackOptions options = options ?? new FeedbackOptions();
    private readonly ILookup<string, FeedbackRecord> byRule = records.Where(r => r.Rule is not null)
        .ToLookup(r => r.Rule!.Trim(), StringComparer.OrdinalIgnoreCase);

    public int Count => records.Count;

    public IReadOnlyList<Evidence> For(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var past = byRule[alert.Rule.Trim()].ToList();
        if (past.Count == 0) return [];
        var evidence = new List<Evidence>();
        int benign = past.Count(r => r.Verdict == Classification.Benign), malicious = past.Count(r => r.Verdict == Classification.Malicious);
        if (malicious == 0 && benign >= options.MinBenignForPrior)
        {
            evidence.Add(new("feedback_rule_prior", $"Analysts closed {benign} of {past.Count} past alerts of rule '{alert.Rule}' as benign, none as malicious",
                Leaning.Benign, Math.Round(Math.Min(options.MaxShift, options.ShiftPerVerdict * benign), 2), Source));
        }
        else if (malicious > 0)
        {
            evidence.Add(new("feedback_rule_history", $"Analysts confirmed {malicious} of {past.Count} past alerts of rule '{alert.Rule}' as malicious",
                Leaning.Context, 0, Source));
        }
        var mine = EntityKey.Parse(EntityKey.For(alert.Entities));
        var similar = past.Select(r => (Record: r, Shared: r.Entities.Where(mine.Contains).Order(StringComparer.Ordinal).ToList()))
            .Where(s => s.Shared.Count > 0)
            .OrderByDescending(s => s.Record.Verdict == Classification.Malicious).ThenByDescending(s => s.Shared.Count).ThenByDescending(s => s.Record.Time)
            .ToList();
        if (similar.FirstOrDefault(s => s.Record.Verdict == Classification.Malicious) is { Record: not null } bad)
        {
            evidence.Add(new("feedback_similar_malicious",
                $"An analyst confirmed a similar alert ({bad.Record.AlertId}, same rule, sharing {string.Join(", ", bad.Shared)}) as MALICIOUS on {bad.Record.Time:yyyy-MM-dd}",
                Leaning.Malicious, options.SimilarMaliciousWeight, Source));
        }
        foreach (var (r, shared) in similar.Take(options.MaxSimilar))
        {
            evidence.Add(new($"feedback_similar:{r.AlertId}",
                $"Similar past case {r.AlertId} ({r.Time:yyyy-MM-dd}, same rule, sharing {string.Join(", ", shared)}): {r.Analyst} said {r.Verdict.ToString().ToUpperInvariant()}"
                + (string.IsNullOrWhiteSpace(r.Note) ? "" : $" ({r.Note.Trim()})"),
                Leaning.Context, 0, Source));
        }
        return evidence;
    }
}
