namespace Verdict.Samples;

/// <summary>Which scenarios happen on the alert day: a hand-written script for the demo, a weighted random
/// stream for scale mode.</summary>
internal static class DemoScript
{
    /// <summary>Accounts whose alert-day activity is written entirely by the script (no generated baseline that day).</summary>
    public static readonly IReadOnlySet<string> Scripted =
        new HashSet<string>(StringComparer.Ordinal) { "bob", "carol", "dave.sales", "erin", "frank", "henry", "ivan", "it.admin", "ceo.jane" };

    public const string BadIp = "45.155.205.233";

    /// <summary>The default demo: 20 alerts, each backed by log rows. Times are HQ (New York) wall-clock;
    /// the alert day is a Saturday in October 2026, so HQ is UTC-4.</summary>
    public static List<DemoAlert> Demo(Random rng, Roster roster, LogBook log, DateTime alertDay)
    {
        DateTime Hq(int dayOffset, int hour, int minute) =>
            Cities.Hq.ToUtc(alertDay.AddDays(dayOffset), (hour * 60) + minute).AddSeconds(rng.Next(60));

        var pool = roster.Plain.ToList();
        Employee Pick()
        {
            var e = pool[rng.Next(pool.Count)];
            pool.Remove(e);
            return e;
        }
        var dayEnd = alertDay.AddDays(1);
        var a = new List<DemoAlert>();

        // Malicious: escalate.
        a.AddRange(Scenarios.BruteForce(rng, log, roster["bob"], Hq(0, 2, 10), "185.220.101.34", Cities.Amsterdam, 45));
        a.AddRange(Scenarios.Spray(rng, log, roster, roster["henry"], Hq(0, 3, 0), "91.240.118.172", Cities.Moscow, 12));
        a.AddRange(Scenarios.Takeover(rng, log, roster["carol"], Hq(0, 10, 0), "102.89.32.11", Cities.Lagos));
        a.AddRange(Scenarios.BadIp(rng, log, roster["it.admin"], Hq(0, 11, 30), BadIp, Cities.Bucharest));

        // Suspicious but not urgent: monitor.
        a.AddRange(Scenarios.NightLogin(rng, log, roster["frank"], Hq(0, 3, 30), "medium", Scenarios.Monitor, "off_hours_unusual"));
        a.AddRange(Scenarios.VolumeSpike(rng, log, roster["ivan"], Hq(0, 7, 30), Hq(0, 18, 45), 45));

        // Benign look-alikes: auto_close.
        a.AddRange(Scenarios.NightLogin(rng, log, roster["grace.nightowl"], Hq(-1, 23, 40), "medium", Scenarios.AutoClose, "night_owl"));
        a.AddRange(Scenarios.NightLogin(rng, log, roster.NightOwls[1], Hq(0, 0, 25), "low", Scenarios.AutoClose, "night_owl"));
        a.AddRange(Baseline.Scan(rng, roster, log, alertDay).Select(hit => Scenarios.ScanAlert(hit, rng)));
        a.AddRange(Scenarios.ApprovedTravel(rng, log, roster["dave.sales"], Cities.Paris.ToUtc(alertDay, 640 + rng.Next(10)),
            roster.UniqueIp(rng, "82.64."), Cities.Paris, dayEnd));
        a.AddRange(Scenarios.ApprovedTravel(rng, log, roster["ceo.jane"], Cities.London.ToUtc(alertDay, 615 + rng.Next(10)),
            roster.UniqueIp(rng, "81.2."), Cities.London, dayEnd));
        a.AddRange(Scenarios.Typo(rng, log, roster["erin"], Hq(0, 9, 5), 6, "medium"));
        a.AddRange(Scenarios.Typo(rng, log, Pick(), Hq(0, 10, 45), 5, "medium"));
        a.AddRange(Scenarios.Typo(rng, log, Pick(), Hq(0, 15, 10), 7, "high"));
        a.AddRange(Scenarios.VpnEgress(rng, log, Pick(), Hq(0, 12, 15), Baseline.VpnIp(7), impossible: false));
        a.AddRange(Scenarios.VpnEgress(rng, log, Pick(), Hq(0, 13, 40), Baseline.VpnIp(7), impossible: false));
        a.AddRange(Scenarios.VpnEgress(rng, log, Pick(), Hq(0, 16, 5), Baseline.VpnIp(7), impossible: true));

        return [.. a.OrderBy(x => x.Time)];
    }
}
