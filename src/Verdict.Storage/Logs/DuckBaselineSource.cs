using System.Data.Common;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;

namespace Verdict.Storage.Logs;

/// <summary>
/// Per-user baselines aggregated by DuckDB from the log store: a handful of GROUP BY queries per user and cutoff
/// instead of a pass over the user's events in memory. Gives the same baseline as <see cref="LogStoreBaselines"/>
/// (a parity test holds them together). Times travel as epoch microseconds, so no time zone is involved in SQL;
/// local hours and days are worked out in .NET from successful logins per UTC quarter hour.
/// </summary>
public sealed class DuckBaselineSource(DuckLogStore store) : IUserBaselineSource
{
    private const string Before = "\"user\" = $user AND epoch_us(time) < $cutoff";

    public UserBaseline? Baseline(string user, DateTimeOffset cutoff, EnvironmentContext context)
    {
        ArgumentNullException.ThrowIfNull(user);
        var p = new Dictionary<string, object> { ["user"] = user, ["cutoff"] = Micros(cutoff) };
        var exists = store.Select("SELECT count(*) FROM auth_events WHERE \"user\" = $user", new Dictionary<string, object> { ["user"] = user }, r => r.GetInt64(0))[0];
        if (exists == 0) return null;
        var totals = store.Select(
            $"SELECT count(*) FILTER (WHERE success), count(*) FILTER (WHERE NOT success), epoch_us(min(time)) FROM auth_events WHERE {Before}",
            p, r => (Successes: (int)r.GetInt64(0), Failures: (int)r.GetInt64(1), First: r.IsDBNull(2) ? (DateTimeOffset?)null : Time(r.GetInt64(2))))[0];
        var summary = new BaselineSummary(user, cutoff, totals.Successes, totals.Failures, totals.First, LastSuccess(p),
            FirstSeen(p, "country", "country"),
            FirstSeen(p, "arg_min(city, time)", "lower(city)"),
            FirstSeen(p, "ip", "ip"),
            store.Select($"SELECT CAST(floor(epoch_us(time) / 900000000) AS BIGINT) AS q, count(*) FROM auth_events WHERE {Before} AND success GROUP BY q",
                p, r => (Time(r.GetInt64(0) * 900_000_000), (int)r.GetInt64(1))));
        return UserBaseline.FromSummary(summary, context);
    }

    /// <summary>The first successful login per value (country, city case-insensitively, IP).</summary>
    private Dictionary<string, DateTimeOffset> FirstSeen(Dictionary<string, object> p, string value, string groupBy) =>
        store.Select($"SELECT {value}, epoch_us(min(time)) FROM auth_events WHERE {Before} AND success AND {groupBy} IS NOT NULL GROUP BY {groupBy}",
            p, r => (Value: r.GetString(0), First: Time(r.GetInt64(1)))).ToDictionary(x => x.Value, x => x.First);

    private LogEvent? LastSuccess(Dictionary<string, object> p) =>
        store.Select(
            $"SELECT epoch_us(time), \"user\", ip, country, city, lat, lon, user_agent, host, source_file, source_line FROM auth_events WHERE {Before} AND success ORDER BY time DESC, source_line DESC LIMIT 1",
            p, r => new LogEvent
            {
                Time = Time(r.GetInt64(0)),
                User = r.GetString(1),
                Success = true,
                Ip = Text(r, 2),
                Country = Text(r, 3),
                City = Text(r, 4),
                Latitude = r.IsDBNull(5) ? null : r.GetDouble(5),
                Longitude = r.IsDBNull(6) ? null : r.GetDouble(6),
                UserAgent = Text(r, 7),
                Host = Text(r, 8),
                Source = new SourceRef(r.GetString(9), r.GetInt64(10)),
            }).FirstOrDefault();

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
