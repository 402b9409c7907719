using Verdict.Alerts;

namespace Verdict.Correlation;

/// <summary>
/// Groups alerts into incidents: the same user (else the same source IP, else the same host) with no more
/// than <c>gap</c> between consecutive alerts. Alerts with no time group with nothing. Incident IDs follow
/// the input order of each incident's first alert, so a re-run gives the same IDs.
/// </summary>
public static class IncidentGrouper
{
    public static List<Incident> Group(IReadOnlyList<Alert> alerts, TimeSpan gap, bool perAlert = false)
    {
        var groups = new List<List<int>>();
        if (perAlert)
        {
            groups.AddRange(Enumerable.Range(0, alerts.Count).Select(i => new List<int> { i }));
        }
        else
        {
            foreach (var byKey in Enumerable.Range(0, alerts.Count).GroupBy(i => Key(alerts[i])))
            {
                List<int>? current = null;
                DateTimeOffset? lastTime = null;
                foreach (var i in byKey.OrderBy(i => alerts[i].Time ?? DateTimeOffset.MaxValue).ThenBy(i => i))
                {
                    var t = alerts[i].Time;
                    if (current is null || t is null || lastTime is null || t.Value - lastTime.Value > gap)
                    {
                        current = [];
                        groups.Add(current);
                    }
                    current.Add(i);
                    lastTime = t;
                }
            }
        }
        var ordered = groups.Select(g => g.Order().ToList()).OrderBy(g => g[0]).ToList();
        return [.. ordered.Select((g, n) => new Incident($"INC-{n + 1:D4}", Key(alerts[g[0]]), [.. g.Select(i => alerts[i])]))];
    }

    private static string Key(Alert a) =>
        a.User is not null ? $"user:{a.User}"
        : a.SourceIp is not null ? $"ip:{a.SourceIp}"
        : a.Host is not null ? $"host:{a.Host}"
        : $"alert:{a.Id}";
}
