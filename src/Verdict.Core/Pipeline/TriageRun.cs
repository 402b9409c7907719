using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Analysis;
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
/// the rest grouped into incidents, each user's activity read once, every alert assessed and decided. One record in
/// means one outcome out, in input order. <see cref="Run"/> holds the whole run in memory and analyses the most severe
/// first; <see cref="TriagePlan"/> and <see cref="Stream"/> read the inputs twice and keep only a compact copy of each
/// alert, for runs too large to hold.
/// </summary>
public sealed class TriageRun(EnvironmentContext context, LogStore logs, OfflineAnalyst analyst, TimeProvider time,
    TechniqueMapper? mapper = null, EnrichmentView? enrichment = null)
{
    /// <summary>Suppression rules, the dedup window and the flood cap.</summary>
    public CorrelationOptions Correlation { get; init; } = CorrelationOptions.Default;

    /// <summary>Where per-user baselines come from (default: computed from the in-memory log store).</summary>
    public IUserBaselineSource? Baselines { get; init; }

    /// <summary>What assessing an incident needs; one per run.</summary>
    internal sealed record Stages(EnvironmentContext Context, LogStore Logs, OfflineAnalyst Analyst, TechniqueMapper? Mapper,
        EnrichmentView Enrichment, BaselineCache Baselines);

    internal Stages NewStages() => new(context, logs, analyst, mapper, enrichment ?? EnrichmentView.None, new BaselineCache(Baselines));

    internal EnrichmentView Enrichment => enrichment ?? EnrichmentView.None;

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
        var stages = NewStages();
        var done = prefilter.Suppressed.Count;
        foreach (var incident in TriageOrder.Incidents(incidents))
        {
            var work = new IncidentWork(incident, stages);
            foreach (var alert in work.Representative is { } one ? [one] : TriageOrder.Alerts(incident.Alerts))
            {
                byAlert[alert] = work.Assess(alert);
                order.Add(alert.Id);
            }
            if (work.Representative is { } representative)
            {
                foreach (var alert in incident.Alerts.Where(a => !ReferenceEquals(a, representative)))
                    byAlert[alert] = byAlert[representative] with { AssessedWith = representative.Id };
            }
            outcomes[incident] = work.Finish();
            done += incident.Alerts.Sum(a => 1 + (prefilter.Dedup.Duplicates.TryGetValue(a, out var repeats) ? repeats.Count : 0));
            progress?.Report(done);
        }
        var view = Enrichment;
        AlertOutcome OutcomeOf(ParseResult<Alert> r)
        {
            if (!r.Success) return Outcome(r, null, null, null, null, view);
            var alert = r.Value!;
            if (prefilter.Suppressed.TryGetValue(alert, out var rule)) return Outcome(r, rule, null, null, null, view);
            var primary = prefilter.Dedup.DuplicateOf.GetValueOrDefault(alert);
            return Outcome(r, null, primary, prefilter.Dedup.Duplicates.GetValueOrDefault(alert)?.Select(d => d.Id), byAlert[primary ?? alert], view);
        }
        return new TriageResult([.. inputs.Select(OutcomeOf)], [.. incidents.Select(i => outcomes[i])], logErrors, logs.Count, time.GetUtcNow())
        {
            EnrichmentNotes = view.Notes,
            AssessmentOrder = order,
        };
    }

    /// <summary>
    /// The second pass of a run too large to hold (<see cref="TriagePlan"/> was the first): <paramref name="records"/> must
    /// be the same records again. Outcomes come out in input order, each incident's right after its last alert's.
    /// </summary>
    public IEnumerable<TriageEvent> Stream(TriagePlan plan, IEnumerable<ParseResult<Alert>> records, IProgress<int>? progress = null) =>
        new TriageStream(this, plan).Events(records, progress);

    /// <summary>What became of one record, given what correlation decided about it and the verdict it shares.</summary>
    internal static AlertOutcome Outcome(ParseResult<Alert> record, SuppressionRule? suppressedBy, Alert? primary, IEnumerable<string>? duplicateIds,
        AlertVerdict? verdict, EnrichmentView view)
    {
        if (!record.Success) return new AlertOutcome(null, record.Error, null, null, null);
        var alert = record.Value!;
        if (suppressedBy is { } rule)
        {
            var reason = $"Suppressed by rule '{rule.Id}' (owner {rule.Owner}, expires {rule.Expires:yyyy-MM-dd}): {rule.Reason.TrimEnd('.')}. Not analysed.";
            return new AlertOutcome(alert, null, null, null, new DecisionResult(Decision.AutoClose, reason))
            {
                Intel = [.. view.Findings(alert)],
                Suppressed = SuppressionMark.From(rule),
            };
        }
        var v = verdict!;
        var decision = primary is null ? v.Decision : v.Decision with { Reason = $"Duplicate of {primary.Id} (same rule and entities): {v.Decision.Reason}" };
        return new AlertOutcome(alert, null, v.IncidentId, v.Assessment, decision)
        {
            Intel = [.. view.Findings(alert)],
            DuplicateOf = primary?.Id,
            DuplicateIds = duplicateIds?.ToList(),
            Overflow = v.Overflow,
            AssessedWith = v.AssessedWith,
        };
    }
}
