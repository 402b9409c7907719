using System.Text;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Ingest;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// Which case a triaged alert joins: the CLI's incident grouping (<see cref="IncidentGrouper"/>: a shared user, host,
/// source IP or file hash within the gap, chained; VPN egress addresses link nothing) over the alert and the alerts of
/// open cases near it in time. It joins the case of the earliest alert it groups with, or starts a new one.
/// </summary>
public static class CaseGrouping
{
    /// <summary>Alerts of open cases considered for one new alert, at most.</summary>
    public const int MaxCandidates = 200;

    public static async Task<TriagedAlert> GroupAsync(VerdictStore store, EnvironmentContext context, TriagedAlert triaged, Alert? alert, TimeSpan gap,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(triaged);
        if (alert?.Time is not { } seen) return triaged with { Grouped = true };
        var candidates = await store.OpenCaseAlertsAsync(seen - gap, seen + gap, MaxCandidates, cancellationToken);
        var caseOf = new Dictionary<Alert, string>(ReferenceEqualityComparer.Instance);
        foreach (var (id, caseId, payload) in candidates)
        {
            var parsed = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(payload)), "alert " + id, context).Where(r => r.Success).Select(r => r.Value);
            if (parsed.FirstOrDefault() is { } other) caseOf[other] = caseId;
        }
        var incidents = IncidentGrouper.Group([alert, .. caseOf.Keys], gap, perAlert: false, new FloodOptions { Threshold = 0 }, context.VpnEgress);
        var mine = incidents.First(i => i.Alerts.Contains(alert, ReferenceEqualityComparer.Instance));
        var join = mine.Alerts.Where(caseOf.ContainsKey).OrderBy(a => a.Time).Select(a => caseOf[a]).FirstOrDefault();
        return triaged with { Grouped = true, JoinCase = join };
    }
}
