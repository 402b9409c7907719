using Verdict.Alerts;

namespace Verdict.Correlation;

/// <summary>Alerts that belong together: shared entities, close in time (or a flood of one rule). Alerts are in input order.</summary>
public sealed record Incident(string Id, string Key, IReadOnlyList<Alert> Alerts)
{
    public string? User => Alerts[0].User;
    public DateTimeOffset? First => Alerts.Min(a => a.Time);
    public DateTimeOffset? Last => Alerts.Max(a => a.Time);

    /// <summary>A flood of one rule collapsed into one incident: one alert analysed on behalf of all.</summary>
    public bool Overflow { get; init; }

    /// <summary>Every user the incident's alerts name, first seen first.</summary>
    public IReadOnlyList<string> Users => [.. Alerts.Select(a => a.User).OfType<string>().Distinct(StringComparer.Ordinal)];
}

/// <summary>One line of an incident's story.</summary>
public sealed record TimelineEntry(DateTimeOffset Time, DateTimeOffset? Until, string Kind, string Text);
