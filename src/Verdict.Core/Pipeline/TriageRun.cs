using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Analysis;
using Verdict.Analysis.Identity;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Policy;

namespace Verdict.Pipeline;

/// <summary>
/// Wires the stages: alerts and errors in, incidents grouped, each incident's user activity read once,
/// every alert assessed and decided. One record in means one outcome out.
/// </summary>
public sealed class TriageRun(EnvironmentContext context, LogStore logs, OfflineAnalyst analyst, TimeProvider time,
    TechniqueMapper? mapper = null, EnrichmentView? enrichment = null)
{
    public TriageResult Run(IEnumerable<ParseResult<Alert>> records, IReadOnlyList<InputError> logErrors,
        bool perAlert = false, IProgress<int>? progress = null)
    {
        var inputs = records.ToList();
        var alerts = inputs.Where(r => r.Success).Select(r => r.Value!).ToList();
        var incidents = IncidentGrouper.Group(alerts, analyst.Options.IncidentGap, perAlert);
        var byAlert = new Dictionary<Alert, (string IncidentId, Assessment Assessment, DecisionResult Decision)>(ReferenceEqualityComparer.Instance);
        var incidentOutcomes = new List<IncidentOutcome>(incidents.Count);
        var done = 0;
        var baselines = new BaselineCache();
        foreach (var incident in incidents)
        {
            var incidentCase = IdentityCase.Build(incident.User, incident.Alerts, logs, context, analyst.Options, baselines) with { Enrichment = enrichment ?? EnrichmentView.None };
            var activity = IdentityDetectors.ForActivity(incidentCase, analyst.Options);
            (Assessment, DecisionResult)? worst = null;
            foreach (var alert in incident.Alerts)
            {
                var assessment = analyst.Assess(incidentCase with { Alerts = [alert] }, activity);
                if (mapper is not null) assessment = assessment with { Techniques = mapper.ForBrief(alert) };
                var decision = DecisionPolicy.Decide(assessment);
                byAlert[alert] = (incident.Id, assessment, decision);
                if (worst is null || Rank(assessment, decision) > Rank(worst.Value.Item1, worst.Value.Item2)) worst = (assessment, decision);
                progress?.Report(++done);
            }
            incidentOutcomes.Add(new IncidentOutcome(incident, worst!.Value.Item1, worst.Value.Item2, Timeline.Build(incidentCase), incidentCase.Baseline));
        }
        var outcomes = inputs.Select(r => r.Success
            ? new AlertOutcome(r.Value, null, byAlert[r.Value!].IncidentId, byAlert[r.Value!].Assessment, byAlert[r.Value!].Decision)
            {
                Intel = [.. (enrichment ?? EnrichmentView.None).Findings(r.Value!)],
            }
            : new AlertOutcome(null, r.Error, null, null, null)).ToList();
        return new TriageResult(outcomes, incidentOutcomes, logErrors, logs.Count, time.GetUtcNow())
        {
            EnrichmentNotes = (enrichment ?? EnrichmentView.None).Notes,
        };
    }

    private static int Rank(Assessment a, DecisionResult d) =>
        (d.Decision switch { Decision.Escalate => 200, Decision.Monitor => 100, _ => 0 }) + (int)a.Severity * 10 + (int)a.Classification;
}
