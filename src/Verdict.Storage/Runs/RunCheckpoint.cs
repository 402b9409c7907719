using Microsoft.Data.Sqlite;

namespace Verdict.Storage.Runs;

/// <summary>
/// A triage run's checkpoint, a SQLite file in its output folder: what the run is (a fingerprint of its inputs and
/// options), whether it completed, and every model answer it received, so `triage --resume` after a crash or Ctrl-C
/// sends no model call that was already answered. Each answer is committed as it arrives. Safe from several threads.
/// </summary>
public sealed class RunCheckpoint : IAsyncDisposable, IDisposable
{
    public const string FileName = ".verdict-checkpoint.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS model_answers (key TEXT PRIMARY KEY, value BLOB NOT NULL);
        """;

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    private RunCheckpoint(SqliteConnection connection, string path) => (_connection, Path) = (connection, path);

    public string Path { get; }

    /// <summary>How many model answers the checkpoint held when it was opened.</summary>
    public int AnswersAtStart { get; private set; }

    /// <summary>
    /// Starts a run's checkpoint in <paramref name="outDir"/>: a fresh one (any earlier one is removed), or with
    /// <paramref name="resume"/> the existing one, which must be for the same fingerprint. Null with a reason when there
    /// is nothing to resume or it belongs to another run.
    /// </summary>
    public static async Task<(RunCheckpoint? Checkpoint, string? Problem)> StartAsync(string outDir, string fingerprint, bool resume, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.Combine(outDir, FileName);
        if (resume && !File.Exists(path))
            return (null, $"nothing to resume in {outDir}: it has no checkpoint ({FileName}); run without --resume");
        if (!resume)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
        var checkpoint = new RunCheckpoint(await SqliteFiles.OpenAsync(path, Schema, cancellationToken), path);
        var stored = checkpoint.Get("fingerprint");
        if (resume && stored != fingerprint)
        {
            await checkpoint.DisposeAsync();
            return (null, $"the checkpoint in {outDir} is for another run (different inputs or options); run without --resume to start again");
        }
        checkpoint.WasComplete = checkpoint.Get("state") == "complete";
        checkpoint.Set("fingerprint", fingerprint);
        checkpoint.Set("state", "running");
        checkpoint.AnswersAtStart = checkpoint.Count();
        return (checkpoint, null);
    }

    /// <summary>True when the run being resumed had completed (its reports are then written again, from its answers).</summary>
    public bool WasComplete { get; private set; }

    public void MarkComplete() => Set("state", "complete");

    public byte[]? Answer(string key)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM model_answers WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as byte[];
        }
    }

    public void SaveAnswer(string key, byte[] value)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO model_answers (key, value) VALUES ($key, $value)";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }
    }

    private int Count()
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM model_answers";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private string? Get(string key)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM run WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        }
    }

    private void Set(string key, string value)
    {
        lock (_lock)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO run (key, value) VALUES ($key, $value)";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _connection.Dispose();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
