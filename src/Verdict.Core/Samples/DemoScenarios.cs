using System.Globalization;
using static System.FormattableString;

namespace Verdict.Samples;

/// <summary>One row of alerts.csv plus its row in labels.csv.</summary>
internal sealed record DemoAlert(DateTime Time, string Type, string User, string Detail, string Severity, string SrcIp, string Decision, string Scenario);

/// <summary>The scenario shapes. Each writes the log rows behind it into the given book and returns the alert(s)
/// the imaginary UEBA detector raised. Every alert is timed at or after <c>at</c> and at most ~12 minutes later,
/// which scale mode relies on to stream alerts in time order.</summary>
internal static class Scenarios
{
    public const string Escalate = "escalate";
    public const string Monitor = "monitor";
    public const string AutoClose = "auto_close";

    private const string ScriptAgent = "python-requests/2.32.3";
    private const string ForeignBrowser = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0";

    /// <summary>Many failures from one outside address, then it gets in (~10 minutes after the first failure).</summary>
    public static DemoAlert[] BruteForce(Random rng, LogBook log, Employee e, DateTime at, string ip, City city, int failures)
    {
        var t = at;
        for (var i = 0; i < failures; i++)
        {
            log.Add(t, e.User, false, ip, city, ScriptAgent, "o365");
            if (i < failures - 1) t = t.AddSeconds(8 + rng.Next(5));
        }
        var success = t.AddSeconds(110 + rng.Next(40));
        log.Add(success, e.User, true, ip, city, ScriptAgent, "o365");
        return
        [
            new(t.AddSeconds(15 + rng.Next(20)), "brute_force", e.User, Invariant($"{failures} failed logins from {ip} in {MinutesText(at, t)}"),
                "high", ip, Escalate, "brute_force_then_success"),
            new(success.AddSeconds(rng.Next(5)), "login_after_failures", e.User,
                Invariant($"Successful login from {ip} ({city.Location}) after {failures} failures in {MinutesText(at, success)}"),
                "high", ip, Escalate, "brute_force_then_success"),
        ];
    }

    /// <summary>A low-and-slow spray from a foreign address: one guess at a time against many accounts,
    /// most against the victim, until the victim's password works.</summary>
    public static DemoAlert[] Spray(Random rng, LogBook log, Roster roster, Employee victim, DateTime at, string ip, City city, int failures)
    {
        var t = at;
        for (var i = 0; i < failures; i++)
        {
            log.Add(t, victim.User, false, ip, city, ScriptAgent, "okta");
            t = t.AddSeconds(10 + rng.Next(10));
            var other = roster.All[rng.Next(roster.All.Count)];
            if (other != victim && !DemoScript.Scripted.Contains(other.User)) log.Add(t, other.User, false, ip, city, ScriptAgent, "okta");
            t = t.AddSeconds(10 + rng.Next(10));
        }
        log.Add(t, victim.User, true, ip, city, ScriptAgent, "okta");
        return
        [
            new(t.AddSeconds(rng.Next(10)), "login_after_failures", victim.User,
                Invariant($"Successful login from {ip} ({city.Location}) after {failures} failures in {MinutesText(at, t)}"),
                "medium", ip, Escalate, "password_spray_success"),
        ];
    }

    /// <summary>The user logs in normally at the office, then ~40 minutes later a login succeeds from another continent.</summary>
    public static DemoAlert[] Takeover(Random rng, LogBook log, Employee e, DateTime at, string ip, City city)
    {
        var before = at.AddMinutes(-(38 + rng.Next(5))).AddSeconds(-rng.Next(60));
        log.Add(before, e, true, e.OfficeIp, e.Office, e.Host(rng, e.OfficeIp));
        log.Add(at, e.User, true, ip, city, ForeignBrowser, "o365");
        log.Add(at.AddMinutes(3 + rng.Next(5)), e.User, true, ip, city, ForeignBrowser, "o365");
        return
        [
            NewCountry(at.AddSeconds(5 + rng.Next(20)), e, ip, city, "medium", Escalate, "new_country_takeover"),
            Travel(at.AddSeconds(40 + rng.Next(40)), e, ip, e.Office, city, before, at, "high", Escalate, "new_country_takeover"),
        ];
    }

