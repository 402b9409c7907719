using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Enrichment;

/// <summary>Loads the local sources a run names (IOC feeds, Tor exit lists, inventories) and enriches every distinct entity once.</summary>
public static class LocalEnrichment
{
    public sealed record Sources(IReadOnlyList<string> Feeds, IReadOnlyList<string> TorExits, string? Assets, string? Users);

    public static (IndicatorSet Indicators, Inventory Inventory, List<InputError> Errors) Load(Sources sources, DateTimeOffset now)
    {
        var indicators = new IndicatorSet();
        var inventory = new Inventory();
        var errors = new List<InputError>();
        foreach (var feed in sources.Feeds) errors.AddRange(FeedReader.Load(indicators, feed, now));
        foreach (var tor in sources.TorExits) errors.AddRange(FeedReader.Load(indicators, tor, now, torExits: true));
        if (sources.Assets is not null) errors.AddRange(inventory.LoadAssets(sources.Assets));
        if (sources.Users is not null) errors.AddRange(inventory.LoadUsers(sources.Users));
        return (indicators, inventory, errors);
    }

    /// <summary>Looks every distinct entity of the alerts up in the local feeds; says which sources were not given.</summary>
    public static EnrichmentView Enrich(IEnumerable<Alert> alerts, IndicatorSet indicators, Inventory inventory, TimeProvider time, IEnumerable<string> alsoUnused)
    {
        var provider = new LocalFeedProvider(indicators, time);
        var results = new Dictionary<Entity, IReadOnlyList<IntelResult>>();
        if (indicators.Count > 0)
        {
            foreach (var entity in alerts.SelectMany(a => a.Entities).Where(e => provider.Supports(e.Kind)))
            {
                if (!results.ContainsKey(entity)) results[entity] = [provider.Lookup(entity)];
            }
        }
        var unused = new List<string>();
        if (indicators.Count == 0) unused.Add("local IOC feeds: none given (--intel FILE, --tor-exits FILE)");
        if (inventory.AssetCount == 0) unused.Add("asset inventory: none given (--assets FILE)");
        if (inventory.UserCount == 0) unused.Add("user directory: none given (--users FILE)");
        unused.AddRange(alsoUnused);
        return new EnrichmentView(results, inventory, unused);
    }
}
