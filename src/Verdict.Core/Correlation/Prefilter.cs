using Verdict.Alerts;
using Verdict.Correlation.Suppression;

namespace Verdict.Correlation;

/// <summary>What the pre-filter decided: which alerts a rule suppressed, and how the rest fold into primaries.</summary>
public sealed class PrefilterResult
{
    public Dictionary<Alert, SuppressionRule> Suppressed { get; } = new(ReferenceEqualityComparer.Instance);
    public required Deduplication Dedup { get; init; }

    /// <summary>The alerts left to correlate and analyse, in input order.</summary>
    public IReadOnlyList<Alert> Primaries => Dedup.Primaries;
}

/// <summary>The cheap stage before any analysis: suppression rules first, then folding of repeats.</summary>
public static class Prefilter
{
    public static PrefilterResult Apply(IReadOnlyList<Alert> alerts, CorrelationOptions options)
    {
        var suppressed = new Dictionary<Alert, SuppressionRule>(ReferenceEqualityComparer.Instance);
        var kept = new List<Alert>(alerts.Count);
        foreach (var alert in alerts)
        {
            if (options.Suppressions.Match(alert) is { } rule) suppressed[alert] = rule;
            else kept.Add(alert);
        }
        var result = new PrefilterResult { Dedup = Deduplicator.Fold(kept, options.DedupWindow) };
        foreach (var (alert, rule) in suppressed) result.Suppressed[alert] = rule;
        return result;
    }
}