    /// <summary>A success from an address on the context's bad_ips list.</summary>
    public static DemoAlert[] BadIp(Random rng, LogBook log, Employee e, DateTime at, string ip, City city)
    {
        log.Add(at, e.User, true, ip, city, ForeignBrowser, e.Hosts[0]);
        log.Add(at.AddMinutes(2 + rng.Next(6)), e.User, true, ip, city, ForeignBrowser, e.Hosts[rng.Next(e.Hosts.Length)]);
        return
        [
            new(at.AddSeconds(rng.Next(15)), "bad_ip_login", e.User,
                Invariant($"Successful login from {ip} ({city.Location}), an address on the threat-intel blocklist"),
                "medium", ip, Escalate, "bad_ip_login"),
        ];
    }

    /// <summary>A night login from the user's own home address (or office if none): odd for a day worker,
    /// routine for a night owl, and the detector cannot tell which.</summary>
    public static DemoAlert[] NightLogin(Random rng, LogBook log, Employee e, DateTime at, string severity, string decision, string scenario)
    {
        var ip = e.HomeIp ?? e.OfficeIp;
        log.Add(at, e, true, ip, e.Office, "vpn-gw");
        log.Add(at.AddMinutes(1 + rng.Next(3)), e, true, ip, e.Office, e.Hosts[rng.Next(e.Hosts.Length)]);
        var local = Cities.Hq.ToLocal(at).ToString("HH:mm", CultureInfo.InvariantCulture);
        return
        [
            new(at.AddSeconds(rng.Next(20)), "off_hours_login", e.User,
                Invariant($"Login at {local} America/New_York, outside business hours (07:00-20:00)"),
                severity, ip, decision, scenario),
        ];
    }

    /// <summary>Dozens of ordinary logins from the user's usual addresses between <paramref name="from"/> and <c>at</c>.</summary>
    public static DemoAlert[] VolumeSpike(Random rng, LogBook log, Employee e, DateTime from, DateTime at, int logins)
    {
        var seconds = Math.Max(1, (int)(at - from).TotalSeconds - 60);
        for (var i = 0; i < logins; i++)
        {
            var ip = e.UsualIp(rng);
            log.Add(from.AddSeconds(rng.Next(seconds)), e, true, ip, e.Office, e.Host(rng, ip));
        }
        return
        [
            new(at, "volume_spike", e.User, Invariant($"{logins} successful logins today (usual: 3-10 per day)"), "medium",
                e.OfficeIp, Monitor, "volume_spike"),
        ];
    }

    /// <summary>Approved business travel: US logins stop the evening before, then the user appears abroad
    /// from a hotel for the rest of the day.</summary>
    public static DemoAlert[] ApprovedTravel(Random rng, LogBook log, Employee e, DateTime at, string hotelIp, City city, DateTime dayEnd)
    {
        log.RemoveWhere(r => r.User == e.User && r.City.Country == "US" && r.Time > at.AddHours(-10) && r.Time < dayEnd);
        log.Add(at, e, true, hotelIp, city, "o365");
        var later = 2 + rng.Next(4);
        for (var i = 0; i < later; i++)
        {
            var t = at.AddMinutes(20 + rng.Next(600));
            if (t < dayEnd) log.Add(t, e, true, hotelIp, city, e.Host(rng, hotelIp));
        }
        return [NewCountry(at.AddSeconds(rng.Next(30)), e, hotelIp, city, "high", AutoClose, "approved_travel")];
    }

