using Verdict.Storage.Logs;

namespace Verdict.Tests.Logs;

public sealed class QueryLogsRefusalTests : IDisposable
{
    private readonly DuckLogStore store = DuckLogStore.Create(DuckLogStoreTests.Events());

    public void Dispose() => store.Dispose();

    [Theory]
    [InlineData("DROP TABLE auth_events", "DROP")]
    [InlineData("COPY auth_events TO '/tmp/out.csv'", "COPY")]
    [InlineData("ATTACH '/tmp/other.duckdb' AS other", "ATTACH")]
    [InlineData("INSTALL httpfs", "INSTALL")]
    [InlineData("LOAD httpfs", "LOAD")]
    [InlineData("SELECT * FROM read_csv_auto('/etc/passwd')", "read_csv_auto")]
    [InlineData("select * from READ_PARQUET('x.parquet')", "read_parquet")]
    [InlineData("SELECT * FROM glob('/etc/*')", "GLOB")]
    [InlineData("SeLeCt 1; drop table auth_events", "single statement")]
    [InlineData("SELECT 1; SELECT 2", "single statement")]
    [InlineData("/* just a comment */ COPY auth_events TO 'x.csv'", "not COPY")]
    [InlineData("SELECT 1 /* ; */ UNION ALL SELECT 2 FROM auth_events -- \n; DELETE FROM auth_events", "single statement")]
    [InlineData("WITH f AS (SELECT * FROM read_text('/etc/passwd')) SELECT * FROM f", "read_text")]
    [InlineData("SELECT * FROM (SELECT * FROM \"read_blob\"('/etc/shadow'))", "read_blob")]
    [InlineData("SELECT * FROM read_text/**/('/etc/passwd')", "read_text")]
    [InlineData("SELECT * FROM '/etc/passwd'", "FROM")]
    [InlineData("SELECT * FROM query('SELECT 1')", "query()")]
    [InlineData("SELECT $$'$$; DROP TABLE auth_events; --", "'$'")]
    [InlineData("SELECT E'\\''; DROP TABLE auth_events; --'", "single statement")]
    [InlineData("PRAGMA database_list", "PRAGMA")]
    [InlineData("SET enable_external_access = true", "SET")]
    [InlineData("SELECT 1 /* unterminated", "unterminated")]
    [InlineData("  ", "empty")]
    public void Refuses_anything_but_one_read_only_select(string sql, string reason)
    {
        var result = store.QueryLogs(sql);
        Assert.NotNull(result.Error);
        Assert.StartsWith("query refused: ", result.Error);
        Assert.Contains(reason, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("300", store.QueryLogs("SELECT count(*) FROM auth_events").Rows.Single()[0]);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM auth_events WHERE user_agent LIKE '%drop%' OR city = 'copy; attach'")]
    [InlineData("-- who signs in most\nWITH t AS (SELECT user FROM auth_events) SELECT user, count(*) FROM t GROUP BY ALL;")]
    [InlineData("WITH query AS (SELECT 1 AS x) SELECT x FROM query")]
    public void Accepts_keywords_inside_strings_comments_and_names(string sql) =>
        Assert.Null(store.QueryLogs(sql).Error);

    [Theory]
    [InlineData("DROP TABLE auth_events")]
    [InlineData("DELETE FROM auth_events")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("SET enable_external_access = true")]
    [InlineData("SELECT * FROM read_text('/etc/hostname')")]
    [InlineData("SELECT * FROM '/etc/hostname'")]
    [InlineData("COPY (SELECT 1) TO '/tmp/verdict-should-not-exist.csv'")]
    [InlineData("INSTALL httpfs")]
    public void Past_the_text_check_the_database_itself_refuses(string sql)
    {
        var result = store.Run(sql, 10, TimeSpan.FromSeconds(10));
        Assert.StartsWith("query failed: ", result.Error);
        Assert.Equal("300", store.QueryLogs("SELECT count(*) FROM auth_events").Rows.Single()[0]);
    }
}
