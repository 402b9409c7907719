using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Correlation;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Policy;

namespace Verdict.Pipeline;

/// <summary>What became of one input record: a triaged alert or an error. Exactly one per record, in input order.</summary>
public sealed record AlertOutcome(Alert? Alert, InputError? Error, string? IncidentId, Assessment? Assessment, DecisionResult? Decision)
{
    /// <summary>Enrichment results for the alert's entities (every source that said something, errors included).</summary>
    public IReadOnlyList<IntelResult> Intel { get; init; } = [];

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
}
