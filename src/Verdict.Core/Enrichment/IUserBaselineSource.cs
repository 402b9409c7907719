using Verdict.Context;
using Verdict.Logs;

namespace Verdict.Enrichment;

/// <summary>Where per-user baselines come from: the in-memory log store (<see cref="LogStoreBaselines"/>) or a database.</summary>
public interface IUserBaselineSource
{
    /// <summary>What was normal for the user before the cutoff; null when the source has no events for the user.</summary>
    UserBaseline? Baseline(string user, DateTimeOffset cutoff, EnvironmentContext context);
}

/// <summary>Baselines computed in memory from a <see cref="LogStore"/>, one pass over the user's events.</summary>
public sealed class LogStoreBaselines(LogStore logs) : IUserBaselineSource
{
    public UserBaseline? Baseline(string user, DateTimeOffset cutoff, EnvironmentContext context) =>
        logs.HasUser(user) ? UserBaseline.Build(user, logs.For(user), cutoff, context) : null;
}

/// <summary>
/// A user's history before the cutoff as a database aggregates it: counts, first-seen times per country (ISO code),
/// city (case-insensitive) and IP, the last successful login, and successful logins per UTC quarter hour (every
/// time zone's offset is a whole number of quarter hours, so each bucket falls in one local hour and day).
/// </summary>
public sealed record BaselineSummary(
    string User,
    DateTimeOffset Cutoff,
    int Successes,
    int Failures,
    DateTimeOffset? FirstSeen,
    LogEvent? LastSuccess,
    IReadOnlyDictionary<string, DateTimeOffset> Countries,
    IReadOnlyDictionary<string, DateTimeOffset> Cities,
    IReadOnlyDictionary<string, DateTimeOffset> Ips,
    IReadOnlyList<(DateTimeOffset Start, int Count)> SuccessQuarterHours);
