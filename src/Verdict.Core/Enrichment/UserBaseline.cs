using Verdict.Context;
using Verdict.Logs;

namespace Verdict.Enrichment;

/// <summary>What was normal for one user before a point in time, learned from the activity logs.</summary>
public sealed class UserBaseline
{
    public required string User { get; init; }
    public required DateTimeOffset Cutoff { get; init; }
    public int Successes { get; private set; }
    public int Failures { get; private set; }
    public DateTimeOffset? FirstSeen { get; private set; }
    public LogEvent? LastSuccess { get; private set; }
    public Dictionary<string, DateTimeOffset> Countries { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DateTimeOffset> Cities { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, DateTimeOffset> Ips { get; } = new(StringComparer.Ordinal);
    /// <summary>Successful logins per local hour of day.</summary>
    public int[] Hours { get; } = new int[24];
    public int ActiveDays { get; private set; }
    public double MeanDailyLogins { get; private set; }
    public double StdDailyLogins { get; private set; }

    public bool HasHistory => Successes + Failures > 0;

    /// <summary>True when the user has logged in around this local hour (±1 h) at least twice, or in 3% of logins.</summary>
    public bool IsUsualHour(int hour)
    {
        var around = Hours[(hour + 23) % 24] + Hours[hour] + Hours[(hour + 1) % 24];
        return around >= 2 && (around >= 5 || around >= 0.03 * Successes);
    }

    /// <summary>Builds the baseline from all of the user's events strictly before the cutoff.</summary>
    public static UserBaseline Build(string user, IReadOnlyList<LogEvent> events, DateTimeOffset cutoff, EnvironmentContext context)
    {
        var b = new UserBaseline { User = user, Cutoff = cutoff };
        var perDay = new Dictionary<DateOnly, int>();
        var end = LogStore.FirstAtOrAfter(events, cutoff);
        for (var i = 0; i < end; i++)
        {
            var e = events[i];
            b.FirstSeen ??= e.Time;
            if (!e.Success)
            {
                b.Failures++;
                continue;
            }
            b.Successes++;
            b.LastSuccess = e;
            if (e.Country is not null) b.Countries.TryAdd(e.Country, e.Time);
            if (e.City is not null) b.Cities.TryAdd(e.City, e.Time);
            if (e.Ip is not null) b.Ips.TryAdd(e.Ip, e.Time);
            b.Count(context.ToLocal(e.Time), 1, perDay);
        }
        return b.Finish(perDay);
    }

    /// <summary>
    /// A baseline from figures a database aggregated (see <see cref="BaselineSummary"/>); the same numbers
    /// <see cref="Build"/> gives for the same events.
    /// </summary>
    public static UserBaseline FromSummary(BaselineSummary s, EnvironmentContext context)
    {
        var b = new UserBaseline { User = s.User, Cutoff = s.Cutoff, Successes = s.Successes, Failures = s.Failures, FirstSeen = s.FirstSeen, LastSuccess = s.LastSuccess };
        foreach (var (k, v) in s.Countries.OrderBy(x => x.Value)) b.Countries.TryAdd(k, v);
        foreach (var (k, v) in s.Cities.OrderBy(x => x.Value)) b.Cities.TryAdd(k, v);
        foreach (var (k, v) in s.Ips.OrderBy(x => x.Value)) b.Ips.TryAdd(k, v);
        var perDay = new Dictionary<DateOnly, int>();
        foreach (var (start, count) in s.SuccessQuarterHours) b.Count(context.ToLocal(start), count, perDay);
        return b.Finish(perDay);
    }

    private void Count(DateTime local, int logins, Dictionary<DateOnly, int> perDay)
    {
        Hours[local.Hour] += logins;
        var day = DateOnly.FromDateTime(local);
        perDay[day] = perDay.GetValueOrDefault(day) + logins;
    }

    private UserBaseline Finish(Dictionary<DateOnly, int> perDay)
    {
        var b = this;
        b.ActiveDays = perDay.Count;
        if (perDay.Count > 0)
        {
            b.MeanDailyLogins = perDay.Values.Average();
            b.StdDailyLogins = Math.Sqrt(perDay.Values.Average(v => (v - b.MeanDailyLogins) * (v - b.MeanDailyLogins)));
        }
        return b;
    }
}

/// <summary>
/// Baselines already built in a run, by user and cutoff (the start of the alert day): a user with many incidents
/// on one day, or many alerts with --per-alert, has their history read once per day, not once per incident.
/// </summary>
public sealed class BaselineCache(IUserBaselineSource? source = null)
{
    private readonly Dictionary<(string User, DateTimeOffset Cutoff), UserBaseline> _built = [];

    /// <summary>The cached baseline, else one from the source (when given) or built from the events. Safe from several threads.</summary>
    public UserBaseline Get(string user, IReadOnlyList<LogEvent> events, DateTimeOffset cutoff, EnvironmentContext context)
    {
        lock (_built)
        {
            if (!_built.TryGetValue((user, cutoff), out var baseline))
                _built[(user, cutoff)] = baseline = source?.Baseline(user, cutoff, context) ?? UserBaseline.Build(user, events, cutoff, context);
            return baseline;
        }
    }
}
