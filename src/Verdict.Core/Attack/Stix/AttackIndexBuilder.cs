namespace Verdict.Attack.Stix;

/// <summary>Turns a read <see cref="StixBundle"/> into the lookups the knowledge base answers from.</summary>
internal static class AttackIndexBuilder
{
    private static readonly Dictionary<string, (string Kind, int Rank)> ProcedureSources = new(StringComparer.Ordinal)
    {
        ["intrusion-set"] = ("group", 0),
        ["campaign"] = ("campaign", 1),
        ["malware"] = ("malware", 2),
        ["tool"] = ("tool", 3),
    };

    public static AttackIndex Build(StixBundle bundle)
    {
        var tactics = Tactics(bundle);
        var tacticRank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tactic in tactics) tacticRank.TryAdd(tactic.ShortName, tacticRank.Count);

        var detections = DetectionTexts(bundle);
        var byStix = new Dictionary<string, AttackTechnique>(StringComparer.Ordinal);
        var byId = new Dictionary<string, AttackTechnique>(StringComparer.Ordinal);
        var revokedStix = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stix in bundle.Objects.Values)
        {
            if (stix.Type != "attack-pattern" || !AttackIds.TryNormalizeTechniqueId(stix.AttackId, out var id)) continue;
            if (stix.Revoked)
            {
                revokedStix.TryAdd(id, stix.Id);
                continue;
            }
            var technique = ToTechnique(stix, id, tacticRank, detections);
            byStix[stix.Id] = technique;
            // Two current objects with one ID should not happen; if it does, the non-deprecated one wins.
            if (!byId.TryGetValue(id, out var existing) || (existing.Deprecated && !technique.Deprecated)) byId[id] = technique;
        }

        var revokedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var mitigations = new Dictionary<string, List<AttackMitigation>>(StringComparer.Ordinal);
        var procedures = new Dictionary<string, List<(int Rank, ProcedureExample Example)>>(StringComparer.Ordinal);
        foreach (var relation in bundle.Relationships)
        {
            if (relation.Type == "revoked-by")
            {
                revokedBy.TryAdd(relation.SourceRef, relation.TargetRef);
                continue;
            }
            if (!byStix.TryGetValue(relation.TargetRef, out var technique)
                || !bundle.Objects.TryGetValue(relation.SourceRef, out var source) || !source.Current) continue;
            if (relation.Type == "mitigates" && source.Type == "course-of-action" && source.AttackId.StartsWith('M'))
            {
                var text = AttackText.StripCitations(relation.Description);
                Add(mitigations, technique.Id, new AttackMitigation(source.AttackId, source.Name, text.Length > 0 ? text : AttackText.StripCitations(source.Description)));
            }
            else if (relation.Type == "uses" && ProcedureSources.TryGetValue(source.Type, out var kind))
            {
                var example = new ProcedureExample(source.AttackId, source.Name, kind.Kind, technique.Id, AttackText.StripCitations(relation.Description));
                Add(procedures, technique.Id, (kind.Rank, example));
            }
        }

        var replacements = new Dictionary<string, AttackTechnique?>(StringComparer.Ordinal);
        foreach (var (id, stixId) in revokedStix)
        {
            if (!byId.ContainsKey(id)) replacements[id] = FollowRevocations(stixId, revokedBy, byStix);
        }

        var techniques = byId.Values.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        return new AttackIndex(
            bundle.SpecVersion,
            bundle.Version,
            techniques,
            tactics,
            byId,
            replacements,
            mitigations.ToDictionary(p => p.Key, p => (IReadOnlyList<AttackMitigation>)[.. p.Value.DistinctBy(m => m.Id).OrderBy(m => m.Id, StringComparer.Ordinal)], StringComparer.Ordinal),
            procedures.ToDictionary(p => p.Key, p => (IReadOnlyList<ProcedureExample>)[.. p.Value.OrderBy(e => e.Rank).ThenBy(e => e.Example.SourceName, StringComparer.OrdinalIgnoreCase).Select(e => e.Example)], StringComparer.Ordinal),
            techniques.Where(t => t.IsSubtechnique).GroupBy(t => t.ParentId).ToDictionary(g => g.Key, g => (IReadOnlyList<AttackTechnique>)[.. g], StringComparer.Ordinal));
    }

    private static AttackTechnique ToTechnique(StixObject stix, string id, Dictionary<string, int> tacticRank, Dictionary<string, string> detections) => new()
    {
        Id = id,
        StixId = stix.Id,
        Name = stix.Name,
        Description = AttackText.StripCitations(stix.Description),
        Tactics = [.. stix.Phases.OrderBy(p => tacticRank.TryGetValue(p, out var rank) ? rank : int.MaxValue)],
        Platforms = stix.Platforms,
        Detection = stix.Detection.Trim().Length > 0 ? AttackText.StripCitations(stix.Detection) : detections.GetValueOrDefault(stix.Id, ""),
        DataSources = stix.DataSources,
        Deprecated = stix.Deprecated,
    };

    /// <summary>Tactics in the order of the matrices' tactic_refs, then any others by ID.</summary>
    private static List<AttackTactic> Tactics(StixBundle bundle)
    {
        var ordered = new List<StixObject>();
        foreach (var matrix in bundle.Objects.Values.Where(o => o.Type == "x-mitre-matrix" && o.Current))
        {
            foreach (var reference in matrix.TacticRefs)
            {
                if (bundle.Objects.TryGetValue(reference, out var tactic) && tactic.Current && !ordered.Contains(tactic)) ordered.Add(tactic);
            }
        }
        var rest = bundle.Objects.Values.Where(o => o.Type == "x-mitre-tactic" && o.Current && !ordered.Contains(o)).OrderBy(o => o.AttackId, StringComparer.Ordinal);
        return [.. ordered.Concat(rest).Select(t => new AttackTactic(t.AttackId, t.ShortName, t.Name, AttackText.StripCitations(t.Description)))];
    }

    /// <summary>
    /// ATT&CK v18 moved detection advice out of techniques: detection strategies "detect" a technique and
    /// reference analytics whose descriptions say what to look for. Joined per technique, strategies by ID.
    /// </summary>
    private static Dictionary<string, string> DetectionTexts(StixBundle bundle)
    {
        var strategies = new Dictionary<string, List<StixObject>>(StringComparer.Ordinal);
        foreach (var relation in bundle.Relationships.Where(r => r.Type == "detects"))
        {
            if (bundle.Objects.TryGetValue(relation.SourceRef, out var strategy) && strategy.Type == "x-mitre-detection-strategy" && strategy.Current)
            {
                Add(strategies, relation.TargetRef, strategy);
            }
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (techniqueStixId, list) in strategies)
        {
            var analytics = list.OrderBy(s => s.AttackId, StringComparer.Ordinal)
                .SelectMany(s => s.AnalyticRefs)
                .Select(r => bundle.Objects.GetValueOrDefault(r))
                .Where(a => a is { Current: true })
                .Select(a => AttackText.StripCitations(a!.Description))
                .Where(d => d.Length > 0)
                .Distinct(StringComparer.Ordinal);
            texts[techniqueStixId] = string.Join("\n\n", analytics);
        }
        return texts;
    }

    /// <summary>Follows revoked-by links (MITRE chains them: T1150 → T1547.011 → T1647) to a current technique.</summary>
    private static AttackTechnique? FollowRevocations(string stixId, Dictionary<string, string> revokedBy, Dictionary<string, AttackTechnique> byStix)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { stixId };
        while (revokedBy.TryGetValue(stixId, out var next) && seen.Add(next))
        {
            if (byStix.TryGetValue(next, out var technique)) return technique;
            stixId = next;
        }
        return null;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}

/// <summary>Everything the knowledge base answers from, keyed by canonical technique ID.</summary>
internal sealed record AttackIndex(
    string SpecVersion,
    string Version,
    IReadOnlyList<AttackTechnique> Techniques,
    IReadOnlyList<AttackTactic> Tactics,
    IReadOnlyDictionary<string, AttackTechnique> ById,
    IReadOnlyDictionary<string, AttackTechnique?> Revoked,
    IReadOnlyDictionary<string, IReadOnlyList<AttackMitigation>> Mitigations,
    IReadOnlyDictionary<string, IReadOnlyList<ProcedureExample>> Procedures,
    IReadOnlyDictionary<string, IReadOnlyList<AttackTechnique>> Subtechniques);
