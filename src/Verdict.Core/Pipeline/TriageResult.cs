using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Correlation;
using Verdict.Correlation.Suppression;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Policy;

namespace Verdict.Pipeline;

/// <summary>What became of one input record: a triaged alert or an error. Exactly one per record, in input order.</summary>
public sealed record AlertOutcome(Alert? Alert, InputError? Error, string? IncidentId, Assessment? Assessment, DecisionResult? Decision)
{
    /// <summary>Enrichment results for the alert's entities (every source that said something, errors included).</summary>
    public IReadOnlyList<IntelResult> Intel { get; init; } = [];

    /// <summary>The suppression rule that silenced the alert (then no analysis was spent on it).</summary>
    public SuppressionMark? Suppressed { get; init; }
    /// <summary>The primary alert this one repeats (same rule and key entities within the dedup window).</summary>
    public string? DuplicateOf { get; init; }
    /// <summary>On a primary: the IDs of the alerts folded into it.</summary>
    public IReadOnlyList<string>? DuplicateIds { get; init; }
    /// <summary>True for the alerts of an overflow incident (a flood of one rule).</summary>
    public bool Overflow { get; init; }
    /// <summary>In an overflow incident: the alert analysed on this one's behalf (null when this alert was analysed itself).</summary>
    public string? AssessedWith { get; init; }
    /// <summary>Which analyst decided (offline unless an LLM stage replaced the assessment), and at what cost.</summary>
    public AnalystRecord? Analyst { get; init; }

    public SourceRef Source => Alert?.Source ?? Error!.Source;
}

public sealed record IncidentOutcome(Incident Incident, Assessment Assessment, DecisionResult Decision,
    IReadOnlyList<TimelineEntry> Timeline, UserBaseline? Baseline);

public sealed record TriageResult(
    IReadOnlyList<AlertOutcome> Alerts,
    IReadOnlyList<IncidentOutcome> Incidents,
    IReadOnlyList<InputError> LogErrors,
    long LogEvents,
    DateTimeOffset GeneratedAt)
{
    /// <summary>Which enrichment sources were not used, and how the lookups went.</summary>
    public IReadOnlyList<string> EnrichmentNotes { get; init; } = [];

    /// <summary>Model calls, tokens, cost and alerts settled offline vs by the model, when an LLM analyst ran.</summary>
    public IReadOnlyList<string> AnalystNotes { get; init; } = [];

    public int Triaged => Alerts.Count(a => a.Assessment is not null);
    public int Errors => Alerts.Count(a => a.Error is not null);
    public int Suppressed => Alerts.Count(a => a.Suppressed is not null);
    public int Duplicates => Alerts.Count(a => a.DuplicateOf is not null);

    /// <summary>How many alerts were analysed (the rest were suppressed, folded into a duplicate or a flood, or unreadable).</summary>
    public int Analyses => AssessmentOrder.Count;

    /// <summary>The alert IDs in the order they were analysed: the most severe first.</summary>
    public IReadOnlyList<string> AssessmentOrder { get; init; } = [];
}
