using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Storage.Logs;

namespace Verdict.Tests.Logs;

/// <summary>The DuckDB baseline source gives the very baselines the in-memory one does, on the demo company's 30 days of logs.</summary>
public sealed class DuckBaselineSourceTests
{
    private static string Acme(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verdict.slnx"))) return Path.Combine(dir.FullName, "samples", "acme", file);
        }
        throw new InvalidOperationException("Verdict.slnx not found");
    }

    [Fact]
    public void Baselines_FromDuckDb_EqualTheInMemoryOnes_ForEveryUserAndCutoff()
    {
        var context = ContextLoader.Load(Acme("context.yaml")).Context!;
        var (logs, errors) = InputFiles.LoadLogs([Acme("auth_logs.csv.gz")], context, () => Stream.Null);
        Assert.Empty(errors);
        using var duck = DuckLogStore.Create(InputFiles.ReadLogs([Acme("auth_logs.csv.gz")], context, () => Stream.Null).Select(r => r.Value!));
        var memory = new LogStoreBaselines(logs);
        var fromDuck = new DuckBaselineSource(duck);
        var users = duck.QueryLogs("SELECT DISTINCT \"user\" FROM auth_events ORDER BY 1", 10_000).Rows.Select(r => r[0]!).ToList();
        DateTimeOffset[] cutoffs =
        [
            Ingest.TimeText.InZone(new DateTime(2026, 10, 31), context.TimeZone),   // the demo's alert day
            Ingest.TimeText.InZone(new DateTime(2026, 10, 15), context.TimeZone),
            new(2026, 10, 20, 17, 23, 41, TimeSpan.Zero),                           // an instant, not a midnight
        ];

        Assert.True(users.Count >= 200, $"{users.Count} users");
        var compared = 0;
        foreach (var user in users)
        {
            foreach (var cutoff in cutoffs)
            {
                var expected = memory.Baseline(user, cutoff, context)!;
                var actual = fromDuck.Baseline(user, cutoff, context)!;
                AssertSame(expected, actual);
                compared += expected.HasHistory ? 1 : 0;
            }
        }
        Assert.True(compared > 500, $"only {compared} baselines had history");
        Assert.Null(fromDuck.Baseline("nobody-at-all", cutoffs[0], context));
        Assert.Null(memory.Baseline("nobody-at-all", cutoffs[0], context));
    }

    private static void AssertSame(UserBaseline expected, UserBaseline actual)
    {
        var who = $"{expected.User} before {expected.Cutoff:u}";
        Assert.True((expected.Successes, expected.Failures, expected.FirstSeen, expected.ActiveDays) == (actual.Successes, actual.Failures, actual.FirstSeen, actual.ActiveDays),
            $"{who}: counts {(expected.Successes, expected.Failures, expected.FirstSeen, expected.ActiveDays)} vs {(actual.Successes, actual.Failures, actual.FirstSeen, actual.ActiveDays)}");
        Assert.Equal(expected.Hours, actual.Hours);
        Assert.Equal(Sorted(expected.Countries), Sorted(actual.Countries));
        Assert.Equal(Sorted(expected.Cities), Sorted(actual.Cities));
        Assert.Equal(Sorted(expected.Ips), Sorted(actual.Ips));
        Assert.Equal(expected.MeanDailyLogins, actual.MeanDailyLogins, 9);
        Assert.Equal(expected.StdDailyLogins, actual.StdDailyLogins, 9);
        var (e, a) = (expected.LastSuccess, actual.LastSuccess);
        Assert.Equal(e is null, a is null);
        if (e is null || a is null) return;
        Assert.Equal((e.Time, e.Ip, e.Country, e.City, e.Latitude, e.Longitude, e.UserAgent, e.Host, e.Source), (a.Time, a.Ip, a.Country, a.City, a.Latitude, a.Longitude, a.UserAgent, a.Host, a.Source));
    }

    private static List<string> Sorted(Dictionary<string, DateTimeOffset> d) =>
        [.. d.Select(kv => $"{kv.Key.ToLowerInvariant()}={kv.Value:O}").Order(StringComparer.Ordinal)];
}
