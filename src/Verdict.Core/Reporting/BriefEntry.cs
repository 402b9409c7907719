using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Correlation;
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

    public static BriefEntry From(AlertOutcome o)
    {
        var source = new SourceEntry(o.Source.File, o.Source.Line);
        if (o.Alert is null) return new BriefEntry { Source = source, Error = o.Error!.Reason };
        var a = o.Assessment!;
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
            Questions = a.Questions,
            ImmediateActions = a.ImmediateActions,
            InvestigationSteps = a.InvestigationSteps,
            Evidence = a.Evidence,
            Hypotheses = a.Hypotheses,
            Entities = o.Alert.Entities,
            Intel = o.Intel,
            Alert = OriginalFields(o.Alert),
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

    public static IncidentEntry From(IncidentOutcome o, string? briefFile) => new()
    {
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
