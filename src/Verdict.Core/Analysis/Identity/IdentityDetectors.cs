using System.Globalization;
using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Logs;

namespace Verdict.Analysis.Identity;

/// <summary>
/// Evidence from authentication activity: brute force and what followed it, where the user logged in from,
/// how fast they would have travelled, when, how often, and from which addresses. Each detector reads the
/// user's activity around the alerts and the baseline before it, and says what it saw in plain words.
/// </summary>
public static class IdentityDetectors
{
    private const string Logs = "activity logs";
    private const string ContextFile = "context file";
    private const string Src = "alert";

    /// <summary>What the alerts themselves say: source addresses, the detector's severity, who the account is.</summary>
    public static List<Evidence> ForAlerts(IdentityCase c)
    {
        var evidence = new List<Evidence>();
        AlertIndicators(c, evidence);
        IdentityAlertContext.Add(c, evidence);
        IdentityAlertSignals.Add(c, evidence);
        IdentityAlertPosture.Add(c, evidence);
        IdentityVendorVerdict.Add(c, evidence);
        IdentityDirectoryActivity.Add(c, evidence);
        IdentityWindowsLogon.Add(c, evidence);
        IdentityMaintenance.Add(c, evidence);
        IdentityMaintenance.AddInHours(c, evidence);
        IdentityAdminAction.Add(c, evidence);
        IdentityMistypedCredentials.Add(c, evidence);
        IdentityProductEvidence.Add(c, evidence);
        return evidence;
    }

    /// <summary>What the user's activity says. It depends only on the case's window, so an incident computes it once for all its alerts.</summary>
    public static List<Evidence> ForActivity(IdentityCase c, AnalystOptions o)
    {
        var evidence = new List<Evidence>();
        if (c.Window.Count == 0)
        {
            evidence.Add(new("no_activity", c.Baseline?.HasHistory == true
                ? $"No activity for {c.Who} in the logs around the alert time"
                : $"No activity history for {c.Who} in the logs provided; the alert could not be checked against behaviour",
                Leaning.Context, 0, Logs));
            return evidence;
        }
        Failures(c, o, evidence);
        Locations(c, evidence);
        Travel(c, o, evidence);
        Hours(c, evidence);
        Volume(c, evidence);
        Addresses(c, evidence);
        return evidence;
    }

    /// <summary>What the alert itself says: its source address and the detector's severity.</summary>
    private static void AlertIndicators(IdentityCase c, List<Evidence> evidence)
    {
        foreach (var alert in c.Alerts)
        {
            var ip = IdentitySignIn.SourceIp(alert);
            if (c.Context.KnownScanners.Contains(ip) && !CommonEvidence.ScannerNeverDoes().IsMatch(alert.Rule) && IdentityWindowsLogon.AttackHost(alert) is null)
                evidence.Add(new("scanner", $"Source {ip} is a known vulnerability scanner listed in the context file", Leaning.Benign, 3.0, ContextFile));
            else if (c.Context.VpnEgress.Contains(ip) && c.IsPrivileged && c.Window.Count == 0 && IdentitySignIn.Read(alert).Succeeded != false) // a failure gained nothing
                evidence.Add(new("vpn_egress_privileged", $"Source {ip} is the corporate VPN egress, which hides where {c.Who}, a privileged account, really is: its unusual sign-in still needs confirming with the admin", Leaning.Context, 0, ContextFile));
            else if (c.Context.VpnEgress.Contains(ip))
                evidence.Add(new("vpn_egress", $"Source {ip} is the corporate VPN egress; its location is the VPN's, not the user's", Leaning.Benign, 3.0, ContextFile));
            else if (c.Context.BadIps.Contains(ip) && IdentityRefusedAttempt.Applies(c, alert))
                evidence.Add(new("bad_ip", $"Source {ip} is listed as a known-bad or anonymising address, and the identity provider refused it", Leaning.Malicious, 1.0, ContextFile));
            else if (c.Context.BadIps.Contains(ip))
                evidence.Add(new("bad_ip", $"Source {ip} is listed as a known-bad or anonymising address", Leaning.Malicious, 3.0, ContextFile, Strong: true));
            if (IdentityRefusedAttempt.Applies(c, alert)) evidence.Add(IdentityRefusedAttempt.Refused(c, alert));
            if (CommonEvidence.BadAddressInCommand(alert, c.Context) is { } badCommand) evidence.Add(badCommand);
        }
        foreach (var departed in c.Alerts.Select(a => CommonEvidence.DepartedUserActive(a, c.Context, IdentitySignIn.Read(a).Succeeded)).OfType<Evidence>()
            .OrderByDescending(e => e.Strong).Take(1))
            evidence.Add(departed);
        if (CommonEvidence.DetectorRating(c.Alerts.Max(a => a.DetectorSeverity)) is { } rating) evidence.Add(rating);
        foreach (var named in c.Alerts.Select(a => CommonEvidence.RuleNamesThreat(a.Rule)).OfType<Evidence>().Take(1)) evidence.Add(named);
        if (c.IsPrivileged)
            evidence.Add(new("privileged", $"{c.Who} is a privileged account: a compromise would be severe", Leaning.Context, 0, ContextFile));
        if (c.Alerts.Any(IdentitySignIn.Departed))
            evidence.Add(new("departed_user", $"The alert says {c.Who} belongs to someone who has left (terminated, end date passed): nobody should be signing in with it, wherever from",
                Leaning.Malicious, 1.5, Src));
        if ((c.User is { } user && IdentitySignIn.BreakGlass().IsMatch(user)) || c.Alerts.Any(a => IdentitySignIn.BreakGlass().IsMatch(a.Rule)))
            evidence.Add(new("break_glass", $"{c.Who} is an emergency-access (break-glass) account: it is kept for when normal admin sign-in fails, so every use must be confirmed with its owner, however strong the factor",
                Leaning.Malicious, 1.5, ContextFile, Strong: true));
        if (c.Context.IsVip(c.User))
            evidence.Add(new("vip", $"{c.Who} is a VIP account, a frequent target", Leaning.Context, 0, ContextFile));
    }