    /// <summary>Fat fingers: several failures from the usual office address, then the right password.</summary>
    public static DemoAlert[] Typo(Random rng, LogBook log, Employee e, DateTime at, int failures, string severity)
    {
        var host = e.Host(rng, e.OfficeIp);
        var t = at;
        for (var i = 0; i < failures; i++)
        {
            log.Add(t, e, false, e.OfficeIp, e.Office, host);
            if (i < failures - 1) t = t.AddSeconds(12 + rng.Next(25));
        }
        log.Add(t.AddSeconds(25 + rng.Next(40)), e, true, e.OfficeIp, e.Office, host);
        return
        [
            new(t.AddSeconds(3 + rng.Next(10)), "multiple_failed_logins", e.User,
                Invariant($"{failures} failed logins from {e.OfficeIp} in {MinutesText(at, t)}"), severity, e.OfficeIp,
                AutoClose, "password_typo"),
        ];
    }

    /// <summary>A burst of failures from the known vulnerability scanner (scale mode; the demo uses the weekly scan).</summary>
    public static DemoAlert[] ScannerBurst(Random rng, LogBook log, Employee target, DateTime at)
    {
        var failures = 10 + rng.Next(21);
        var t = at;
        for (var i = 0; i < failures; i++)
        {
            log.Add(t, target.User, false, Baseline.ScannerIp, Cities.Boston, Baseline.ScannerAgent, "vpn-gw");
            if (i < failures - 1) t = t.AddSeconds(3 + rng.Next(6));
        }
        return [ScanAlert(new ScanHit(target, failures, at, t), rng)];
    }

    public static DemoAlert ScanAlert(ScanHit hit, Random rng) =>
        new(hit.Last.AddSeconds(10 + rng.Next(20)), "brute_force", hit.Target.User,
            Invariant($"{hit.Failures} failed logins from {Baseline.ScannerIp} in {MinutesText(hit.First, hit.Last)}"),
            "high", Baseline.ScannerIp, AutoClose, "vulnerability_scanner");

    /// <summary>Corporate VPN: the user connects to vpn-gw from home (or sits in the office), and the next
    /// SaaS login egresses through Frankfurt. Raises new_country_login, or impossible_travel when an office login
    /// came shortly before.</summary>
    public static DemoAlert[] VpnEgress(Random rng, LogBook log, Employee e, DateTime at, string vpnIp, bool impossible)
    {
        var frankfurt = Cities.Frankfurt;
        var before = at.AddMinutes(impossible ? -(20 + rng.Next(16)) : -(2 + rng.Next(4))).AddSeconds(-rng.Next(60));
        var fromIp = impossible ? e.OfficeIp : e.HomeIp ?? e.OfficeIp;
        log.Add(before, e, true, fromIp, e.Office, impossible ? e.Host(rng, fromIp) : "vpn-gw");
        log.Add(at, e, true, vpnIp, frankfurt, "o365");
        var alert = impossible
            ? Travel(at.AddSeconds(10 + rng.Next(30)), e, vpnIp, e.Office, frankfurt, before, at, "critical", AutoClose, "vpn_egress_abroad")
            : NewCountry(at.AddSeconds(5 + rng.Next(30)), e, vpnIp, frankfurt, "high", AutoClose, "vpn_egress_abroad");
        return [alert];
    }

    private static DemoAlert NewCountry(DateTime t, Employee e, string ip, City city, string severity, string decision, string scenario) =>
        new(t, "new_country_login", e.User, Invariant($"First login from {city.Country} ({city.Location}) via {ip}; usual countries: US"),
            severity, ip, decision, scenario);

    private static DemoAlert Travel(DateTime t, Employee e, string ip, City from, City to, DateTime t1, DateTime t2, string severity,
        string decision, string scenario)
    {
        var km = from.DistanceKm(to);
        var minutes = Math.Max(1, (t2 - t1).TotalMinutes);
        return new(t, "impossible_travel", e.User,
            Invariant($"{from.Location} -> {to.Location}: {km:F0} km in {minutes:F0} minutes ({km / minutes * 60:F0} km/h)"),
            severity, ip, decision, scenario);
    }

    private static string MinutesText(DateTime a, DateTime b)
    {
        var n = Math.Max(1, (int)Math.Round((b - a).TotalMinutes));
        return n == 1 ? "1 minute" : Invariant($"{n} minutes");
    }
}
