using Verdict.Alerts;
using Verdict.Policy;

namespace Verdict.Pipeline;

/// <summary>
/// A run's figures, gathered one outcome at a time, so a run too large to hold can still be summed up: records,
/// verdicts by severity and decision, what the pre-filter saved, and the escalated incidents (the most severe
/// <see cref="EscalationsKept"/> of them kept in full for the console).
/// </summary>
public sealed class RunSummary
{
    public const int EscalationsKept = 100;

    private readonly Dictionary<(Severity, Decision), int> _verdicts = [];
    private readonly List<IncidentOutcome> _escalations = [];

    public int Records { get; private set; }
    public int Triaged { get; private set; }
    public int Errors { get; private set; }
    public int Suppressed { get; private set; }
    public int Duplicates { get; private set; }
    public int Analyses { get; set; }
    public int Incidents { get; private set; }
    public int Overflow { get; private set; }
    public int Escalated { get; private set; }
    public long LogEvents { get; init; }
    public int LogErrors { get; init; }
    public IReadOnlyList<string> EnrichmentNotes { get; init; } = [];
    public IReadOnlyList<string> AnalystNotes { get; init; } = [];

    /// <summary>The escalated incidents kept, most severe first.</summary>
    public IReadOnlyList<IncidentOutcome> Escalations => [.. _escalations.OrderByDescending(i => i.Assessment.Severity)];

    public int Count(Severity severity, Decision decision) => _verdicts.GetValueOrDefault((severity, decision));

    public static RunSummary Of(TriageResult result)
    {
        var summary = new RunSummary
        {
            LogEvents = result.LogEvents,
            LogErrors = result.LogErrors.Count,
            EnrichmentNotes = result.EnrichmentNotes,
            AnalystNotes = result.AnalystNotes,
            Analyses = result.Analyses,
        };
        foreach (var o in result.Alerts) summary.Add(o);
        foreach (var i in result.Incidents) summary.Add(i);
        return summary;
    }

    public void Add(AlertOutcome o)
    {
        Records++;
        if (o.Error is not null) Errors++;
        if (o.Suppressed is not null) Suppressed++;
        if (o.DuplicateOf is not null) Duplicates++;
        if (o.Assessment is null) return;
        Triaged++;
        _verdicts[(o.Assessment.Severity, o.Decision!.Decision)] = Count(o.Assessment.Severity, o.Decision.Decision) + 1;
    }

    public void Add(IncidentOutcome i)
    {
        Incidents++;
        if (i.Incident.Overflow) Overflow++;
        if (i.Decision.Decision != Decision.Escalate) return;
        Escalated++;
        _escalations.Add(i with { Timeline = [] });
        if (_escalations.Count > 2 * EscalationsKept)
        {
            var kept = _escalations.OrderByDescending(x => x.Assessment.Severity).Take(EscalationsKept).ToList();
            _escalations.Clear();
            _escalations.AddRange(kept);
        }
    }
}
