using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Identity;
using Verdict.Correlation;
using Verdict.Enrichment;
using Verdict.Policy;

namespace Verdict.Pipeline;

/// <summary>How one alert was judged: by itself, or on behalf of a flood (then <see cref="AssessedWith"/> names the alert analysed).</summary>
internal sealed record AlertVerdict(string IncidentId, Assessment Assessment, DecisionResult Decision, bool Overflow, string? AssessedWith = null)
{
    public int Rank => DecisionPolicy.Rank(Assessment, Decision);
}

/// <summary>
/// One incident being triaged. Each user's case (activity window, baseline, activity evidence) is built once, from the
/// incident's alerts as correlation saw them (their users and times are all it needs), the first time one of that user's
/// alerts is assessed; each alert is then assessed in full on its own within that case. An overflow incident is assessed
/// once, on its most severe alert (<see cref="Representative"/>), on behalf of all. Safe to call from several threads.
/// </summary>
internal sealed class IncidentWork(Incident incident, TriageRun.Stages stages)
{
    private readonly Dictionary<string, (IdentityCase Case, IReadOnlyList<Evidence> Activity)> _cases = new(StringComparer.Ordinal);
    private AlertVerdict? _worst;

    public Incident Incident => incident;

    /// <summary>In an overflow incident, the one alert analysed for all; otherwise null (each alert is analysed).</summary>
    public Alert? Representative { get; } = incident.Overflow ? TriageOrder.Alerts(incident.Alerts).First() : null;

    public AlertVerdict Assess(Alert alert)
    {
        var (userCase, activity) = CaseFor(alert.User);
        var assessment = stages.Analyst.Assess(userCase with { Alerts = [alert] }, activity);
        if (stages.Mapper is not null) assessment = assessment with { Techniques = stages.Mapper.ForBrief(alert) };
        var verdict = new AlertVerdict(incident.Id, assessment, DecisionPolicy.Decide(assessment), incident.Overflow);
        lock (_cases)
        {
            if (_worst is null || verdict.Rank > _worst.Rank) _worst = verdict;
        }
        return verdict;
    }

    /// <summary>The incident's outcome: its worst alert's verdict, the story of its users' activity and alerts.</summary>
    public IncidentOutcome Finish()
    {
        var cases = _cases.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value.Case).ToList();
        var timeline = cases.SelectMany(Timeline.Build).OrderBy(t => t.Time).ToList();
        if (timeline.Count > Timeline.MaxEntries) timeline = [.. timeline.Take(Timeline.MaxEntries / 2), .. timeline.TakeLast(Timeline.MaxEntries / 2)];
        if (Representative is not null)
        {
            timeline.Insert(0, new TimelineEntry(incident.First ?? default, incident.Last, "alert",
                $"FLOOD: {incident.Alerts.Count} '{incident.Alerts[0].Rule}' alerts collapsed into this incident; {Representative.Id} was analysed for all"));
        }
        var first = Representative ?? incident.Alerts[0];
        return new IncidentOutcome(incident, _worst!.Assessment, _worst.Decision, timeline, _cases.GetValueOrDefault(first.User ?? "").Case?.Baseline);
    }

    private (IdentityCase, IReadOnlyList<Evidence>) CaseFor(string? user)
    {
        lock (_cases)
        {
            if (_cases.TryGetValue(user ?? "", out var built)) return built;
            var alerts = Representative is not null ? [Representative] : incident.Alerts.Where(a => a.User == user).ToList();
            var userCase = IdentityCase.Build(user, alerts, stages.Logs, stages.Context, stages.Analyst.Options, stages.Baselines)
                with { Enrichment = stages.Enrichment };
            return _cases[user ?? ""] = (userCase, IdentityDetectors.ForActivity(userCase, stages.Analyst.Options));
        }
    }
}
