namespace Verdict.Alerts;

/// <summary>Where a record came from: the file (or "stdin") and the 1-based line its record starts on.</summary>
public sealed record SourceRef(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>How precise an alert's time is. Many exports carry only a date.</summary>
public enum TimePrecision { Exact, Day }

/// <summary>One detection as it arrived, plus the typed entities found in it.</summary>
public sealed record Alert
{
    public required string Id { get; init; }
    public required SourceRef Source { get; init; }
    /// <summary>Rule name or alert type as the detector named it.</summary>
    public required string Rule { get; init; }
    public DateTimeOffset? Time { get; init; }
    public TimePrecision TimePrecision { get; init; } = TimePrecision.Exact;
    /// <summary>The detector's own severity, when it gave one.</summary>
    public Severity? DetectorSeverity { get; init; }
    public string Description { get; init; } = "";
    public string? User { get; init; }
    public string? Host { get; init; }
    public string? SourceIp { get; init; }
    public string? CommandLine { get; init; }
    /// <summary>The process image (path or name) the alert is about.</summary>
    public string? Process { get; init; }
    public string? ParentProcess { get; init; }
    /// <summary>Tags the detector attached, such as ATT&CK technique IDs ("attack.t1059.001").</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<Entity> Entities { get; init; } = [];
    /// <summary>The original fields, in input order, exactly as read.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; }
}
