using Verdict.Attack.Stix;

namespace Verdict.Attack;

/// <summary>
/// MITRE ATT&CK read from a STIX bundle (Enterprise, STIX 2.0 from mitre/cti or 2.1 from attack-stix-data):
/// techniques, tactics, mitigations and procedure examples, looked up by technique ID.
/// Load it with <see cref="Load(string)"/> or, to get a reason instead of an exception, <see cref="TryLoad(string)"/>.
/// </summary>
public sealed class AttackKnowledgeBase
{
    private readonly AttackIndex index;

    internal AttackKnowledgeBase(AttackIndex index) => this.index = index;

    /// <summary>The ATT&CK release ("18.1") from the x-mitre-collection object (or the bundle); "" when the bundle does not say.</summary>
    public string Version => index.Version;

    /// <summary>"2.0" or "2.1": the bundle's spec_version, else its objects'.</summary>
    public string SpecVersion => index.SpecVersion;

    /// <summary>Every technique and sub-technique that is not revoked, by ID; deprecated ones are included and flagged.</summary>
    public IReadOnlyList<AttackTechnique> Techniques => index.Techniques;

    /// <summary>Current tactics, in matrix order when the bundle has a matrix.</summary>
    public IReadOnlyList<AttackTactic> Tactics => index.Tactics;

    /// <summary>Looks up a technique ID as typed ("t1059.001", " T1059 "). A revoked ID yields its current replacement.</summary>
    public TechniqueLookup Lookup(string id)
    {
        if (!AttackIds.TryNormalizeTechniqueId(id, out var key))
        {
            return new TechniqueLookup(LookupStatus.Invalid, id ?? "", null, AttackIds.InvalidIdMessage(id));
        }
        if (index.ById.TryGetValue(key, out var technique))
        {
            var note = technique.Deprecated ? $"{key} {technique.Name} is deprecated: MITRE no longer maintains it" : "";
            return new TechniqueLookup(LookupStatus.Found, key, technique, note);
        }
        if (index.Revoked.TryGetValue(key, out var replacement))
        {
            var message = replacement is null ? $"{key} was revoked, with no replacement" : $"{key} was revoked; replaced by {replacement.Id} {replacement.Name}";
            return new TechniqueLookup(LookupStatus.Revoked, key, replacement, message);
        }
        var release = Version.Length > 0 ? $"ATT&CK v{Version}" : "this ATT&CK bundle";
        return new TechniqueLookup(LookupStatus.NotFound, key, null, $"{key} is not a technique in {release}");
    }

    /// <summary>The technique with this ID if it is not revoked (deprecated ones included), else null.</summary>
    public AttackTechnique? Find(string id) =>
        AttackIds.TryNormalizeTechniqueId(id, out var key) ? index.ById.GetValueOrDefault(key) : null;

    /// <summary>
    /// Mitigations (course-of-action Mxxxx "mitigates" the technique), by ID. The description is the relationship's own,
    /// which says how the mitigation applies to this technique, or the mitigation's general one when that is empty.
    /// </summary>
    public IReadOnlyList<AttackMitigation> MitigationsFor(string techniqueId) => Get(index.Mitigations, techniqueId);

    /// <summary>
    /// Procedure examples: "uses" relationships from groups, campaigns, malware and tools to the technique (not its sub-techniques),
    /// groups first. <see cref="ProcedureExample.SourceKind"/> is "group", "campaign", "malware" or "tool".
    /// </summary>
    public IReadOnlyList<ProcedureExample> ProceduresFor(string techniqueId) => Get(index.Procedures, techniqueId);

    /// <summary>The sub-techniques of a technique (T1059 → T1059.001 ...), by ID; deprecated ones included and flagged.</summary>
    public IReadOnlyList<AttackTechnique> SubtechniquesOf(string parentId) => Get(index.Subtechniques, parentId);

    /// <summary>Reads a bundle, plain or gzip. Throws <see cref="InvalidDataException"/> (with a clear message) when it is not one.</summary>
    public static AttackKnowledgeBase Load(Stream stream) => OrThrow(TryLoad(stream));

    /// <summary>Reads a bundle file, plain or gzip. Throws <see cref="InvalidDataException"/> or an I/O exception when it cannot.</summary>
    public static AttackKnowledgeBase Load(string path) => OrThrow(TryLoad(path));

    /// <summary>Reads a bundle, plain or gzip (detected by its magic bytes); the reason when it is not one.</summary>
    public static AttackLoadResult TryLoad(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return AttackBundleLoader.Load(stream, "ATT&CK data");
    }

    /// <summary>Reads a bundle file, plain or gzip; the reason (naming the file) when it cannot.</summary>
    public static AttackLoadResult TryLoad(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return AttackBundleLoader.Load(path);
    }

    private static AttackKnowledgeBase OrThrow(AttackLoadResult result) =>
        result.KnowledgeBase ?? throw new InvalidDataException(result.Error);

    private static IReadOnlyList<T> Get<T>(IReadOnlyDictionary<string, IReadOnlyList<T>> map, string id) =>
        AttackIds.TryNormalizeTechniqueId(id, out var key) && map.TryGetValue(key, out var list) ? list : [];
}

/// <summary>A loaded knowledge base, or the reason there is none (written for a person: what, where, why).</summary>
public sealed record AttackLoadResult(AttackKnowledgeBase? KnowledgeBase, string Error)
{
    public bool Success => KnowledgeBase is not null;
    public static AttackLoadResult Ok(AttackKnowledgeBase knowledgeBase) => new(knowledgeBase, "");
    public static AttackLoadResult Fail(string error) => new(null, error);
}
