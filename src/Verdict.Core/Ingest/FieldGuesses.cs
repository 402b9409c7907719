namespace Verdict.Ingest;

/// <summary>
/// For `verdict fields`: which source fields the generic reader (<see cref="FieldGuess"/>, by <see cref="RuleFallback"/>
/// and <see cref="EntityFallback"/>) takes for a canonical field no known name gave, record by record, as triage reads them.
/// </summary>
internal sealed class FieldGuesses(FieldMapping mapping)
{
    private readonly Dictionary<string, Dictionary<CanonicalField, int>> _counts = new(StringComparer.Ordinal);

    /// <summary>Reads one record's fields (and entity hints, which only fill fields by name) as <see cref="AlertRecord"/> does.</summary>
    public void Take(IReadOnlyList<KeyValuePair<string, string>> fields, IReadOnlyList<KeyValuePair<string, string>> hints)
    {
        var map = mapping.Map([.. fields.Select(f => f.Key), .. hints.Select(h => h.Key)]);
        // Times read in UTC: the zone only changes what a time means, not whether a field reads as one.
        foreach (var (field, index) in FieldGuess.Complete(fields, map, TimeZoneInfo.Utc))
        {
            if (index >= fields.Count || map.TryGetValue(field, out var known) && known == index) continue;
            var name = fields[index].Key;
            if (!_counts.TryGetValue(name, out var byField)) _counts[name] = byField = [];
            byField[field] = byField.GetValueOrDefault(field) + 1;
        }
    }

    /// <summary>The canonical field a source field was most often guessed as, and in how many records; (null, 0) when never.</summary>
    public (CanonicalField? Field, int Records) Of(string name) =>
        _counts.TryGetValue(name, out var byField) && byField.MaxBy(p => p.Value) is { Value: > 0 } best ? (best.Key, best.Value) : (null, 0);
}
