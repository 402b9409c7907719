namespace Verdict.Storage.Logs;

/// <summary>One column of the <c>auth_events</c> table: its name, DuckDB type and meaning.</summary>
public sealed record LogColumn(string Name, string Type, string Description);

/// <summary>The schema of the log store, in one place: the table is created from it and described from it.</summary>
public static class LogSchema
{
    public const string Table = "auth_events";

    public static IReadOnlyList<LogColumn> Columns { get; } =
    [
        new("time", "TIMESTAMPTZ", "when the sign-in happened (UTC)"),
        new("user", "VARCHAR", "account name, lower case"),
        new("success", "BOOLEAN", "true when the sign-in succeeded"),
        new("ip", "VARCHAR", "source IP address, or NULL"),
        new("country", "VARCHAR", "ISO country code, upper case, or NULL"),
        new("city", "VARCHAR", "city, or NULL"),
        new("lat", "DOUBLE", "latitude, or NULL"),
        new("lon", "DOUBLE", "longitude, or NULL"),
        new("user_agent", "VARCHAR", "client user agent, or NULL"),
        new("host", "VARCHAR", "host signed in to, lower case, or NULL"),
        new("source_file", "VARCHAR", "log file the event came from"),
        new("source_line", "BIGINT", "line in that file"),
    ];

    internal static string CreateTable =>
        $"CREATE TABLE {Table} ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\" {c.Type}"))})";

    /// <summary>The column names, comma separated (for error messages).</summary>
    public static string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    /// <summary>A short text for a model: the table, its columns and the rules of <c>query_logs</c>.</summary>
    public static string Describe() =>
        $"Table {Table} (one row per sign-in event):\n" +
        string.Join("\n", Columns.Select(c => $"  {c.Name} {c.Type}: {c.Description}")) +
        "\nOnly a single SELECT (or WITH ... SELECT) is accepted; results are capped at a row limit and a time limit.";
}
