namespace Verdict.Samples;

/// <summary>How a city's clocks change in summer. Implemented by hand (not TimeZoneInfo) so output never
/// depends on the machine's tz database.</summary>
internal enum DstRule
{
    None,
    Us,
    Eu,
}

/// <summary>A place logins come from, with the fields the activity log carries.</summary>
internal sealed record City(string Name, string Country, double Lat, double Lon, int StandardOffset, DstRule Dst)
{
    public string Location => $"{Name}, {Country}";

    public TimeSpan UtcOffset(DateTime utc)
    {
        var summer = Dst switch
        {
            DstRule.Us => utc >= DemoClock.NthSunday(utc.Year, 3, 2).AddHours(7) && utc < DemoClock.NthSunday(utc.Year, 11, 1).AddHours(6),
            DstRule.Eu => utc >= DemoClock.LastSunday(utc.Year, 3).AddHours(1) && utc < DemoClock.LastSunday(utc.Year, 10).AddHours(1),
            _ => false,
        };
        return TimeSpan.FromHours(StandardOffset + (summer ? 1 : 0));
    }

    /// <summary>The UTC instant of a wall-clock time in this city: <paramref name="minutes"/> after local midnight of
    /// <paramref name="localDate"/> (may exceed 24h to mean "after midnight").</summary>
    public DateTime ToUtc(DateTime localDate, double minutes)
    {
        var wall = localDate.Date.AddMinutes(minutes);
        var guess = DateTime.SpecifyKind(wall - TimeSpan.FromHours(StandardOffset), DateTimeKind.Utc);
        return DateTime.SpecifyKind(wall - UtcOffset(guess), DateTimeKind.Utc);
    }

    public DateTime ToLocal(DateTime utc) => utc + UtcOffset(utc);

    /// <summary>Great-circle distance in kilometres.</summary>
    public double DistanceKm(City other)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(other.Lat - Lat);
        var dLon = Rad(other.Lon - Lon);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Rad(Lat)) * Math.Cos(Rad(other.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 6371 * 2 * Math.Asin(Math.Sqrt(a));
    }
}

internal static class Cities
{
    // US offices. All of them observe US daylight saving time.
    public static readonly City Boston = new("Boston", "US", 42.3601, -71.0589, -5, DstRule.Us);
    public static readonly City NewYork = new("New York", "US", 40.7128, -74.0060, -5, DstRule.Us);
    public static readonly City Chicago = new("Chicago", "US", 41.8781, -87.6298, -6, DstRule.Us);
    public static readonly City Austin = new("Austin", "US", 30.2672, -97.7431, -6, DstRule.Us);
    public static readonly City SanFrancisco = new("San Francisco", "US", 37.7749, -122.4194, -8, DstRule.Us);

    // Abroad: travel destinations, the corporate VPN egress and attacker origins.
    public static readonly City Paris = new("Paris", "FR", 48.8566, 2.3522, 1, DstRule.Eu);
    public static readonly City London = new("London", "GB", 51.5074, -0.1278, 0, DstRule.Eu);
    public static readonly City Frankfurt = new("Frankfurt", "DE", 50.1109, 8.6821, 1, DstRule.Eu);
    public static readonly City Amsterdam = new("Amsterdam", "NL", 52.3676, 4.9041, 1, DstRule.Eu);
    public static readonly City Lagos = new("Lagos", "NG", 6.5244, 3.3792, 1, DstRule.None);
    public static readonly City Bucharest = new("Bucharest", "RO", 44.4268, 26.1025, 2, DstRule.Eu);
    public static readonly City Moscow = new("Moscow", "RU", 55.7558, 37.6173, 3, DstRule.None);
    public static readonly City Hanoi = new("Hanoi", "VN", 21.0278, 105.8342, 7, DstRule.None);
    public static readonly City Singapore = new("Singapore", "SG", 1.3521, 103.8198, 8, DstRule.None);

    public static readonly City[] Offices = [Boston, NewYork, Chicago, Austin, SanFrancisco];

    /// <summary>HQ clock: business hours, "night" and "local" in the scenarios all mean New York time.</summary>
    public static City Hq => NewYork;

    /// <summary>Office NAT addresses: 10.{office}.0.{1..4}, office number = position in <see cref="Offices"/> + 1.</summary>
    public static string OfficeNat(int office, int n) => $"10.{office + 1}.0.{n}";

    /// <summary>Attacker origins used in scale mode, each with the first octets of its addresses.</summary>
    public static readonly (City City, string Prefix)[] Hostile =
    [
        (Amsterdam, "185.220.100."), (Lagos, "102.89.33."), (Moscow, "91.240.118."),
        (Hanoi, "14.161.22."), (Singapore, "103.4.145."), (Bucharest, "86.105.9."),
    ];
}

internal static class DemoClock
{
    public static readonly DateTime LogStart = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateTime d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        var toSunday = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toSunday + (7 * (n - 1)));
    }

    public static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }

    public static bool IsWeekend(DateTime localDate) => localDate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
