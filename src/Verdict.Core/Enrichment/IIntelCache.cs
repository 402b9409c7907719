using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>
/// Remembers intel results between runs so a re-run costs no quota. Keyed by (source, entity kind, entity value);
/// the store keeps the latest result per key with the time it was retrieved. Implementations live outside Core
/// (Verdict.Storage has the SQLite one).
/// </summary>
public interface IIntelCache
{
    /// <summary>The stored result for the key when it was retrieved at or after <paramref name="notBefore"/>; otherwise null.</summary>
    Task<IntelResult?> GetAsync(string source, Entity entity, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) the result for its source and entity.</summary>
    Task PutAsync(IntelResult result, CancellationToken cancellationToken);
}
