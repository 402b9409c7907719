using Verdict.Alerts;

namespace Verdict.Correlation;

/// <summary>Alerts that belong together: same user (or source), close in time. Alerts are in input order.</summary>
public sealed record Incident(string Id, string Key, IReadOnlyList<Alert> Alerts)
{
    public string? User => Alerts[0].User;
    public DateTimeOffset? First => Alerts.Min(a => a.Time);
    public DateTimeOffset? Last => Alerts.Max(a => a.Time);
}

/// <summary>One line of an incident's story.</summary>
public sealed record TimelineEntry(DateTimeOffset Time, DateTimeOffset? Until, string Kind, string Text);
