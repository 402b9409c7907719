using System.Data.Common;

namespace Verdict.Storage.Service;

/// <summary>
/// The service's store: cases, the alert queue, briefs, feedback, the append-only audit log and API keys, on SQLite
/// (<see cref="SqliteVerdictStore"/>) or PostgreSQL (<see cref="PostgresVerdictStore"/>) through the same SQL. Every
/// operation opens its own pooled connection, so one store is shared by all requests and workers.
/// </summary>
public abstract partial class VerdictStore
{
    private protected VerdictStore(StoreDialect dialect) => Dialect = dialect;

    private protected StoreDialect Dialect { get; }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Kind => Dialect.Name;

    /// <summary>A connection string or file name fit for logs: no password.</summary>
    public abstract string Describe();

    private protected abstract DbConnection CreateConnection();

    private protected virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    private protected async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await PrepareAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the migrations this database lacks (concurrent servers wait for each other); returns the schema version.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (Dialect.MigrationLock.Length > 0) await Exec(connection, tx, Dialect.MigrationLock, cancellationToken);
        await Exec(connection, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken);
        var current = Convert.ToInt32(await Scalar(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        foreach (var migration in Migrations.All(Dialect).Where(m => m.Version > current))
        {
            await Exec(connection, tx, migration.Sql, cancellationToken);
            await Exec(connection, tx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)", cancellationToken,
                ("v", migration.Version), ("n", migration.Name), ("t", StoreTime.Text(DateTimeOffset.UtcNow)));
            current = migration.Version;
        }
        await tx.CommitAsync(cancellationToken);
        return current;
    }

    /// <summary>True when the database answers a trivial query (readiness).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await Scalar(connection, null, "SELECT COUNT(*) FROM schema_migrations", cancellationToken);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private protected static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
#pragma warning disable CA2100 // The SQL is the store's own text; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private protected static async Task<int> Exec(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken, params (string, object?)[] args)
    {
        await using var command = Command(connection, tx, sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected static async Task<object?> Scalar(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken, params (string, object?)[] args)
    {
        await using var command = Command(connection, tx, sql, args);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private protected static async Task<List<T>> Query<T>(DbConnection connection, DbTransaction? tx, string sql, Func<DbDataReader, T> map,
        CancellationToken cancellationToken, params (string, object?)[] args)
    {
        await using var command = Command(connection, tx, sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }

    private protected static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private protected static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    private protected static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : StoreTime.Parse(r.GetString(i));

    private protected static string NewId(string prefix) => prefix + Guid.CreateVersion7().ToString("N");
}