    private static void Failures(IdentityCase c, AnalystOptions o, List<Evidence> evidence)
    {
        var failures = c.Window.Where(e => !e.Success).ToList();
        if (failures.Count == 0) return;

        var scanner = failures.Where(e => c.Context.KnownScanners.Contains(e.Ip)).ToList();
        if (scanner.Count > 0)
            evidence.Add(new("scanner", $"{scanner.Count} failed logins came from known scanner {scanner[0].Ip} between {c.Local(scanner[0].Time)} and {c.Local(scanner[^1].Time)}", Leaning.Benign, 3.0, Logs));

        var bursts = failures.Where(e => !c.Context.KnownScanners.Contains(e.Ip)).GroupBy(e => e.Ip ?? "an unknown address")
            .Select(g => Burst([.. g], o.BurstWindow)).Where(b => b.Count >= o.BurstFailures).ToList();
        if (bursts.Count > 0)
        {
            var burst = bursts.MaxBy(b => b.Count);
            var ip = burst.First.Ip ?? "an unknown address";
            var novelty = c.Baseline?.HasHistory == true && !c.Baseline.Ips.ContainsKey(ip) ? ", an address never seen for this user" : "";
            var minutes = Math.Max(1, (int)Math.Round((burst.Last.Time - burst.First.Time).TotalMinutes));
            evidence.Add(new("brute_force",
                $"{burst.Count} failed logins from {ip} ({burst.First.Place}{novelty}) between {c.Local(burst.First.Time)} and {c.Local(burst.Last.Time)} ({minutes} min)",
                Leaning.Malicious, 2.0, Logs));
            var after = c.Successes.FirstOrDefault(e => e.Time > burst.First.Time && e.Time <= burst.First.Time + o.SuccessAfterBurst);
            if (after is null) return;
            var gap = (int)Math.Round((after.Time - burst.First.Time).TotalMinutes);
            if (after.Ip == burst.First.Ip)
                evidence.Add(new("brute_force_then_success", $"Then a successful login from the same address {ip} at {c.Local(after.Time)}, {gap} minutes after the first failure: the guessing worked", Leaning.Malicious, 3.5, Logs, Strong: true));
            else
                evidence.Add(new("success_after_failures", $"A successful login from {after.Ip} at {c.Local(after.Time)}, {gap} minutes after the failures began", Leaning.Malicious, 1.0, Logs));
            return;
        }

        foreach (var group in failures.Where(e => !c.Context.KnownScanners.Contains(e.Ip)).GroupBy(e => e.Ip))
        {
            var first = group.First();
            var success = c.Successes.FirstOrDefault(e => e.Ip == first.Ip && e.Time > first.Time && e.Time <= group.Last().Time + o.TypoWindow);
            var known = first.Ip is not null && (c.Baseline?.Ips.ContainsKey(first.Ip) == true || c.IsInfrastructure(first.Ip));
            if (success is not null && known && group.Count() <= o.TypoMaxFailures)
            {
                var minutes = Math.Max(1, (int)Math.Round((success.Time - first.Time).TotalMinutes));
                evidence.Add(new("password_typo", $"{group.Count()} failed attempts then a success from {first.Ip}, an address {c.Who} uses, within {minutes} min: consistent with a mistyped password", Leaning.Benign, 2.0, Logs));
            }
            else if (!known && success is null)
            {
                evidence.Add(new("failed_from_unknown_ip", $"{group.Count()} failed logins from {first.Ip ?? "an unknown address"} ({first.Place}), never seen for {c.Who}, with no success", Leaning.Malicious, 0.5, Logs));
            }
        }
    }

