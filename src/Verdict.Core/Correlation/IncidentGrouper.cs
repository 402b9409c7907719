using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Correlation;

/// <summary>
/// Groups alerts into incidents. Two alerts belong together when they share a key entity (user, host, source IP or file
/// hash) and are no more than <c>gap</c> apart; incidents are the connected groups (union-find), so a chain of alerts
/// linked by different entities is one incident. Alerts with no time group with nothing. Before that, floods (too many
/// alerts of one rule too fast, see <see cref="FloodCap"/>) each become one overflow incident. Incident IDs follow the
/// input order of each incident's first alert, so a re-run gives the same IDs.
/// </summary>
public static class IncidentGrouper
{
    public static List<Incident> Group(IReadOnlyList<Alert> alerts, TimeSpan gap, bool perAlert = false) =>
        Group(alerts, gap, perAlert, new FloodOptions { Threshold = 0 });

    /// <param name="sharedIps">Addresses many unrelated users share (corporate VPN exits): they link nothing.</param>
    public static List<Incident> Group(IReadOnlyList<Alert> alerts, TimeSpan gap, bool perAlert, FloodOptions flood, IpRangeSet? sharedIps = null)
    {
        var position = new Dictionary<Alert, int>(alerts.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < alerts.Count; i++) position.TryAdd(alerts[i], i);
        if (perAlert) return Number(alerts.Select(a => (IReadOnlyList<Alert>)[a]), position, overflow: new(ReferenceEqualityComparer.Instance));
        var (floods, rest) = FloodCap.Split(alerts, flood);
        var sets = new UnionFind(rest.Count);
        foreach (var byEntity in LinkKeys(rest, sharedIps ?? IpRangeSet.Empty).GroupBy(k => k.Key, k => k.Index, StringComparer.Ordinal))
        {
            var order = byEntity.Distinct().OrderBy(i => rest[i].Time!.Value).ToArray();
            for (var k = 1; k < order.Length; k++)
            {
                if (rest[order[k]].Time!.Value - rest[order[k - 1]].Time!.Value <= gap) sets.Union(order[k - 1], order[k]);
            }
        }
        var groups = Enumerable.Range(0, rest.Count).GroupBy(sets.Find).Select(g => (IReadOnlyList<Alert>)[.. g.Select(i => rest[i])]);
        var overflow = floods.Select(f => f.Alerts).ToList();
        return Number([.. groups, .. overflow], position, new HashSet<IReadOnlyList<Alert>>(overflow, ReferenceEqualityComparer.Instance));
    }

    /// <summary>Orders groups by the input position of their first alert and numbers them.</summary>
    private static List<Incident> Number(IEnumerable<IReadOnlyList<Alert>> groups, Dictionary<Alert, int> position, HashSet<IReadOnlyList<Alert>> overflow)
    {
        return [.. groups.OrderBy(g => position[g[0]])
            .Select((g, n) => new Incident($"INC-{n + 1:D4}", overflow.Contains(g) ? $"rule:{g[0].Rule}" : Key(g[0]), g) { Overflow = overflow.Contains(g) })];
    }

    /// <summary>The entities an alert can share with another: its user, host, source IP and file hashes.</summary>
    private static IEnumerable<(string Key, int Index)> LinkKeys(List<Alert> alerts, IpRangeSet sharedIps)
    {
        for (var i = 0; i < alerts.Count; i++)
        {
            var a = alerts[i];
            if (a.Time is null) continue;
            if (a.User is not null) yield return ($"user:{a.User}", i);
            if (a.Host is not null) yield return ($"host:{a.Host}", i);
            if (a.SourceIp is not null && !sharedIps.Contains(a.SourceIp)) yield return ($"ip:{a.SourceIp}", i);
            foreach (var hash in a.Entities.Where(e => e.Kind == EntityKind.FileHash)) yield return ($"hash:{hash.Value}", i);
        }
    }

    private static string Key(Alert a) =>
        a.User is not null ? $"user:{a.User}"
        : a.SourceIp is not null ? $"ip:{a.SourceIp}"
        : a.Host is not null ? $"host:{a.Host}"
        : $"alert:{a.Id}";

    private sealed class UnionFind(int n)
    {
        private readonly int[] _parent = [.. Enumerable.Range(0, n)];

        public int Find(int i)
        {
            while (_parent[i] != i) i = _parent[i] = _parent[_parent[i]];
            return i;
        }

        public void Union(int a, int b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
