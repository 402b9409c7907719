namespace Verdict.Alerts;

/// <summary>
/// What <see cref="EntityExtractor"/> reads: the fields a reader recognised, as they arrived (not yet normalised),
/// and every raw field of the record. Raw fields are read again by their names, so a column the reader did not
/// map (a second user column, a SID, a hash list) still yields its entities.
/// </summary>
public sealed record EntityInput
{
    public string? User { get; init; }
    public string? Host { get; init; }
    public string? SourceIp { get; init; }
    public string? DestinationIp { get; init; }
    public string? Process { get; init; }
    public string? ParentProcess { get; init; }
    public string? CommandLine { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    /// <summary>The input for an alert that is already built (its user is the bare account name; raw fields fill in the rest).</summary>
    public static EntityInput From(Alert alert) => new()
    {
        User = alert.User,
        Host = alert.Host,
        SourceIp = alert.SourceIp,
        Process = alert.Process,
        ParentProcess = alert.ParentProcess,
        CommandLine = alert.CommandLine,
        Description = alert.Description,
        Fields = alert.Fields,
    };
}
