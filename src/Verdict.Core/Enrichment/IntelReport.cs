using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>What a run's intel lookups found: the results for each entity asked about, and notes for the brief.</summary>
public sealed class IntelReport(IReadOnlyDictionary<Entity, IReadOnlyList<IntelResult>> results, IReadOnlyList<string> notes)
{
    /// <summary>Every entity passed in (as passed in), with one result per provider that supports its kind.</summary>
    public IReadOnlyDictionary<Entity, IReadOnlyList<IntelResult>> Results { get; } = results;

    /// <summary>Sources not used and why, and per source what was looked up, served from the cache or failed.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    /// <summary>The results about one entity; empty when no provider looked at it.</summary>
    public IReadOnlyList<IntelResult> For(Entity entity) =>
        Results.TryGetValue(entity, out var found) ? found
        : Results.TryGetValue(IntelKey.Normalize(entity), out found) ? found
        : [];
}
