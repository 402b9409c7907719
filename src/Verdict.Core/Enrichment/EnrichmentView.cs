using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>
/// What enrichment found, as the analyst sees it: intel results per entity (from every provider that ran),
/// the inventories, and notes on which sources were not used and how the lookups went.
/// </summary>
public sealed class EnrichmentView(IReadOnlyDictionary<Entity, IReadOnlyList<IntelResult>> results, Inventory inventory, IReadOnlyList<string> notes)
{
    public static EnrichmentView None { get; } = new(new Dictionary<Entity, IReadOnlyList<IntelResult>>(), Inventory.Empty, []);

    public Inventory Inventory => inventory;

    /// <summary>What was not consulted and how the lookups went, e.g. "VirusTotal: not used (set VIRUSTOTAL_API_KEY)".</summary>
    public IReadOnlyList<string> Notes => notes;

    public IReadOnlyList<IntelResult> For(Entity entity) => results.TryGetValue(entity, out var r) ? r : [];

    /// <summary>Results that say something (not "unknown") about the alert's entities.</summary>
    public IEnumerable<IntelResult> Findings(Alert alert) =>
        alert.Entities.Distinct().SelectMany(For).Where(r => r.Verdict != IntelVerdict.Unknown);
}
