using System.Data.Common;
using Npgsql;

namespace Verdict.Storage.Service;

/// <summary>The store in PostgreSQL, for several servers sharing the work (claims use FOR UPDATE SKIP LOCKED).</summary>
public sealed class PostgresVerdictStore : VerdictStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string description;

    public PostgresVerdictStore(string connectionString) : base(StoreDialect.Postgres)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        description = $"postgres {builder.Host}:{builder.Port}/{builder.Database}";
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Describe() => description;

    private protected override DbConnection CreateConnection() => dataSource.CreateConnection();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
