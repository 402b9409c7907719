using System.Data.Common;
using Verdict.Alerts;
using Verdict.Enrichment;

namespace Verdict.Storage.Service;

/// <summary>
/// <see cref="IIntelCache"/> over the service store (SQLite or PostgreSQL), shared by every `verdict serve` on it. A failing
/// read is a miss and a failing write is skipped (the lookup is simply made again); <see cref="LastError"/> says why.
/// </summary>
public sealed class StoreIntelCache(VerdictStore store) : IIntelCache
{
    /// <summary>The last read or write failure, if any.</summary>
    public string? LastError { get; private set; }

    public async Task<IntelResult?> GetAsync(string source, Entity entity, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetIntelAsync(source, entity, notBefore, cancellationToken);
        }
        catch (DbException e)
        {
            LastError = $"intel cache read failed: {e.Message}";
            return null;
        }
    }

    public async Task PutAsync(IntelResult result, CancellationToken cancellationToken)
    {
        try
        {
            await store.PutIntelAsync(result, cancellationToken);
        }
        catch (DbException e)
        {
            LastError = $"intel cache write failed: {e.Message}";
        }
    }
}
