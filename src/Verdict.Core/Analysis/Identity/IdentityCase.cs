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

    /// <summary>Intel and inventory results for the alerts' entities (none when enrichment did not run).</summary>
    public EnrichmentView Enrichment { get; init; } = EnrichmentView.None;

    /// <summary>Privileged in the context file or in the user directory.</summary>
    public bool IsPrivileged => Context.IsPrivileged(User) || Enrichment.Inventory.FindUser(User)?.Privileged == true;

    /// <summary>
    /// The case for a user's alerts: their activity from <see cref="AnalystOptions.Lookback"/> before the first alert
    /// to <see cref="AnalystOptions.Lookahead"/> after the last (the whole local day for date-only alerts), and the
    /// baseline from everything before the alert day, so the day under review never counts towards its own "usual".
    /// </summary>
    public static IdentityCase Build(string? user, IReadOnlyList<Alert> alerts, LogStore logs, EnvironmentContext context, AnalystOptions options,
        BaselineCache? baselines = null)
    {
        var timed = alerts.Where(a => a.Time is not null).ToList();
        var (from, to) = timed.Count == 0 ? (DateTimeOffset.MinValue, DateTimeOffset.MinValue) : (
            timed.Min(a => a.TimePrecision == TimePrecision.Day ? a.Time!.Value : a.Time!.Value - options.Lookback),
            timed.Max(a => a.TimePrecision == TimePrecision.Day ? a.Time!.Value.AddDays(1) : a.Time!.Value + options.Lookahead));
        var history = logs.For(user);
        var cutoff = timed.Count == 0 ? from : Ingest.TimeText.InZone(context.ToLocal(from).Date, context.TimeZone);
        var baseline = user is null || history.Count == 0 ? null
            : baselines?.Get(user, history, cutoff, context) ?? UserBaseline.Build(user, history, cutoff, context);
        return new IdentityCase(user, alerts, from, to, [.. logs.Between(user, from, to)], history, baseline, context);
    }

    public IEnumerable<LogEvent> Successes => Window.Where(e => e.Success);

    /// <summary>True for addresses whose activity is not the user's own location or behaviour.</summary>
    public bool IsInfrastructure(string? ip) => Context.VpnEgress.Contains(ip) || Context.KnownScanners.Contains(ip);

    /// <summary>
    /// True for a login from far outside the organisation's time zone (solar time from the longitude differs by
    /// 3 h or more). Its hour says nothing about the user: a traveller and an attacker abroad both log in by day.
    /// </summary>
    public bool IsFarAway(LogEvent e) =>
        e.Longitude is { } lon && Math.Abs((e.Time.UtcDateTime.AddHours(lon / 15) - Context.ToLocal(e.Time)).TotalHours) >= 3;

    public string Local(DateTimeOffset t) => Context.ToLocal(t).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string LocalDay(DateTimeOffset t) => Context.ToLocal(t).ToString("ddd yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
