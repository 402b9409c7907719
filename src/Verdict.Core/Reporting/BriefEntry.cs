using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Correlation;
using Verdict.Correlation.Suppression;
using Verdict.Enrichment;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Reporting;

public sealed record SourceEntry(string File, long Line);

/// <summary>
/// One entry of investigation_briefs.json: a triaged alert, or an input that could not be read (only
/// <c>source</c> and <c>error</c> set). The shape is documented in docs/brief-schema.json.
/// </summary>
public sealed record BriefEntry
{
    public const string CurrentSchemaVersion = "1.0";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public string? AlertId { get; init; }
    public required SourceEntry Source { get; init; }
    public string? IncidentId { get; init; }
    public Classification? Classification { get; init; }
    public Severity? Severity { get; init; }
    public double? Confidence { get; init; }
    public double? MaliciousProbability { get; init; }
    public Decision? Decision { get; init; }
    public string? DecisionReason { get; init; }
    public bool? Escalate { get; init; }
    public string? LikelyCause { get; init; }
    public string? SeverityRationale { get; init; }
    public string? WhatWouldChange { get; init; }
    public IReadOnlyList<TechniqueRef>? Techniques { get; init; }
    public IReadOnlyList<string>? Questions { get; init; }
    public IReadOnlyList<string>? ImmediateActions { get; init; }
    public IReadOnlyList<string>? InvestigationSteps { get; init; }
    public IReadOnlyList<Evidence>? Evidence { get; init; }
    public IReadOnlyList<Hypothesis>? Hypotheses { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    /// <summary>What enrichment sources said about the entities (source, verdict, summary, when, cached or not).</summary>
    public IReadOnlyList<IntelResult>? Intel { get; init; }
    public Dictionary<string, string>? Alert { get; init; }
    /// <summary>Who decided: "offline" or the model's name.</summary>
    public string? Analyst { get; init; }
    /// <summary>The model was asked but its answer was not used: the offline assessment stands.</summary>
    public bool? Degraded { get; init; }
    /// <summary>How the analyst came to decide, or why the model's answer was not used.</summary>
    public string? AnalystNote { get; init; }
    public int? LlmCalls { get; init; }
    public long? Tokens { get; init; }
    public long? CachedTokens { get; init; }
    public IReadOnlyList<string>? ToolCalls { get; init; }
    /// <summary>The deterministic rule that overrode the model, and why.</summary>
    public string? Guardrail { get; init; }
    /// <summary>The offline analyst's classification and decision, when a model's replaced them.</summary>
    public Classification? OfflineClassification { get; init; }
    public string? RawModelText { get; init; }
    /// <summary>Staging actions the model proposed, for a human to approve; nothing was sent.</summary>
    public IReadOnlyList<string>? Proposals { get; init; }
    public string? Error { get; init; }
    /// <summary>The suppression rule that closed the alert without analysis: rule id, owner, reason, expiry.</summary>
    public SuppressionMark? Suppressed { get; init; }
    /// <summary>The primary alert this entry repeats; its verdict is the primary's.</summary>
    public string? DuplicateOf { get; init; }
    /// <summary>On a primary: how many repeats were folded into it, and their IDs.</summary>
    public int? Duplicates { get; init; }
    public IReadOnlyList<string>? DuplicateIds { get; init; }
    /// <summary>True when the alert belongs to an overflow incident (a flood of one rule, analysed once).</summary>
    public bool? Overflow { get; init; }
    /// <summary>In an overflow incident: the alert whose analysis this entry shares.</summary>
    public string? AssessedWith { get; init; }

    public static BriefEntry From(AlertOutcome o)
    {
        var source = new SourceEntry(o.Source.File, o.Source.Line);
        if (o.Alert is null) return new BriefEntry { Source = source, Error = o.Error!.Reason };
        if (o.Suppressed is not null) return SuppressedEntry(o, source);
        var a = o.Assessment!;
        var full = o.DuplicateOf is null && o.AssessedWith is null; // a repeat or flood member points at the alert analysed
        return new BriefEntry
        {
            AlertId = o.Alert.Id,
            Source = source,
            IncidentId = o.IncidentId,
            Classification = a.Classification,
            Severity = a.Severity,
            Confidence = a.Confidence,
            MaliciousProbability = a.MaliciousProbability,
            Decision = o.Decision!.Decision,
            DecisionReason = o.Decision.Reason,
            Escalate = o.Decision.Decision == Policy.Decision.Escalate,
            LikelyCause = a.LikelyCause,
            SeverityRationale = a.SeverityRationale,
            WhatWouldChange = a.WhatWouldChange,
            Techniques = a.Techniques,
            Questions = full ? a.Questions : null,
            ImmediateActions = full ? a.ImmediateActions : null,
            InvestigationSteps = full ? a.InvestigationSteps : null,
            Evidence = full ? a.Evidence : null,
            Hypotheses = full ? a.Hypotheses : null,
            Entities = o.Alert.Entities,
            Intel = o.Intel,
            Alert = OriginalFields(o.Alert),
            DuplicateOf = o.DuplicateOf,
            Duplicates = o.DuplicateIds?.Count,
            DuplicateIds = o.DuplicateIds,
            Overflow = o.Overflow ? true : null,
            AssessedWith = o.AssessedWith,
            Analyst = o.Analyst?.Analyst ?? AnalystRecord.Offline.Analyst,
            Degraded = o.Analyst?.Degraded is true ? true : null,
            AnalystNote = o.Analyst?.Note,
            LlmCalls = o.Analyst?.LlmCalls > 0 ? o.Analyst.LlmCalls : null,
            Tokens = o.Analyst?.LlmCalls > 0 ? o.Analyst.InputTokens + o.Analyst.OutputTokens : null,
            CachedTokens = o.Analyst?.CachedInputTokens > 0 ? o.Analyst.CachedInputTokens : null,
            ToolCalls = o.Analyst?.ToolCalls is { Count: > 0 } tools ? tools : null,
            Guardrail = o.Analyst?.Guardrail,
            OfflineClassification = o.Analyst?.OfflineAssessment?.Classification,
            RawModelText = o.Analyst?.RawModelText,
            Proposals = o.Analyst?.Proposals is { Count: > 0 } proposals ? proposals : null,
        };
    }

    /// <summary>A suppressed alert: closed by an analyst's rule, with no analysis (no classification or evidence).</summary>
    private static BriefEntry SuppressedEntry(AlertOutcome o, SourceEntry source) => new()
    {
        AlertId = o.Alert!.Id,
        Source = source,
        Decision = o.Decision!.Decision,
        DecisionReason = o.Decision.Reason,
        Escalate = false,
        Entities = o.Alert.Entities,
        Intel = o.Intel,
        Alert = OriginalFields(o.Alert),
        Suppressed = o.Suppressed,
    };

    /// <summary>The alert as it arrived; a repeated column name gets a numeric suffix so nothing is lost.</summary>
    private static Dictionary<string, string> OriginalFields(Alert alert)
    {
        var fields = new Dictionary<string, string>(alert.Fields.Count, StringComparer.Ordinal);
        foreach (var (key, value) in alert.Fields)
        {
            var name = key;
            for (var n = 2; fields.ContainsKey(name); n++) name = $"{key}_{n}";
            fields[name] = value;
        }
        return fields;
    }
}

/// <summary>One entry of incidents.json.</summary>
public sealed record IncidentEntry
{
    public string SchemaVersion { get; init; } = BriefEntry.CurrentSchemaVersion;
    public required string IncidentId { get; init; }
    public string? User { get; init; }
    public required IReadOnlyList<string> AlertIds { get; init; }
    public DateTimeOffset? FirstSeen { get; init; }
    public DateTimeOffset? LastSeen { get; init; }
    public required Classification Classification { get; init; }
    public required Severity Severity { get; init; }
    public required double Confidence { get; init; }
    public required Decision Decision { get; init; }
    public required string DecisionReason { get; init; }
    public required string LikelyCause { get; init; }
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }
    public required IReadOnlyList<string> Questions { get; init; }
    public required IReadOnlyList<string> ImmediateActions { get; init; }
    public string? BriefFile { get; init; }
    /// <summary>True for a flood of one rule collapsed into one incident; <see cref="AlertCount"/> says how many alerts.</summary>
    public bool? Overflow { get; init; }
    public int AlertCount { get; init; }
    /// <summary>Every user the incident's alerts name (an incident may span users sharing a host, address or file).</summary>
    public IReadOnlyList<string>? Users { get; init; }

    public static IncidentEntry From(IncidentOutcome o, string? briefFile) => new()
    {
        Overflow = o.Incident.Overflow ? true : null,
        AlertCount = o.Incident.Alerts.Count,
        Users = o.Incident.Users is { Count: > 1 } users ? users : null,
        IncidentId = o.Incident.Id,
        User = o.Incident.User,
        AlertIds = [.. o.Incident.Alerts.Select(a => a.Id)],
        FirstSeen = o.Incident.First,
        LastSeen = o.Incident.Last,
        Classification = o.Assessment.Classification,
        Severity = o.Assessment.Severity,
        Confidence = o.Assessment.Confidence,
        Decision = o.Decision.Decision,
        DecisionReason = o.Decision.Reason,
        LikelyCause = o.Assessment.LikelyCause,
        Timeline = o.Timeline,
        Questions = o.Assessment.Questions,
        ImmediateActions = o.Assessment.ImmediateActions,
        BriefFile = briefFile,
    };
}
