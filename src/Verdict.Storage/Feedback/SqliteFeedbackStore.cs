using System.Globalization;
using Microsoft.Data.Sqlite;
using Verdict.Analysis;
using Verdict.Feedback;

namespace Verdict.Storage.Feedback;

/// <summary>
/// Analysts' verdicts in the SQLite store (the same verdict.db as the intel cache): one row per verdict, appended,
/// never rewritten, so what Verdict learned can always be traced to who said what and when.
/// </summary>
public sealed class SqliteFeedbackStore : IAsyncDisposable, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS feedback (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            alert_id     TEXT NOT NULL,
            rule         TEXT,
            entities_key TEXT NOT NULL,
            verdict      TEXT NOT NULL,
            correct      INTEGER,
            note         TEXT,
            analyst      TEXT NOT NULL,
            time         TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS feedback_rule ON feedback (rule);
        """;

    private readonly SqliteConnection connection;

    private SqliteFeedbackStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens (creating the folder, file and table as needed) the store at <paramref name="databaseFile"/>.</summary>
    public static async Task<SqliteFeedbackStore> OpenAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        return new SqliteFeedbackStore(await SqliteFiles.OpenAsync(databaseFile, Schema, cancellationToken));
    }

    /// <summary>The verdicts stored in <paramref name="databaseFile"/>, or none when there is no store or no verdict yet. Opened read-only: nothing is created.</summary>
    public static async Task<IReadOnlyList<FeedbackRecord>> ReadIfExistsAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(databaseFile)) return [];
        var builder = new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'feedback'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0) return [];
        }
        return await new SqliteFeedbackStore(connection).ListAsync(cancellationToken);
    }

    public async Task AddAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (alert_id, rule, entities_key, verdict, correct, note, analyst, time)
            VALUES ($alert, $rule, $entities, $verdict, $correct, $note, $analyst, $time)
            """;
        command.Parameters.AddWithValue("$alert", record.AlertId);
        command.Parameters.AddWithValue("$rule", (object?)record.Rule ?? DBNull.Value);
        command.Parameters.AddWithValue("$entities", record.EntitiesKey);
        command.Parameters.AddWithValue("$verdict", record.Verdict.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$correct", record.Correct is { } c ? (c ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$note", (object?)record.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("$analyst", record.Analyst);
        command.Parameters.AddWithValue("$time", record.Time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every verdict, oldest first. A row that cannot be read (a hand-edited verdict word) is skipped.</summary>
    public async Task<IReadOnlyList<FeedbackRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT alert_id, rule, entities_key, verdict, correct, note, analyst, time FROM feedback ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<FeedbackRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!Enum.TryParse<Classification>(reader.GetString(3), ignoreCase: true, out var verdict)) continue;
            if (!DateTimeOffset.TryParse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)) continue;
            records.Add(new FeedbackRecord(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), verdict,
                reader.IsDBNull(4) ? null : reader.GetInt64(4) != 0, reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), time));
        }
        return records;
    }

    public void Dispose() => connection.Dispose();

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
