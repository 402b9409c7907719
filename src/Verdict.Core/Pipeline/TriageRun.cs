using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Analysis;
using Verdict.Analysis.Identity;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Correlation.Suppression;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Policy;

namespace Verdict.Pipeline;

/// <summary>
/// Wires the stages: alerts and errors in; suppressed alerts set aside and repeats folded (<see cref="Prefilter"/>);
/// the rest grouped into incidents, each user's activity read once, every alert assessed and decided, the most
/// severe first. One record in means one outcome out, in input order.
/// </summary>
public sealed class TriageRun(EnvironmentContext context, LogStore logs, OfflineAnalyst analyst, TimeProvider time,
    TechniqueMapper? mapper = null, EnrichmentView? enrichment = null)
{
    /// <summary>Suppression rules, the dedup window and the flood cap.</summary>
    public CorrelationOptions Correlation { get; init; } = CorrelationOptions.Default;

    /// <summary>Where per-user baselines come from (default: computed from the in-memory log store).</summary>
    public IUserBaselineSource? Baselines { get; init; }

    private sealed record AlertVerdict(string IncidentId, Assessment Assessment, DecisionResult Decision, bool Overflow, string? AssessedWith = null);

    public TriageResult Run(IEnumerable<ParseResult<Alert>> records, IReadOnlyList<InputError> logErrors,
        bool perAlert = false, IProgress<int>? progress = null)
    {
        var inputs = records.ToList();
        var alerts = inputs.Where(r => r.Success).Select(r => r.Value!).ToList();
        var prefilter = Prefilter.Apply(alerts, Correlation);
        var incidents = IncidentGrouper.Group(prefilter.Primaries, analyst.Options.IncidentGap, perAlert, Correlation.Flood, context.VpnEgress);
        var byAlert = new Dictionary<Alert, AlertVerdict>(ReferenceEqualityComparer.Instance);
        var outcomes = new Dictionary<Incident, IncidentOutcome>(ReferenceEqualityComparer.Instance);
        var order = new List<string>();
        var baselines = new BaselineCache(Baselines);
        var done = prefilter.Suppressed.Count;
        foreach (var incident in TriageOrder.Incidents(incidents))
        {
            outcomes[incident] = Triage(incident, baselines, byAlert, order);
            done += incident.Alerts.Sum(a => 1 + (prefilter.Dedup.Duplicates.TryGetValue(a, out var repeats) ? repeats.Count : 0));
            progress?.Report(done);
        }
        var view = enrichment ?? EnrichmentView.None;
        return new TriageResult([.. inputs.Select(r => Outcome(r, prefilter, byAlert, view))], [.. incidents.Select(i => outcomes[i])],
            logErrors, logs.Count, time.GetUtcNow())
        {
            EnrichmentNotes = view.Notes,
            AssessmentOrder = order,
        };
    }

    /// <summary>
    /// Assesses an incident's alerts, each with its own user's case (an incident may span users that share a host or an
    /// address). An overflow incident is assessed once, on its most severe alert, on behalf of all.
    /// </summary>
    private IncidentOutcome Triage(Incident incident, BaselineCache baselines, Dictionary<Alert, AlertVerdict> byAlert, List<string> order)
    {
        var toAssess = incident.Overflow ? [TriageOrder.Alerts(incident.Alerts).First()] : incident.Alerts;
        var cases = toAssess.GroupBy(a => a.User ?? "").ToDictionary(g => g.Key, g =>
        {
            var built = IdentityCase.Build(g.First().User, [.. g], logs, context, analyst.Options, baselines) with { Enrichment = enrichment ?? EnrichmentView.None };
            return (Case: built, Activity: IdentityDetectors.ForActivity(built, analyst.Options));
        });
        AlertVerdict? worst = null;
        foreach (var alert in TriageOrder.Alerts(toAssess))
        {
            var (incidentCase, activity) = cases[alert.User ?? ""];
            var assessment = analyst.Assess(incidentCase with { Alerts = [alert] }, activity);
            if (mapper is not null) assessment = assessment with { Techniques = mapper.ForBrief(alert) };
            var verdict = new AlertVerdict(incident.Id, assessment, DecisionPolicy.Decide(assessment), incident.Overflow);
            byAlert[alert] = verdict;
            order.Add(alert.Id);
            if (worst is null || Rank(verdict) > Rank(worst)) worst = verdict;
        }
        if (incident.Overflow)
        {
            var representative = toAssess[0];
            foreach (var alert in incident.Alerts.Where(a => !ReferenceEquals(a, representative))) byAlert[alert] = worst! with { AssessedWith = representative.Id };
        }
        var timeline = cases.Values.SelectMany(c => Timeline.Build(c.Case)).OrderBy(t => t.Time).ToList();
        if (timeline.Count > Timeline.MaxEntries) timeline = [.. timeline.Take(Timeline.MaxEntries / 2), .. timeline.TakeLast(Timeline.MaxEntries / 2)];
        if (incident.Overflow)
        {
            timeline.Insert(0, new TimelineEntry(incident.First ?? default, incident.Last, "alert",
                $"FLOOD: {incident.Alerts.Count} '{incident.Alerts[0].Rule}' alerts collapsed into this incident; {toAssess[0].Id} was analysed for all"));
        }
        return new IncidentOutcome(incident, worst!.Assessment, worst.Decision, timeline, cases[toAssess[0].User ?? ""].Case.Baseline);
    }

    private static AlertOutcome Outcome(ParseResult<Alert> record, PrefilterResult prefilter, Dictionary<Alert, AlertVerdict> byAlert, EnrichmentView view)
    {
        if (!record.Success) return new AlertOutcome(null, record.Error, null, null, null);
        var alert = record.Value!;
        if (prefilter.Suppressed.TryGetValue(alert, out var rule))
        {
            var reason = $"Suppressed by rule '{rule.Id}' (owner {rule.Owner}, expires {rule.Expires:yyyy-MM-dd}): {rule.Reason.TrimEnd('.')}. Not analysed.";
            return new AlertOutcome(alert, null, null, null, new DecisionResult(Decision.AutoClose, reason))
            {
                Intel = [.. view.Findings(alert)],
                Suppressed = SuppressionMark.From(rule),
            };
        }
        var primary = prefilter.Dedup.DuplicateOf.GetValueOrDefault(alert);
        var v = byAlert[primary ?? alert];
        var decision = primary is null ? v.Decision : v.Decision with { Reason = $"Duplicate of {primary.Id} (same rule and entities): {v.Decision.Reason}" };
        return new AlertOutcome(alert, null, v.IncidentId, v.Assessment, decision)
        {
            Intel = [.. view.Findings(alert)],
            DuplicateOf = primary?.Id,
            DuplicateIds = prefilter.Dedup.Duplicates.TryGetValue(alert, out var dups) ? [.. dups.Select(d => d.Id)] : null,
            Overflow = v.Overflow,
            AssessedWith = v.AssessedWith,
        };
    }

    private static int Rank(AlertVerdict v) =>
        (v.Decision.Decision switch { Decision.Escalate => 200, Decision.Monitor => 100, _ => 0 }) + (int)v.Assessment.Severity * 10 + (int)v.Assessment.Classification;
}
