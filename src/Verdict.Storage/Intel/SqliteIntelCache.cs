using System.Globalization;
using Microsoft.Data.Sqlite;
using Verdict.Alerts;
using Verdict.Enrichment;

namespace Verdict.Storage.Intel;

/// <summary>
/// The intel cache in the SQLite store: one row per (source, kind, value) with the verdict, summary, score, note and
/// the time it was retrieved. Open it with <see cref="OpenAsync"/>; one connection, used one operation at a time.
/// A failing read is a miss and a failing write is skipped (the lookup is then simply made again next run);
/// <see cref="LastError"/> says what went wrong.
/// </summary>
public sealed class SqliteIntelCache : IIntelCache, IAsyncDisposable, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS intel_cache (
            source       TEXT NOT NULL,
            kind         TEXT NOT NULL,
            value        TEXT NOT NULL,
            verdict      TEXT NOT NULL,
            summary      TEXT NOT NULL,
            score        REAL,
            note         TEXT,
            retrieved_at TEXT NOT NULL,
            PRIMARY KEY (source, kind, value)
        );
        """;

    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    private SqliteIntelCache(SqliteConnection connection) => this.connection = connection;

    /// <summary>The last read or write failure, if any (for a note in the run's output).</summary>
    public string? LastError { get; private set; }

    /// <summary>Opens (creating the folder, file and table as needed) the store at <paramref name="databaseFile"/>.</summary>
    public static async Task<SqliteIntelCache> OpenAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        return new SqliteIntelCache(await SqliteFiles.OpenAsync(databaseFile, Schema, cancellationToken));
    }

    public async Task<IntelResult?> GetAsync(string source, Entity entity, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT verdict, summary, score, note, retrieved_at FROM intel_cache WHERE source = $source AND kind = $kind AND value = $value";
            command.Parameters.AddWithValue("$source", source);
            command.Parameters.AddWithValue("$kind", entity.Kind.ToString());
            command.Parameters.AddWithValue("$value", entity.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            if (!Enum.TryParse<IntelVerdict>(reader.GetString(0), out var verdict)) return null;
            if (!DateTimeOffset.TryParse(reader.GetString(4), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var retrieved)) return null;
            if (retrieved < notBefore) return null;
            return new IntelResult(source, entity, verdict, reader.GetString(1), retrieved,
                Score: reader.IsDBNull(2) ? null : reader.GetDouble(2),
                Note: reader.IsDBNull(3) ? null : reader.GetString(3));
        }
        catch (SqliteException e)
        {
            LastError = $"intel cache read failed: {e.Message}";
            return null;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task PutAsync(IntelResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO intel_cache (source, kind, value, verdict, summary, score, note, retrieved_at)
                VALUES ($source, $kind, $value, $verdict, $summary, $score, $note, $retrieved)
                ON CONFLICT (source, kind, value) DO UPDATE SET
                    verdict = excluded.verdict, summary = excluded.summary, score = excluded.score,
                    note = excluded.note, retrieved_at = excluded.retrieved_at
                """;
            command.Parameters.AddWithValue("$source", result.Source);
            command.Parameters.AddWithValue("$kind", result.Entity.Kind.ToString());
            command.Parameters.AddWithValue("$value", result.Entity.Value);
            command.Parameters.AddWithValue("$verdict", result.Verdict.ToString());
            command.Parameters.AddWithValue("$summary", result.Summary);
            command.Parameters.AddWithValue("$score", (object?)result.Score ?? DBNull.Value);
            command.Parameters.AddWithValue("$note", (object?)result.Note ?? DBNull.Value);
            command.Parameters.AddWithValue("$retrieved", result.RetrievedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            LastError = $"intel cache write failed: {e.Message}";
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes rows retrieved before <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM intel_cache WHERE retrieved_at < $cutoff";
            command.Parameters.AddWithValue("$cutoff", olderThan.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        gate.Dispose();
    }

    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }
}
