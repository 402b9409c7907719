using Verdict.Alerts;

namespace Verdict.Correlation.Suppression;

/// <summary>A condition on one canonical alert field (rule, user, host, source_ip, ...): any of its patterns matches.</summary>
public sealed record FieldCondition(string Field, IReadOnlyList<ValuePattern> AnyOf);

/// <summary>A condition on the alert's entities: some entity of this kind matches one of the patterns.</summary>
public sealed record EntityCondition(EntityKind Kind, IReadOnlyList<ValuePattern> AnyOf);

/// <summary>
/// An analyst's explicit decision that alerts like these need no triage, with who decided it, why, and until when.
/// An alert is suppressed when every condition holds. A suppressed alert is not analysed at all, so even strong
/// evidence of an attack in it is never weighed: that is the point of a suppression, and why each rule carries an
/// owner and an expiry date.
/// </summary>
public sealed record SuppressionRule(string Id, string Owner, string Reason, DateOnly Expires, SourceRef Source,
    IReadOnlyList<FieldCondition> Fields, IReadOnlyList<EntityCondition> Entities)
{
    /// <summary>The canonical fields a rule can match on.</summary>
    public static readonly string[] FieldNames =
        ["rule", "user", "host", "source_ip", "process", "parent_process", "command_line", "description", "severity"];

    /// <summary>The rule applies through the whole of its expiry day (UTC).</summary>
    public bool IsExpired(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > Expires;

    public bool Matches(Alert alert) =>
        Fields.All(f => f.AnyOf.Any(p => p.Matches(Value(alert, f.Field))))
        && Entities.All(c => alert.Entities.Any(e => e.Kind == c.Kind && c.AnyOf.Any(p => p.Matches(e.Value))));

    public static string? Value(Alert a, string field) => field switch
    {
        "rule" => a.Rule,
        "user" => a.User,
        "host" => a.Host,
        "source_ip" => a.SourceIp,
        "process" => a.Process,
        "parent_process" => a.ParentProcess,
        "command_line" => a.CommandLine,
        "description" => a.Description,
        "severity" => a.DetectorSeverity?.Word(),
        _ => null,
    };
}

/// <summary>The rule that silenced an alert, as the brief shows it.</summary>
public sealed record SuppressionMark(string Rule, string Owner, string Reason, DateOnly Expires)
{
    public static SuppressionMark From(SuppressionRule r) => new(r.Id, r.Owner, r.Reason, r.Expires);
}
