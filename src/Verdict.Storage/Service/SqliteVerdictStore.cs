using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Verdict.Storage.Service;

/// <summary>The store in one SQLite file (WAL, so readers never wait for the writer); the default, no set-up.</summary>
public sealed class SqliteVerdictStore : VerdictStore
{
    private readonly string connectionString;
    private readonly string file;

    public SqliteVerdictStore(string databaseFile) : base(StoreDialect.Sqlite)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseFile);
        file = Path.GetFullPath(databaseFile);
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
    }

    public override string Describe() => "sqlite " + file;

    private protected override DbConnection CreateConnection() => new SqliteConnection(connectionString);

    private protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await Exec(connection, null, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", cancellationToken);
}
