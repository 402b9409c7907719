namespace Verdict.Attack.Stix;

/// <summary>
/// The fields of a STIX object that the knowledge base uses, whatever its type. Fields a type does not
/// have stay empty. <see cref="AttackId"/> is the external_id of the "mitre-attack" external reference.
/// </summary>
internal sealed record StixObject
{
    public required string Type { get; init; }
    public required string Id { get; init; }
    public string AttackId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public bool Revoked { get; init; }
    public bool Deprecated { get; init; }
    public string Version { get; init; } = "";
    public string ShortName { get; init; } = "";
    public string Detection { get; init; } = "";
    public IReadOnlyList<string> Platforms { get; init; } = [];
    public IReadOnlyList<string> Phases { get; init; } = [];
    public IReadOnlyList<string> DataSources { get; init; } = [];
    public IReadOnlyList<string> TacticRefs { get; init; } = [];
    public IReadOnlyList<string> AnalyticRefs { get; init; } = [];

    /// <summary>Neither revoked nor deprecated.</summary>
    public bool Current => !Revoked && !Deprecated;
}

/// <summary>A STIX relationship (uses, mitigates, detects, revoked-by, subtechnique-of...) that is itself current.</summary>
internal sealed record StixRelationship(string Type, string SourceRef, string TargetRef, string Description);

/// <summary>What a bundle holds, read once: its objects by STIX id and its current relationships.</summary>
internal sealed record StixBundle(
    string SpecVersion,
    string Version,
    IReadOnlyDictionary<string, StixObject> Objects,
    IReadOnlyList<StixRelationship> Relationships)
{
    public static string TypeOf(string stixId)
    {
        var dash = stixId.IndexOf("--", StringComparison.Ordinal);
        return dash < 0 ? stixId : stixId[..dash];
    }
}
