using Verdict.Alerts;
using Verdict.Logs;
using Verdict.Storage.Logs;

namespace Verdict.Tests.Logs;

public sealed class DuckLogStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly DuckLogStore store = DuckLogStore.Create(Events());

    public void Dispose() => store.Dispose();

    /// <summary>300 events: alice 150 (every 10th a failure), bob 100, carol 50 from Lagos with no IP.</summary>
    internal static IEnumerable<LogEvent> Events()
    {
        for (var i = 0; i < 300; i++)
        {
            var user = i < 150 ? "alice" : i < 250 ? "bob" : "carol";
            yield return new LogEvent
            {
                Time = Start.AddMinutes(i),
                User = user,
                Success = user != "alice" || i % 10 != 0,
                Ip = user == "carol" ? null : $"10.0.0.{i % 5}",
                Country = user == "carol" ? "NG" : "US",
                City = user == "carol" ? "Lagos" : "Boston",
                Latitude = user == "carol" ? 6.45 : null,
                Longitude = user == "carol" ? 3.39 : null,
                Host = "vpn",
                Source = new SourceRef("auth.csv", i + 2),
            };
        }
    }

    [Fact]
    public void Loads_every_event()
    {
        Assert.Equal(300, store.Count);
        var result = store.QueryLogs("SELECT count(*) AS n, min(source_line) AS first FROM auth_events");
        Assert.Null(result.Error);
        Assert.Equal(["n", "first"], result.Columns);
        Assert.Equal(["300", "2"], result.Rows.Single());
    }

    [Fact]
    public void Group_by_returns_the_right_rows()
    {
        var result = store.QueryLogs("""
            SELECT user, count(*) AS events, count(*) FILTER (WHERE NOT success) AS failures
            FROM auth_events GROUP BY user ORDER BY user;
            """);
        Assert.Null(result.Error);
        Assert.False(result.Truncated);
        Assert.Equal(
            [["alice", "150", "15"], ["bob", "100", "0"], ["carol", "50", "0"]],
            result.Rows.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Values_come_back_as_text_with_nulls()
    {
        var result = store.QueryLogs("SELECT time, ip, lat, success FROM auth_events WHERE user = 'carol' ORDER BY time LIMIT 1");
        Assert.Null(result.Error);
        Assert.Equal(["2026-03-01T12:10:00Z", null, "6.45", "true"], result.Rows.Single());
    }

    [Fact]
    public void Row_limit_sets_the_truncated_flag()
    {
        var result = store.QueryLogs("SELECT * FROM auth_events ORDER BY time", maxRows: 25);
        Assert.Null(result.Error);
        Assert.Equal(25, result.Rows.Count);
        Assert.True(result.Truncated);
        Assert.Equal(LogSchema.Columns.Select(c => c.Name), result.Columns);

        var exact = store.QueryLogs("SELECT * FROM auth_events WHERE user = 'carol'", maxRows: 50);
        Assert.Equal(50, exact.Rows.Count);
        Assert.False(exact.Truncated);
    }

    [Fact]
    public void A_syntax_error_is_a_clean_message()
    {
        var result = store.QueryLogs("SELECT user, FROM WHERE auth_events");
        Assert.StartsWith("query failed: Parser Error", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_names_the_columns()
    {
        var result = store.QueryLogs("SELECT usr FROM auth_events");
        Assert.StartsWith("query failed: Binder Error", result.Error);
        Assert.Contains("usr", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("columns are: " + LogSchema.ColumnList, result.Error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_runaway_query_stops_at_its_time_limit()
    {
        var result = await Task.Run(() => store.QueryLogs(
            "SELECT count(*) FROM range(100000000) a, range(100000000) b", timeout: TimeSpan.FromSeconds(1.5)),
            TestContext.Current.CancellationToken);
        Assert.Equal("query stopped after 1.5 s (time limit); narrow it with WHERE or aggregate", result.Error);

        var after = store.QueryLogs("SELECT count(*) FROM auth_events");
        Assert.Equal("300", after.Rows.Single()[0]);
    }

    [Fact]
    public void Describe_lists_the_columns()
    {
        Assert.Equal(12, DuckLogStore.Describe().Count);
        Assert.Contains("user VARCHAR", LogSchema.Describe(), StringComparison.Ordinal);
    }
}