    /// <summary>The largest number of events inside any sliding window, with its first and last event.</summary>
    private static (int Count, LogEvent First, LogEvent Last) Burst(List<LogEvent> events, TimeSpan window)
    {
        (int Count, LogEvent First, LogEvent Last) best = (0, events[0], events[0]);
        for (int start = 0, end = 0; end < events.Count; end++)
        {
            while (events[end].Time - events[start].Time > window) start++;
            if (end - start + 1 > best.Count) best = (end - start + 1, events[start], events[end]);
        }
        return best;
    }

    private static void Locations(IdentityCase c, List<Evidence> evidence)
    {
        var seenCountries = new HashSet<string>();
        foreach (var e in c.Successes)
        {
            if (c.IsInfrastructure(e.Ip))
            {
                if (c.Context.VpnEgress.Contains(e.Ip))
                    evidence.Add(new("vpn_egress", $"Login at {c.Local(e.Time)} came through the corporate VPN egress {e.Ip} ({e.Place}); its location is the VPN's, not the user's", Leaning.Benign, 3.0, ContextFile));
                continue;
            }
            if (c.Context.BadIps.Contains(e.Ip))
                evidence.Add(new("bad_ip", $"Successful login at {c.Local(e.Time)} from {e.Ip} ({e.Place}), listed as a known-bad or anonymising address", Leaning.Malicious, 3.0, ContextFile, Strong: true));
            if (e.Country is null || c.Baseline?.HasHistory != true || c.Baseline.Countries.ContainsKey(e.Country) || !seenCountries.Add(e.Country)) continue;

            var usual = c.Context.UsualCountries.Contains(e.Country);
            evidence.Add(new("new_country",
                $"First login ever from {e.Place} at {c.Local(e.Time)} on {c.LocalDay(e.Time)}; {c.Who} had only logged in from {string.Join(", ", c.Baseline.Countries.Keys)}" + (usual ? "" : $", and {e.Country} is not one of {c.Context.Organization}'s usual countries"),
                Leaning.Malicious, usual ? 0.5 : 1.5, Logs));
            if (c.Context.TravelApproval(c.User ?? "", e.Country, e.Time) is { } trip)
                evidence.Add(new("approved_travel", $"Travel to {e.Country} is approved for {c.Who} from {trip.From:yyyy-MM-dd} to {trip.To:yyyy-MM-dd}" + (trip.Note.Length > 0 ? $" ({trip.Note})" : ""), Leaning.Benign, 3.0, ContextFile));
        }
    }

