using static System.FormattableString;

namespace Verdict.Samples;

/// <summary>A domestic business trip: whole days spent at another office, logging in from a hotel.</summary>
internal sealed record Trip(City Destination, int FirstDay, int Days, string HotelIp);

/// <summary>One account of Acme Corp and its habits.</summary>
internal sealed record Employee(string User, City Office, string OfficeIp, string? HomeIp, string? MobileIp, string UserAgent)
{
    public string[] Hosts { get; init; } = Roster.CommonHosts;
    public bool NightOwl { get; init; }
    public bool UsesVpn { get; init; }
    public bool IsService { get; init; }
    public Trip? Trip { get; init; }

    /// <summary>Hours the office is behind New York: its working day, in HQ time, starts that much later.</summary>
    public int HqShift => Office.StandardOffset switch { -6 => 1, -7 => 2, -8 => 3, _ => 0 };

    /// <summary>Usual working window in minutes after HQ (New York) midnight, inside 07:00-20:00.</summary>
    public (int Start, int End) WorkWindow => (450 + (HqShift * 60), Math.Min(1195, 1110 + (HqShift * 60)));

    /// <summary>An address this person usually logs in from: office, home or phone.</summary>
    public string UsualIp(Random rng, bool preferHome = false)
    {
        var roll = preferHome ? 0 : rng.Next(100);
        if (roll < 25 && HomeIp is not null) return HomeIp;
        if (roll < 35 && MobileIp is not null) return MobileIp;
        return OfficeIp;
    }

    public string Host(Random rng, string ip)
    {
        if (ip == OfficeIp && !IsService && rng.Next(5) == 0) return "ws-" + User;
        if (ip == HomeIp && rng.Next(3) == 0) return "vpn-gw";
        return Hosts[rng.Next(Hosts.Length)];
    }
}

