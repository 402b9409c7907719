using Verdict.Analysis.Identity;
using Verdict.Logs;

namespace Verdict.Correlation;

/// <summary>Builds an incident's story from the user's activity and the alerts, folding bursts of failures into one line.</summary>
public static class Timeline
{
    public const int MaxEntries = 60;

    public static List<TimelineEntry> Build(IdentityCase c)
    {
        var entries = new List<TimelineEntry>();
        var events = c.Window;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!e.Success)
            {
                var j = i;
                while (j + 1 < events.Count && !events[j + 1].Success && events[j + 1].Ip == e.Ip) j++;
                var n = j - i + 1;
                var text = n == 1 ? $"failed login from {Where(e)}" : $"{n} failed logins from {Where(e)}";
                entries.Add(new(e.Time, n == 1 ? null : events[j].Time, "log", text));
                i = j;
                continue;
            }
            var tags = new List<string>();
            if (c.Baseline?.HasHistory == true && e.Ip is not null && !c.Baseline.Ips.ContainsKey(e.Ip)) tags.Add("new address");
            if (c.Baseline?.HasHistory == true && e.Country is not null && !c.Baseline.Countries.ContainsKey(e.Country)) tags.Add("new country");
            if (c.Context.VpnEgress.Contains(e.Ip)) tags.Add("corporate VPN");
            entries.Add(new(e.Time, null, "log", $"successful login from {Where(e)}" + (tags.Count > 0 ? $" [{string.Join(", ", tags)}]" : "")));
        }
        foreach (var a in c.Alerts.Where(a => a.Time is not null))
        {
            entries.Add(new(a.Time!.Value, null, "alert", $"ALERT {a.Id}: {a.Rule}" + (a.Description.Length > 0 ? $" - {a.Description}" : "")));
        }
        entries.Sort((x, y) => x.Time.CompareTo(y.Time));
        return entries.Count <= MaxEntries ? entries : [.. entries.Take(MaxEntries / 2), .. entries.TakeLast(MaxEntries / 2)];
    }

    private static string Where(LogEvent e) => $"{e.Ip ?? "unknown address"} ({e.Place})" + (e.Host is null ? "" : $" to {e.Host}");
}
