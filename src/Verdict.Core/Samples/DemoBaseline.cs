using static System.FormattableString;

namespace Verdict.Samples;

/// <summary>Result of one vulnerability scan against an account it hammered.</summary>
internal sealed record ScanHit(Employee Target, int Failures, DateTime First, DateTime Last);

/// <summary>Normal activity: office-hours logins, password typos, VPN use, domestic trips, night owls,
/// the nightly backup job and the weekly vulnerability scan.</summary>
internal static class Baseline
{
    public const string ScannerIp = "10.20.0.15";
    public const string ScannerAgent = "Nessus SOAP v0.0.1 (Nessus.org)";
    private const int TypoPercent = 3;

    public static string VpnIp(int n) => Invariant($"198.51.100.{n}");

    /// <summary>Writes the normal days. HQ-local dates -1..days are generated (the book clips to the log period);
    /// accounts in <paramref name="scripted"/> get no generated rows on the alert day, where a scenario writes theirs.</summary>
    public static void Generate(Random rng, Roster roster, LogBook log, int days, DateTime alertDay, IReadOnlySet<string> scripted)
    {
        for (var d = -1; d <= days; d++)
        {
            var date = DemoClock.LogStart.AddDays(d);
            foreach (var e in roster.All)
            {
                if (e.IsService)
                {
                    Backup(rng, log, e, date);
                    continue;
                }
                Day(rng, new FilteredDay(log, scripted.Contains(e.User) ? alertDay : DateTime.MaxValue), e, date, d);
            }
            if (d >= 0 && d < days && (days - d) % 7 == 0) Scan(rng, roster, log, date);
        }
    }

    /// <summary>A book that ignores rows from <paramref name="cutoff"/> on.</summary>
    private readonly record struct FilteredDay(LogBook Log, DateTime Cutoff)
    {
        public void Add(DateTime t, Employee e, bool ok, string ip, City city, string host)
        {
            if (t < Cutoff) Log.Add(t, e, ok, ip, city, host);
        }
    }

    private static void Day(Random rng, FilteredDay log, Employee e, DateTime date, int dayIndex)
    {
        var trip = e.Trip is { } t && dayIndex >= t.FirstDay && dayIndex < t.FirstDay + t.Days ? t : null;
        var (start, end) = e.WorkWindow;
        if (DemoClock.IsWeekend(date))
        {
            if (e.NightOwl && rng.Next(100) < 30) Logins(rng, log, e, trip, date, 1 + rng.Next(3), 1260, 1500, atHome: true);
            else if (rng.Next(100) < 8) Logins(rng, log, e, trip, date, 1 + rng.Next(2), 600, 1080, atHome: true);
            return;
        }
        var count = rng.Next(3, 11);
        if (e.NightOwl)
        {
            var late = Math.Min(count - 1, 2 + rng.Next(3));
            Logins(rng, log, e, trip, date, late, 1260, 1500, atHome: true); // 21:00-01:00
            Logins(rng, log, e, trip, date, count - late, 780, 1195);
            return;
        }
        Logins(rng, log, e, trip, date, count, start, end);
    }

    private static void Logins(Random rng, FilteredDay log, Employee e, Trip? trip, DateTime date, int count, int fromMinute, int toMinute,
        bool atHome = false)
    {
        for (var i = 0; i < count; i++)
        {
            var when = Cities.Hq.ToUtc(date, fromMinute + rng.Next(toMinute - fromMinute)).AddSeconds(rng.Next(60));
            var (ip, city) = Where(rng, e, trip, atHome && rng.Next(100) < 80);
            var host = e.Host(rng, ip);
            if (rng.Next(100) < TypoPercent)
            {
                var typos = 1 + rng.Next(2);
                for (var k = typos; k >= 1; k--) log.Add(when.AddSeconds(-k * (20 + rng.Next(45))), e, false, ip, city, host);
            }
            log.Add(when, e, true, ip, city, host);
        }
    }

    private static (string Ip, City City) Where(Random rng, Employee e, Trip? trip, bool atHome)
    {
        if (e.UsesVpn && rng.Next(100) < 12) return (VpnIp(1 + rng.Next(14)), Cities.Frankfurt);
        if (trip is not null)
        {
            var office = Array.IndexOf(Cities.Offices, trip.Destination);
            return rng.Next(100) < 70 ? (trip.HotelIp, trip.Destination) : (Cities.OfficeNat(office, 1), trip.Destination);
        }
        return (e.UsualIp(rng, atHome), e.Office);
    }

    private static void Backup(Random rng, LogBook log, Employee svc, DateTime date)
    {
        var when = Cities.Hq.ToUtc(date, 120 + rng.Next(15)).AddSeconds(rng.Next(60));
        log.Add(when, svc, true, svc.OfficeIp, svc.Office, "backup01");
        if (rng.Next(2) == 0) log.Add(when.AddMinutes(40 + rng.Next(30)), svc, true, svc.OfficeIp, svc.Office, "nas01");
    }

    /// <summary>The weekly night scan from 10.20.0.15 (04:00 HQ time): it hammers svc-backup and one admin
    /// account with wrong passwords and tries 1-3 passwords on 25-40 other accounts.</summary>
    public static List<ScanHit> Scan(Random rng, Roster roster, LogBook log, DateTime date)
    {
        var t = Cities.Hq.ToUtc(date, 240 + rng.Next(10)).AddSeconds(rng.Next(60));
        var hits = new List<ScanHit>();
        var heavy = new List<Employee> { roster["svc-backup"] };
        if (roster.Privileged.Count > 1) heavy.Add(roster[roster.Privileged[1]]);
        foreach (var target in heavy)
        {
            var n = 20 + rng.Next(16);
            var first = t;
            for (var i = 0; i < n; i++)
            {
                log.Add(t, target.User, false, ScannerIp, Cities.Boston, ScannerAgent, target.IsService ? "backup01" : "dc01");
                if (i < n - 1) t = t.AddSeconds(5 + rng.Next(11));
            }
            hits.Add(new ScanHit(target, n, first, t));
            t = t.AddSeconds(30 + rng.Next(60));
        }
        var others = 25 + rng.Next(16);
        for (var i = 0; i < others; i++)
        {
            var target = roster.All[rng.Next(roster.All.Count)];
            if (heavy.Contains(target) || DemoScript.Scripted.Contains(target.User)) continue; // keep the scripted stories clean
            var tries = 1 + rng.Next(3);
            for (var k = 0; k < tries; k++)
            {
                log.Add(t, target.User, false, ScannerIp, Cities.Boston, ScannerAgent, k % 2 == 0 ? "vpn-gw" : "okta");
                t = t.AddSeconds(2 + rng.Next(5));
            }
        }
        return hits;
    }
}