    private static void Travel(IdentityCase c, AnalystOptions o, List<Evidence> evidence)
    {
        var points = c.Successes.Where(e => e.HasCoordinates && !c.IsInfrastructure(e.Ip)).ToList();
        if (c.Baseline?.LastSuccess is { HasCoordinates: true } last && !c.IsInfrastructure(last.Ip)) points.Insert(0, last);
        (double Speed, double Km, LogEvent A, LogEvent B)? worst = null;
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            var km = Geo.DistanceKm(a.Latitude!.Value, a.Longitude!.Value, b.Latitude!.Value, b.Longitude!.Value);
            if (km < o.MinTravelKm) continue;
            var speed = km / Math.Max((b.Time - a.Time).TotalHours, 1.0 / 60);
            if (worst is null || speed > worst.Value.Speed) worst = (speed, km, a, b);
        }
        if (worst is not { } w) return;
        var duration = w.B.Time - w.A.Time;
        var span = duration.TotalHours >= 2 ? $"{duration.TotalHours:F0} h" : $"{duration.TotalMinutes:F0} min";
        var text = $"Logins from {w.A.Place} at {c.Local(w.A.Time)} and {w.B.Place} at {c.Local(w.B.Time)}{(c.Context.ToLocal(w.A.Time).Date != c.Context.ToLocal(w.B.Time).Date ? $" on {c.LocalDay(w.B.Time)}" : "")}: {w.Km.ToString("N0", CultureInfo.InvariantCulture)} km in {span}";
        if (w.Speed > o.ImpossibleSpeedKmh)
            evidence.Add(new("impossible_travel", $"{text} ({w.Speed.ToString("N0", CultureInfo.InvariantCulture)} km/h), faster than any flight", Leaning.Malicious, 2.5, Logs));
        else
            evidence.Add(new("feasible_travel", $"{text}: possible by air", Leaning.Benign, 0.5, Logs));
    }

    private static void Hours(IdentityCase c, List<Evidence> evidence)
    {
        var business = c.Context.BusinessHours;
        // Hours are judged on the organisation's clock; logins from far away are judged by where they came from instead.
        var outside = c.Successes.Where(e => !c.IsInfrastructure(e.Ip) && !c.IsFarAway(e) && !business.Contains(c.Context.ToLocal(e.Time))).ToList();
        if (outside.Count == 0) return;
        var e = outside[0];
        var local = c.Context.ToLocal(e.Time);
        var at = $"{local:HH:mm} on {local:ddd yyyy-MM-dd}";
        var timeOfDayUsual = TimeOnly.FromDateTime(local) >= business.Start && TimeOnly.FromDateTime(local) < business.End;
        if (c.Context.MaintenanceAt(e.Time) is { } window && (c.Context.IsPrivileged(c.User) || c.Context.IsServiceAccount(c.User)))
        {
            evidence.Add(new("maintenance", $"Login at {at} falls in the maintenance window '{window.Description}'", Leaning.Benign, 1.0, ContextFile));
        }
        else if (c.Baseline is { HasHistory: true } b && b.IsUsualHour(local.Hour))
        {
            var around = b.Hours[(local.Hour + 23) % 24] + b.Hours[local.Hour] + b.Hours[(local.Hour + 1) % 24];
            evidence.Add(timeOfDayUsual
                ? new("usual_hours", $"Weekend login at {at}, at a time of day {c.Who} usually works ({around} of {b.Successes} past logins within an hour of it)", Leaning.Benign, 0.5, Logs)
                : new("usual_hours", $"{c.Who} often logs in around {local:HH}:00 ({around} of {b.Successes} past logins within an hour of it), even though it is outside business hours", Leaning.Benign, 1.0, Logs));
        }
        else
        {
            var never = c.Baseline?.HasHistory == true ? $", a time {c.Who} has not logged in at before" : "";
            var hours = $"{business.Start:HH\\:mm}-{business.End:HH\\:mm}";
            evidence.Add(new("off_hours", $"{outside.Count} login(s) outside business hours ({hours}), the first at {at}{never}",
                Leaning.Malicious, timeOfDayUsual ? 0.3 : never.Length > 0 ? 0.7 : 0.4, Logs));
        }
    }

    private static void Volume(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Baseline is not { ActiveDays: >= 5 } b) return;
        var threshold = Math.Max(b.MeanDailyLogins + 3 * b.StdDailyLogins, c.Context.NormalLoginsMax * 2);
        foreach (var day in c.Alerts.Where(a => a.Time is not null).Select(a => DateOnly.FromDateTime(c.Context.ToLocal(a.Time!.Value))).Distinct())
        {
            var start = Ingest.TimeText.InZone(day.ToDateTime(TimeOnly.MinValue), c.Context.TimeZone);
            var count = 0;
            var end = Ingest.TimeText.InZone(day.AddDays(1).ToDateTime(TimeOnly.MinValue), c.Context.TimeZone); // 23 or 25 h on DST days
            for (var i = LogStore.FirstAtOrAfter(c.History, start); i < c.History.Count && c.History[i].Time < end; i++)
            {
                if (c.History[i].Success) count++;
            }
            if (count > threshold)
            {
                evidence.Add(new("volume_spike", $"{count} successful logins on {day:yyyy-MM-dd} against a usual {b.MeanDailyLogins:F0}±{b.StdDailyLogins:F0} per day", Leaning.Malicious, 1.0, Logs));
                return;
            }
        }
    }

    private static void Addresses(IdentityCase c, List<Evidence> evidence)
    {
        if (c.Baseline?.HasHistory != true) return;
        var ips = c.Successes.Select(e => e.Ip).OfType<string>().Where(ip => !c.IsInfrastructure(ip)).Distinct().ToList();
        if (ips.Count == 0) return;
        var fresh = ips.Where(ip => !c.Baseline.Ips.ContainsKey(ip)).ToList();
        if (fresh.Count > 0)
            evidence.Add(new("new_ip", $"First successful login ever from {string.Join(", ", fresh.Take(3))}", Leaning.Malicious, Math.Min(1.0, 0.5 * fresh.Count), Logs));
        else
            evidence.Add(new("known_ips", $"All successful logins came from addresses {c.Who} has used before ({string.Join(", ", ips.Take(3))})", Leaning.Benign, 0.5, Logs));
    }
}
