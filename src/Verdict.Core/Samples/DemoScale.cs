namespace Verdict.Samples;

/// <summary>Scale mode: exactly N alerts on the alert day, streamed in time order with O(minutes of alerts) memory.
/// <para>Alert i is anchored at a time that grows with i; its scenario is drawn with weights that fit the HQ
/// time of day (scanner and off-hours at night, typos and VPN by day, ...), about 85% benign look-alikes,
/// 10% monitor and 5% attacks overall. Each scenario alert fires within ~12 minutes after its anchor, so a small
/// priority queue restores exact time order. Only every k-th alert (k chosen so at most <see cref="BackedCap"/>
/// of them) writes its log rows; the others reuse the same shapes, users and addresses without adding rows, which
/// keeps auth_logs.csv at the size of a normal month.</para></summary>
internal static class DemoScale
{
    public const int BackedCap = 2000;

    private enum Kind
    {
        NightOwl,
        Scanner,
        Travel,
        Typo,
        Vpn,
        VpnTravel,
        OffHours,
        Volume,
        BruteForce,
        Spray,
        Takeover,
        BadIp,
    }

    // Weights per HQ period. Benign kinds first, then monitor (off-hours, volume), then attacks.
    private static readonly (Kind Kind, int Weight)[] Evening = // 20:00-01:00
        [(Kind.NightOwl, 60), (Kind.Vpn, 25), (Kind.OffHours, 10), (Kind.BruteForce, 2), (Kind.Takeover, 2), (Kind.BadIp, 1)];
    private static readonly (Kind Kind, int Weight)[] Night = // 01:00-07:00
        [(Kind.Scanner, 60), (Kind.Travel, 25), (Kind.OffHours, 10), (Kind.BruteForce, 2), (Kind.Spray, 2), (Kind.BadIp, 1)];
    private static readonly (Kind Kind, int Weight)[] Day = // 07:00-20:00
        [(Kind.Typo, 45), (Kind.Vpn, 20), (Kind.VpnTravel, 5), (Kind.Travel, 15), (Kind.Volume, 10), (Kind.Takeover, 2), (Kind.BadIp, 2), (Kind.BruteForce, 1)];

    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    public static void Write(Random rng, Roster roster, LogBook log, DateTime alertDay, long count, Action<DemoAlert> write)
    {
        const long span = (24 * 3600) - (15 * 60); // anchors end 15 minutes before midnight so alerts stay on the alert day
        var stride = Math.Max(1, (count + BackedCap - 1) / BackedCap);
        var humans = roster.All.Where(e => !e.IsService && !e.NightOwl && e.User is not ("dave.sales" or "ceo.jane")).ToList();
        var hotels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dave.sales"] = roster.UniqueIp(rng, "82.64."),
            ["ceo.jane"] = roster.UniqueIp(rng, "81.2."),
        };
        var pending = new PriorityQueue<DemoAlert, (DateTime, long)>();
        long seq = 0;
        for (long i = 0; i < count; i++)
        {
            var at = alertDay.AddSeconds(i * span / count);
            while (pending.TryPeek(out var ready, out _) && ready.Time <= at) write(pending.Dequeue());
            var book = i % stride == 0 ? log : LogBook.Discard;
            var alerts = Instance(rng, roster, humans, hotels, book, alertDay, at);
            var alert = alerts[rng.Next(alerts.Length)];
            pending.Enqueue(alert, (alert.Time, seq++));
        }
        while (pending.TryDequeue(out var rest, out _)) write(rest);
    }

    private static DemoAlert[] Instance(Random rng, Roster roster, List<Employee> humans, Dictionary<string, string> hotels,
        LogBook log, DateTime alertDay, DateTime at)
    {
        var local = Cities.Hq.ToLocal(at);
        var minute = (local.Hour * 60) + local.Minute;
        var table = minute >= 1200 || minute < 60 ? Evening : minute < 420 ? Night : Day;
        var user = humans[rng.Next(humans.Count)];
        var (hostile, prefix) = Cities.Hostile[rng.Next(Cities.Hostile.Length)];
        var attackerIp = prefix + (1 + rng.Next(254)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Draw(rng, table) switch
        {
            Kind.NightOwl => Scenarios.NightLogin(rng, log, roster.NightOwls[rng.Next(roster.NightOwls.Count)], at,
                Severities[rng.Next(3)], Scenarios.AutoClose, "night_owl"),
            Kind.Scanner => Scenarios.ScannerBurst(rng, log, rng.Next(3) == 0 ? roster["svc-backup"] : user, at),
            Kind.Travel => rng.Next(2) == 0
                ? Scenarios.ApprovedTravel(rng, log, roster["dave.sales"], at, hotels["dave.sales"], Cities.Paris, alertDay.AddDays(1))
                : Scenarios.ApprovedTravel(rng, log, roster["ceo.jane"], at, hotels["ceo.jane"], Cities.London, alertDay.AddDays(1)),
            Kind.Typo => Scenarios.Typo(rng, log, user, at, 4 + rng.Next(5), Severities[rng.Next(3)]),
            Kind.Vpn => Scenarios.VpnEgress(rng, log, user, at, Baseline.VpnIp(1 + rng.Next(14)), impossible: false),
            Kind.VpnTravel => Scenarios.VpnEgress(rng, log, user, at, Baseline.VpnIp(1 + rng.Next(14)), impossible: true),
            Kind.OffHours => Scenarios.NightLogin(rng, log, user, at, Severities[rng.Next(1, 3)], Scenarios.Monitor, "off_hours_unusual"),
            Kind.Volume => Scenarios.VolumeSpike(rng, log, user, Max(Cities.Hq.ToUtc(alertDay, 420), at.AddHours(-(2 + rng.Next(7)))), at, 30 + rng.Next(30)),
            Kind.BruteForce => Scenarios.BruteForce(rng, log, user, at, attackerIp, hostile, 15 + rng.Next(31)),
            Kind.Spray => Scenarios.Spray(rng, log, roster, user, at, attackerIp, hostile, 6 + rng.Next(10)),
            Kind.Takeover => Scenarios.Takeover(rng, log, user, at, attackerIp, hostile),
            _ => Scenarios.BadIp(rng, log, user, at, DemoScript.BadIp, Cities.Bucharest),
        };
    }

    private static Kind Draw(Random rng, (Kind Kind, int Weight)[] table)
    {
        var roll = rng.Next(table.Sum(t => t.Weight));
        foreach (var (kind, weight) in table)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }
        return table[^1].Kind;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
