namespace Verdict.Tests;

/// <summary>`verdict logs query "SQL" --logs F...`.</summary>
public sealed class LogsQueryCommandTests
{
    private static string WriteLog(CliRunner cli)
    {
        var path = cli.PathOf("auth.csv");
        File.WriteAllText(path, """
            timestamp,user,result,location,ip
            2026-03-01T08:00:00Z,alice,success,"Boston, US",10.0.0.1
            2026-03-01T08:05:00Z,alice,failure,"Boston, US",10.0.0.1
            2026-03-01T08:06:00Z,bob,success,"Lagos, NG",10.0.0.2
            not a time,bob,success,"Lagos, NG",10.0.0.2
            2026-03-01T08:07:00Z,alice,success,"Boston, US",10.0.0.1
            """);
        return path;
    }

    [Fact]
    public async Task Prints_the_rows_and_skips_bad_lines_with_their_place()
    {
        using var cli = new CliRunner();
        var log = WriteLog(cli);
        var code = await cli.Run("logs", "query", "SELECT user, count(*) AS n FROM auth_events GROUP BY user ORDER BY user", "--logs", log);

        Assert.Equal(0, code);
        Assert.Contains("skipped", cli.Output);
        Assert.Contains("auth.csv:5", cli.Output);
        Assert.Matches(@"alice\s+3\s", cli.Output);
        Assert.Matches(@"bob\s+1\s", cli.Output);
        Assert.Contains("2 row(s) from 4 events", cli.Output);
    }

    [Fact]
    public async Task A_refused_query_exits_2_with_the_reason()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("logs", "query", "DROP TABLE auth_events", "--logs", WriteLog(cli));

        Assert.Equal(2, code);
        Assert.Contains("query refused: only SELECT", cli.Output);
    }

    [Fact]
    public async Task No_readable_log_exits_1()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("logs", "query", "SELECT 1", "--logs", cli.PathOf("missing.csv"));

        Assert.Equal(1, code);
        Assert.Contains("file not found", cli.Output);
    }
}
