using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>
/// Enriches the entities of a whole run: de-duplicates them (an IP named by 1,000 alerts is looked up once per
/// provider), runs each provider with bounded concurrency (providers side by side, so a rate-limited one does not
/// hold up the others) and hands back the results per entity. A provider that throws yields an Error result.
/// </summary>
public sealed class IntelLookup
{
    private readonly IntelSources sources;
    private readonly int maxConcurrency;
    private readonly TimeProvider time;

    public IntelLookup(IntelSources sources, int maxConcurrency = 4, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        this.sources = sources;
        this.maxConcurrency = maxConcurrency;
        this.time = time ?? TimeProvider.System;
    }

    public async Task<IntelReport> RunAsync(IEnumerable<Entity> entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var asked = entities.Distinct().ToList();
        var distinct = asked.Select(IntelKey.Normalize).Distinct().ToList();

        var perProvider = await Task.WhenAll(sources.Providers.Select(p => RunProviderAsync(p, distinct, cancellationToken)));

        var results = new Dictionary<Entity, IReadOnlyList<IntelResult>>();
        foreach (var entity in asked)
        {
            var key = IntelKey.Normalize(entity);
            results[entity] = perProvider
                .Select(found => found.TryGetValue(key, out var r) ? r with { Entity = entity } : null)
                .OfType<IntelResult>()
                .ToList();
        }

        var notes = new List<string>(sources.NotUsed);
        for (var i = 0; i < sources.Providers.Count; i++) notes.Add(Tally(sources.Providers[i].Name, perProvider[i].Values));
        return new IntelReport(results, notes);
    }

    private async Task<Dictionary<Entity, IntelResult>> RunProviderAsync(IIntelProvider provider, List<Entity> entities, CancellationToken cancellationToken)
    {
        var mine = entities.Where(e => provider.Supports(e.Kind)).ToList();
        var found = new Dictionary<Entity, IntelResult>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(mine, options, async (entity, ct) =>
        {
            var result = await LookupOneAsync(provider, entity, ct);
            lock (found) found[entity] = result;
        });
        return found;
    }

    private async Task<IntelResult> LookupOneAsync(IIntelProvider provider, Entity entity, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.LookupAsync(entity, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The contract says providers return errors as results; a bug in one must not sink the run or leak details.
            return new IntelResult(provider.Name, entity, IntelVerdict.Error, $"{provider.Name}: no verdict (lookup failed)",
                time.GetUtcNow(), Note: $"{provider.Name}: lookup failed (internal error)");
        }
    }

    private static string Tally(string name, Dictionary<Entity, IntelResult>.ValueCollection results)
    {
        if (results.Count == 0) return $"{name}: nothing to check";
        var cached = results.Count(r => r.FromCache);
        var failed = results.Count(r => r.Verdict == IntelVerdict.Error);
        var text = $"{name}: {results.Count} checked";
        if (cached > 0) text += $", {cached} from the cache";
        if (failed > 0) text += $", {failed} failed";
        return text;
    }
}
