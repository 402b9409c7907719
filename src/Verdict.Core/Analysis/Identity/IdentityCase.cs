using Verdict.Alerts;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;

namespace Verdict.Analysis.Identity;

/// <summary>Everything the identity detectors look at for one user: the alerts, the activity around them, the baseline before.</summary>
public sealed record IdentityCase(
    string? User,
    IReadOnlyList<Alert> Alerts,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<LogEvent> Window,
    IReadOnlyList<LogEvent> History,
    UserBaseline? Baseline,
    EnvironmentContext Context)
{
    public string Who => User ?? "the account";

    public IEnumerable<LogEvent> Successes => Window.Where(e => e.Success);

    /// <summary>True for addresses whose activity is not the user's own location or behaviour.</summary>
    public bool IsInfrastructure(string? ip) => Context.VpnEgress.Contains(ip) || Context.KnownScanners.Contains(ip);

    /// <summary>
    /// The wall-clock time where the user was: the organisation's zone, or, for a login far from it, solar time
    /// from the longitude (within an hour of the real zone, enough to tell 11:00 from 03:00).
    /// </summary>
    public DateTime WallClock(LogEvent e)
    {
        var org = Context.ToLocal(e.Time);
        if (e.Longitude is not { } lon) return org;
        var solar = e.Time.UtcDateTime.AddHours(Math.Round(lon / 15));
        return Math.Abs((solar - org).TotalHours) >= 3 ? solar : org;
    }

    public string Local(DateTimeOffset t) => Context.ToLocal(t).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string LocalDay(DateTimeOffset t) => Context.ToLocal(t).ToString("ddd yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
