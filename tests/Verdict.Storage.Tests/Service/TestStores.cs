using Npgsql;
using Verdict.Storage.Service;

namespace Verdict.Tests.Service;

/// <summary>
/// A fresh store for a test: SQLite in a temporary folder, or PostgreSQL in a schema of its own on the server that
/// VERDICT_TEST_POSTGRES names (the test skips, saying why, when it is unset). Dropped on dispose.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "VERDICT_TEST_POSTGRES";
    public static readonly TheoryData<string> Kinds = ["sqlite", "postgres"];

    private readonly string? folder;
    private readonly string? adminConnection;
    private readonly string? schema;

    private TestStore(VerdictStore store, string connection, string? folder, string? adminConnection, string? schema)
    {
        Store = store;
        Connection = connection;
        this.folder = folder;
        this.adminConnection = adminConnection;
        this.schema = schema;
    }

    public VerdictStore Store { get; }

    /// <summary>The connection string (or file) a second store on the same database would use.</summary>
    public string Connection { get; }

    public string Kind => Store.Kind;

    public VerdictStore OpenAnother() => Kind == "sqlite" ? new SqliteVerdictStore(Connection) : new PostgresVerdictStore(Connection);

    public static async Task<TestStore> CreateAsync(string kind)
    {
        if (kind == "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("verdict-store-").FullName;
            var file = Path.Combine(dir, "verdict.db");
            var sqlite = new SqliteVerdictStore(file);
            await sqlite.MigrateAsync();
            return new TestStore(sqlite, file, dir, null, null);
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin)) Assert.Skip($"{PostgresVariable} is not set: no PostgreSQL server to test against (.ci/start-postgres.sh starts one)");
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var scoped = new NpgsqlConnectionStringBuilder(admin) { SearchPath = name }.ConnectionString;
        var postgres = new PostgresVerdictStore(scoped);
        await postgres.MigrateAsync();
        return new TestStore(postgres, scoped, null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is IAsyncDisposable disposable) await disposable.DisposeAsync();
        if (folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* best effort */ }
        }
        if (adminConnection is not null)
        {
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
