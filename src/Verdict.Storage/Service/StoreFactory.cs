namespace Verdict.Storage.Service;

/// <summary>Opens the store a command line names: SQLite (a file, default the data folder's verdict.db) or PostgreSQL (a connection string).</summary>
public static class StoreFactory
{
    /// <summary>Null and an error message when the choice is wrong.</summary>
    public static (VerdictStore? Store, string? Error) Create(string kind, string? connection, Func<string, string?>? environment = null) =>
        kind.ToLowerInvariant() switch
        {
            "sqlite" => (new SqliteVerdictStore(string.IsNullOrWhiteSpace(connection) ? StorePaths.DefaultDatabaseFile(environment) : connection), null),
            "postgres" or "postgresql" when !string.IsNullOrWhiteSpace(connection) => (new PostgresVerdictStore(connection), null),
            "postgres" or "postgresql" => (null, "--store postgres needs --connection \"Host=...;Username=...;Database=...\""),
            _ => (null, $"unknown store '{kind}'; use sqlite or postgres"),
        };
}
