using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>
/// Serves results from an <see cref="IIntelCache"/> while they are younger than <c>ttl</c>, and asks the inner
/// provider otherwise. Cached results come back with <see cref="IntelResult.FromCache"/> set and the original
/// <see cref="IntelResult.RetrievedAt"/>. Errors are never cached: the next run tries again.
/// </summary>
public sealed class CachingIntelProvider : IIntelProvider
{
    private readonly IIntelProvider inner;
    private readonly IIntelCache cache;
    private readonly TimeSpan ttl;
    private readonly TimeProvider time;

    public CachingIntelProvider(IIntelProvider inner, IIntelCache cache, TimeSpan ttl, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        this.inner = inner;
        this.cache = cache;
        this.ttl = ttl;
        this.time = time ?? TimeProvider.System;
    }

    public string Name => inner.Name;

    public IIntelProvider Inner => inner;

    public bool Supports(EntityKind kind) => inner.Supports(kind);

    public async Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var cached = await cache.GetAsync(inner.Name, entity, time.GetUtcNow() - ttl, cancellationToken);
        if (cached is not null) return cached with { Entity = entity, FromCache = true };

        var result = await inner.LookupAsync(entity, cancellationToken);
        if (result.Verdict != IntelVerdict.Error && !result.FromCache)
        {
            await cache.PutAsync(result with { Source = inner.Name, Entity = entity }, cancellationToken);
        }
        return result;
    }
}
