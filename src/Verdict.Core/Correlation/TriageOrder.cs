using Verdict.Alerts;

namespace Verdict.Correlation;

/// <summary>
/// The order analysis runs in: the most severe first by the detector's own severity (critical first; an alert without
/// one counts as medium), ties in input order. Output order does not change: briefs stay in input order.
/// </summary>
public static class TriageOrder
{
    public static Severity Rank(Alert a) => a.DetectorSeverity ?? Severity.Medium;

    public static IEnumerable<Incident> Incidents(IReadOnlyList<Incident> incidents) =>
        incidents.Select((incident, i) => (incident, i)).OrderByDescending(x => x.incident.Alerts.Max(Rank)).ThenBy(x => x.i).Select(x => x.incident);

    public static IEnumerable<Alert> Alerts(IReadOnlyList<Alert> alerts) =>
        alerts.Select((alert, i) => (alert, i)).OrderByDescending(x => Rank(x.alert)).ThenBy(x => x.i).Select(x => x.alert);
}
