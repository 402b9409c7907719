using Verdict.Correlation.Suppression;

namespace Verdict.Correlation;

/// <summary>The pre-filter and correlation settings of a run (the incident gap itself is <see cref="Analysis.AnalystOptions.IncidentGap"/>).</summary>
public sealed record CorrelationOptions
{
    public static CorrelationOptions Default { get; } = new();

    /// <summary>Rules that silence alerts before any analysis.</summary>
    public Suppressions Suppressions { get; init; } = Suppressions.None;

    /// <summary>Repeats of an alert (same rule, same key entities) within this time of the first are folded into it. Zero: no folding.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>When many alerts of one rule collapse into one overflow incident.</summary>
    public FloodOptions Flood { get; init; } = new();
}
