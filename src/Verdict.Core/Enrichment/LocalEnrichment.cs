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

    /// <summary>
    /// Enriches every distinct entity of the alerts once: the local feeds first-class beside the remote sources
    /// (each remote source behind its cache), with notes on what was not used and how the lookups went.
    /// </summary>
    public static Task<EnrichmentView> EnrichAsync(IEnumerable<Alert> alerts, IndicatorSet indicators, Inventory inventory,
        IntelSources remote, TimeProvider time, IEnumerable<string>? notesSoFar = null, CancellationToken cancellationToken = default) =>
        EnrichAsync(alerts.SelectMany(a => a.Entities), indicators, inventory, remote, time, notesSoFar, cancellationToken);

    /// <summary>Enriches the given entities (each distinct one once), as for alerts that name them.</summary>
    public static async Task<EnrichmentView> EnrichAsync(IEnumerable<Entity> entities, IndicatorSet indicators, Inventory inventory,
        IntelSources remote, TimeProvider time, IEnumerable<string>? notesSoFar = null, CancellationToken cancellationToken = default)
    {
        var notes = new List<string>(notesSoFar ?? []);
        if (indicators.Count == 0) notes.Add("local IOC feeds: none given (--intel FILE, --tor-exits FILE)");
        if (inventory.AssetCount == 0) notes.Add("asset inventory: none given (--assets FILE)");
        if (inventory.UserCount == 0) notes.Add("user directory: none given (--users FILE)");
        IIntelProvider[] local = indicators.Count > 0 ? [new LocalFeedProvider(indicators, time)] : [];
        var sources = new IntelSources([.. local, .. remote.Providers], remote.NotUsed);
        var report = await new IntelLookup(sources, time: time).RunAsync(entities, cancellationToken);
        return new EnrichmentView(report.Results, inventory, [.. notes, .. report.Notes]);
    }
}
