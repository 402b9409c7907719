namespace Verdict.Attack;

/// <summary>MITRE's copyright designation, shown wherever technique text is displayed (ATT&CK terms of use).</summary>
public static class AttackCopyright
{
    public const string Line = "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.";
}

/// <summary>An ATT&CK technique or sub-technique (IDs like T1059 or T1059.001).</summary>
public sealed record AttackTechnique
{
    public required string Id { get; init; }
    public required string StixId { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Tactic short names in kill-chain order, e.g. "execution".</summary>
    public IReadOnlyList<string> Tactics { get; init; } = [];
    public IReadOnlyList<string> Platforms { get; init; } = [];
    /// <summary>Detection text: x_mitre_detection (up to v17) or the descriptions of the detection strategies' analytics (v18+).</summary>
    public string Detection { get; init; } = "";
    public IReadOnlyList<string> DataSources { get; init; } = [];
    public bool IsSubtechnique => Id.Contains('.', StringComparison.Ordinal);
    public string ParentId => IsSubtechnique ? Id[..Id.IndexOf('.', StringComparison.Ordinal)] : Id;
    public bool Deprecated { get; init; }
    public string Url => $"https://attack.mitre.org/techniques/{Id.Replace('.', '/')}/";
}

public sealed record AttackTactic(string Id, string ShortName, string Name, string Description);

public sealed record AttackMitigation(string Id, string Name, string Description);

/// <summary>A real use of a technique by a group or a piece of software (a "uses" relationship).</summary>
public sealed record ProcedureExample(string SourceId, string SourceName, string SourceKind, string TechniqueId, string Description);

public enum LookupStatus { Found, Revoked, NotFound, Invalid }

/// <summary>A lookup by ID: the technique, or for a revoked ID its replacement, or why there is none.</summary>
public sealed record TechniqueLookup(LookupStatus Status, string RequestedId, AttackTechnique? Technique, string Message);
