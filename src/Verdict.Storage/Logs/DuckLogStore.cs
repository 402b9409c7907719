using System.Diagnostics;
using DuckDB.NET.Data;
using Verdict.Logs;

namespace Verdict.Storage.Logs;

/// <summary>
/// Activity logs in an embedded DuckDB database (a temporary file, deleted on dispose), queried read-only with
/// <see cref="QueryLogs"/>. The events come from the same readers as the in-memory <see cref="LogStore"/>, so bad
/// rows are reported (file, line) there and never reach the table. Queries run one at a time.
/// </summary>
public sealed class DuckLogStore : IDisposable
{
    private static readonly string[] Lockdown =
    [
        "SET TimeZone = 'UTC'",
        "SET enable_external_access = false",
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET lock_configuration = true",
    ];

    private readonly string file;
    private readonly DuckDBConnection reader;
    private readonly Lock gate = new();

    private DuckLogStore(string file, DuckDBConnection reader, long count)
    {
        this.file = file;
        this.reader = reader;
        Count = count;
    }

    /// <summary>The number of events loaded.</summary>
    public long Count { get; }

    /// <summary>Loads the events with DuckDB's appender, then reopens the file read-only and locks its settings.</summary>
    public static DuckLogStore Create(IEnumerable<LogEvent> events, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var file = Path.Combine(directory ?? Path.GetTempPath(), $"verdict-logs-{Guid.NewGuid():N}.duckdb");
        long count;
        try
        {
            count = Load(file, events);
            var reader = new DuckDBConnection($"DataSource={file};ACCESS_MODE=READ_ONLY");
            reader.Open();
            foreach (var statement in Lockdown) Execute(reader, statement);
            return new DuckLogStore(file, reader, count);
        }
        catch
        {
            DeleteFiles(file);
            throw;
        }
    }

    /// <summary>The table's columns, for the tool description a model reads.</summary>
    public static IReadOnlyList<LogColumn> Describe() => LogSchema.Columns;

    /// <summary>
    /// Runs one read-only SELECT and returns at most <paramref name="maxRows"/> rows; a refused, failed or
    /// over-time query comes back as <see cref="LogQueryResult.Error"/>, written for a model.
    /// </summary>
    public LogQueryResult QueryLogs(string sql, int maxRows = 200, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        maxRows = Math.Clamp(maxRows, 1, 10_000);
        if (ReadOnlySql.Check(sql) is { } refusal) return LogQueryResult.Failed($"query refused: {refusal}", TimeSpan.Zero);
        var body = ReadOnlySql.StripTrailingSemicolons(sql);
        return Run($"SELECT * FROM (\n{body}\n) AS q LIMIT {maxRows + 1}", maxRows, limit);
    }

    /// <summary>Runs SQL as given on the read-only connection (no text check: the database's own walls only).</summary>
    internal LogQueryResult Run(string sql, int maxRows, TimeSpan limit)
    {
        lock (gate)
        {
            var clock = Stopwatch.StartNew();
            using var cts = new CancellationTokenSource(limit);
            using var command = reader.CreateCommand();
            command.CommandText = sql;
            using var registration = cts.Token.Register(command.Cancel);
            try
            {
                return LogQueryResult.Read(command, maxRows, clock);
            }
            catch (Exception ex) when (cts.IsCancellationRequested && ex is DuckDBException or OperationCanceledException)
            {
                return LogQueryResult.Failed($"query stopped after {Seconds(limit)} (time limit); narrow it with WHERE or aggregate", clock.Elapsed);
            }
            catch (DuckDBException ex)
            {
                return LogQueryResult.Failed($"query failed: {ModelMessage(ex.Message)}; columns are: {LogSchema.ColumnList}", clock.Elapsed);
            }
        }
    }

    /// <summary>
    /// Runs one of Verdict's own parameterised queries (never text from a model or an alert: values travel as
    /// parameters) on the read-only connection, one at a time, and reads its rows.
    /// </summary>
    internal List<T> Select<T>(string sql, IReadOnlyDictionary<string, object> parameters, Func<System.Data.Common.DbDataReader, T> row)
    {
        lock (gate)
        {
            using var command = reader.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.Parameters.Add(new DuckDBParameter(name, value));
            using var data = command.ExecuteReader();
            var rows = new List<T>();
            while (data.Read()) rows.Add(row(data));
            return rows;
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        DeleteFiles(file);
    }

    private static long Load(string file, IEnumerable<LogEvent> events)
    {
        using var writer = new DuckDBConnection($"DataSource={file}");
        writer.Open();
        Execute(writer, LogSchema.CreateTable);
        long count = 0;
        using (var appender = writer.CreateAppender(LogSchema.Table))
        {
            foreach (var e in events)
            {
                appender.CreateRow()
                    .AppendValue(e.Time)
                    .AppendValue(e.User)
                    .AppendValue(e.Success)
                    .AppendValue(e.Ip)
                    .AppendValue(e.Country)
                    .AppendValue(e.City)
                    .AppendValue(e.Latitude)
                    .AppendValue(e.Longitude)
                    .AppendValue(e.UserAgent)
                    .AppendValue(e.Host)
                    .AppendValue(e.Source.File)
                    .AppendValue(e.Source.Line)
                    .EndRow();
                count++;
            }
        }
        Execute(writer, "CHECKPOINT");
        return count;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>DuckDB's first line ("Binder Error: ..."), without the echoed query and caret that follow it.</summary>
    private static string ModelMessage(string message)
    {
        var first = message.Split('\n', 2)[0].Trim();
        return first.Length > 300 ? first[..300] + "..." : first;
    }

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";

    private static void DeleteFiles(string file)
    {
        foreach (var path in new[] { file, file + ".wal" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary file must not fail the run.
            }
        }
    }
}