/// <summary>The people of Acme Corp: eleven fixed accounts the scenarios use, the rest generated from name lists.</summary>
internal sealed class Roster
{
    public static readonly string[] CommonHosts = ["o365", "o365", "o365", "okta", "okta", "jira", "confluence", "salesforce", "github", "slack"];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
    ];

    private static readonly string[] First =
    [
        "alice", "amir", "ana", "ben", "chloe", "daniel", "diego", "elena", "emma", "ethan", "fatima", "george", "hannah",
        "isaac", "jack", "julia", "kevin", "laura", "liam", "maria", "mei", "noah", "olivia", "omar", "priya", "quinn",
        "rachel", "sam", "sofia", "tom", "uma", "victor", "wei", "zoe",
    ];

    private static readonly string[] Last =
    [
        "adams", "baker", "chen", "davis", "evans", "fischer", "garcia", "hughes", "ito", "johnson", "kim", "lopez",
        "miller", "nguyen", "obrien", "patel", "reyes", "rossi", "sato", "schmidt", "singh", "taylor", "walker", "wong",
        "young", "khan", "murphy", "cohen", "silva", "ward",
    ];

    private readonly Dictionary<string, Employee> byUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedIps = new(StringComparer.Ordinal);

    public List<Employee> All { get; } = [];
    public List<string> Privileged { get; } = ["it.admin"];
    public List<string> Vips { get; } = ["ceo.jane"];
    public List<Employee> NightOwls { get; } = [];

    /// <summary>Generated people with no special trait: the pool look-alike scenarios pick from.</summary>
    public List<Employee> Plain { get; } = [];

    public Employee this[string user] => byUser[user];

    public Roster(Random rng, int employees, int days)
    {
        var boston = Cities.Boston;
        var nyc = Cities.NewYork;
        Add(Person(rng, "bob", boston, 0));
        Add(Person(rng, "carol", boston, 0));
        Add(Person(rng, "dave.sales", nyc, 1) with { Hosts = ["salesforce", "salesforce", "o365", "okta", "slack"] });
        Add(Person(rng, "erin", boston, 0));
        Add(Person(rng, "frank", boston, 0));
        var grace = Person(rng, "grace.nightowl", boston, 0) with { NightOwl = true, Hosts = ["github", "github", "jira", "o365", "slack"] };
        Add(grace);
        NightOwls.Add(grace);
        Add(Person(rng, "it.admin", boston, 0) with { Hosts = ["dc01", "vcenter", "fw-mgmt", "o365", "okta"] });
        Add(Person(rng, "ceo.jane", nyc, 1));
        Add(new Employee("svc-backup", boston, "10.1.5.20", null, null, "BackupAgent/4.2 (Linux; svc)") { IsService = true, Hosts = ["backup01", "nas01"] });
        Add(Person(rng, "henry", nyc, 1));
        Add(Person(rng, "ivan", nyc, 1));

        var names = new HashSet<string>(StringComparer.Ordinal);
        var travellers = 3 + rng.Next(3);
        for (var generated = 0; All.Count < employees; generated++)
        {
            var name = First[rng.Next(First.Length)] + "." + Last[rng.Next(Last.Length)];
            for (var n = 2; !names.Add(name); n++) name = Invariant($"{First[rng.Next(First.Length)]}.{Last[rng.Next(Last.Length)]}{n}");
            var office = PickOffice(rng);
            var person = Person(rng, name, Cities.Offices[office], office, generated: true);
            if (generated < 2)
            {
                Privileged.Add(name);
                person = person with { Hosts = ["dc01", "vcenter", "o365", "okta"] };
            }
            else if (generated < 4)
            {
                Vips.Add(name);
            }
            else if (generated < 6)
            {
                person = person with { NightOwl = true, Hosts = ["github", "jira", "o365", "slack"] };
                NightOwls.Add(person);
            }
            else if (generated < 6 + travellers && days >= 15)
            {
                person = person with { Trip = NewTrip(rng, office, days) };
            }
            else if (Plain.Count >= 8 && rng.Next(100) < 15) // the demo script needs a few plain people
            {
                person = person with { UsesVpn = true };
            }
            else
            {
                Plain.Add(person);
            }
            Add(person);
        }
    }

    private void Add(Employee e)
    {
        All.Add(e);
        byUser.Add(e.User, e);
    }

    private static int PickOffice(Random rng) => rng.Next(100) switch
    {
        < 35 => 0,
        < 60 => 1,
        < 75 => 2,
        < 85 => 3,
        _ => 4,
    };

    private Employee Person(Random rng, string user, City office, int officeIndex, bool generated = false)
    {
        var home = !generated || rng.Next(100) < 75 ? UniqueIp(rng, rng.Next(4) switch { 0 => "73.", 1 => "24.", 2 => "98.", _ => "67." }) : null;
        var mobile = rng.Next(100) < 25 ? UniqueIp(rng, "172.5" + rng.Next(6, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".") : null;
        var ua = UserAgents[rng.Next(UserAgents.Length)];
        return new Employee(user, office, Cities.OfficeNat(officeIndex, 1 + rng.Next(4)), home, mobile, ua);
    }

    /// <summary>A trip of 2-4 weekdays (starting Monday or Tuesday) to another office, before the alert day.
    /// Needs days >= 15 so the candidate start days span a full week.</summary>
    private Trip NewTrip(Random rng, int office, int days)
    {
        var dest = (office + 1 + rng.Next(Cities.Offices.Length - 1)) % Cities.Offices.Length;
        var length = 2 + rng.Next(3);
        int first;
        do first = 2 + rng.Next(Math.Max(1, days - length - 4));
        while (DemoClock.LogStart.AddDays(first).DayOfWeek is not (DayOfWeek.Monday or DayOfWeek.Tuesday));
        return new Trip(Cities.Offices[dest], first, length, UniqueIp(rng, rng.Next(2) == 0 ? "66." : "107."));
    }

    /// <summary>A fresh public address starting with <paramref name="prefix"/>, never handed out twice.</summary>
    public string UniqueIp(Random rng, string prefix)
    {
        while (true)
        {
            var octets = 4 - prefix.Count(c => c == '.');
            var parts = new string[octets];
            for (var i = 0; i < octets; i++) parts[i] = (1 + rng.Next(254)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var ip = prefix + string.Join('.', parts);
            if (usedIps.Add(ip)) return ip;
        }
    }
}
