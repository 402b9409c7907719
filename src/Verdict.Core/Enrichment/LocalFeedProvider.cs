using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>Looks entities up in the local feeds (IOC lists, CSV, STIX indicators, Tor exits): no network, no quota.</summary>
public sealed class LocalFeedProvider(IndicatorSet indicators, TimeProvider time) : IIntelProvider
{
    public string Name => "local feeds";

    public bool Supports(EntityKind kind) => kind is EntityKind.Ip or EntityKind.Domain or EntityKind.Url or EntityKind.FileHash or EntityKind.Email;

    public Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken) => Task.FromResult(Lookup(entity));

    public IntelResult Lookup(Entity entity) => indicators.Match(entity) is { } hit
        ? new IntelResult(hit.Source, entity, hit.Verdict,
            $"{hit.Source}: {(hit.Description.Length > 0 ? hit.Description : "listed")} (confidence {hit.Confidence})" + (hit.Value != IndicatorSet.Normalize(entity.Kind, entity.Value) ? $", via {hit.Value}" : ""),
            time.GetUtcNow(), Score: hit.Confidence)
        : new IntelResult(Name, entity, IntelVerdict.Unknown, "not in the local feeds", time.GetUtcNow());
}
