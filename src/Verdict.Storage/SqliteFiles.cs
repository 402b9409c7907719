using Microsoft.Data.Sqlite;

namespace Verdict.Storage;

/// <summary>Opens the local SQLite store file the way every table in it expects.</summary>
public static class SqliteFiles
{
    /// <summary>
    /// Opens <paramref name="databaseFile"/> (creating its folder and the file as needed) in WAL mode with a busy timeout,
    /// and runs <paramref name="schema"/> (idempotent CREATE ... IF NOT EXISTS statements).
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string databaseFile, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseFile);
        var folder = Path.GetDirectoryName(Path.GetFullPath(databaseFile));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; " + schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
