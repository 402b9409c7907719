using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis;

/// <summary>
/// Small, readable identity stories around one alert on Wednesday 2026-10-28 (New York, EDT). alice normally logs in
/// on weekdays at 09-16 from the Boston office (10.1.0.1) or home (73.1.1.1), five times a day, since 2026-10-01.
/// </summary>
public static class IdentityScenarios
{
    public const string Office = "10.1.0.1";
    public const string Home = "73.1.1.1";
    public const string Attacker = "185.220.101.34";
    public const string ParisIp = "92.184.100.9";
    public const string Scanner = "10.20.0.15";
    public const string Vpn = "198.51.100.7";
    public const string BadIp = "45.155.205.233";

    private static readonly TimeZoneInfo Zone = TestData.NewYork;

    public static EnvironmentContext AcmeContext { get; } = EnvironmentContext.Default with
    {
        Organization = "Acme",
        TimeZone = Zone,
        UsualCountries = new HashSet<string> { "US" },
        KnownScanners = TestData.Ranges(Scanner),
        VpnEgress = TestData.Ranges("198.51.100.0/28"),
        BadIps = TestData.Ranges(BadIp),
    };

    public static DateTime Day(int hour, int minute, int second = 0) => new(2026, 10, 28, hour, minute, second);

    public static DateTimeOffset At(int hour, int minute) => AlertBuilder.At(Zone, 2026, 10, 28, hour, minute);

    /// <summary>alice's normal history up to the day before the alert; add the alert day's activity to it.</summary>
    public static LogBuilder Alice(bool nightOwl = false)
    {
        var log = new LogBuilder("alice", Zone)
            .Workdays(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 27), Office, 9, 10, 12, 14)
            .Workdays(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 27), Home, 16);
        return nightOwl ? log.Workdays(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 27), Home, 23) : log;
    }

    public static Alert Alert(DateTimeOffset time, string rule, string? ip = null, Severity? severity = Severity.Medium, string user = "alice") =>
        AlertBuilder.Make("A-1", user, time, rule, ip, severity);

    public static Assessment Assess(Alert alert, List<LogEvent> events, EnvironmentContext? context = null) =>
        CaseBuilder.Assess(alert, events, context ?? AcmeContext);

    public static Assessment BruteForceThenSuccess(EnvironmentContext? context = null) => Assess(
        Alert(At(2, 15), "brute_force", Attacker, Severity.High),
        Alice().Failures(12, Day(2, 5), TimeSpan.FromSeconds(30), Attacker, "Amsterdam", "NL")
            .Success(Day(2, 14), Attacker, "Amsterdam", "NL").Build(),
        context);

    public static Assessment PasswordTypo() => Assess(
        Alert(At(10, 5), "multiple_failed_logins", Office),
        Alice().Failures(6, Day(10, 0), TimeSpan.FromSeconds(20), Office).Success(Day(10, 2, 30), Office).Build());

    public static Assessment ScannerFailures() => Assess(
        Alert(At(4, 5), "brute_force", Scanner, Severity.High),
        Alice().Failures(25, Day(4, 0), TimeSpan.FromSeconds(10), Scanner).Build());

    public static Assessment ParisLogin(EnvironmentContext context) => Assess(
        Alert(At(4, 41), "new_country_login", ParisIp, Severity.High),
        Alice().Success(Day(4, 40), ParisIp, "Paris", "FR").Build(),
        context);

    public static Assessment ParisFortyMinutesAfterBoston() => Assess(
        Alert(At(10, 1), "impossible_travel", ParisIp, Severity.High),
        Alice().Success(Day(9, 20), Office).Success(Day(10, 0), ParisIp, "Paris", "FR").Build());

    public static Assessment VpnEgressLogin() => Assess(
        Alert(At(12, 16), "new_country_login", Vpn, Severity.High),
        Alice().Success(Day(12, 10), Home).Success(Day(12, 15), Vpn, "Frankfurt", "DE").Build());

    /// <summary>A success from a listed bad address, drowned in benign evidence: a corporate VPN login after two typos.</summary>
    public static Assessment BadIpAmongBenignEvidence() => Assess(
        Alert(At(10, 30), "bad_ip_login", BadIp),
        Alice().Failures(2, Day(10, 10), TimeSpan.FromSeconds(30), "198.51.100.3", "Frankfurt", "DE")
            .Success(Day(10, 11), "198.51.100.3", "Frankfurt", "DE")
            .Success(Day(10, 29), BadIp, "New York", "US").Build());

    public static Assessment NightOwlAtHabitualHour() => Assess(
        Alert(At(23, 16), "off_hours_login", Home),
        Alice(nightOwl: true).Success(Day(23, 15), Home).Build());

    public static Assessment DayWorkerAtThreeAm() => Assess(
        Alert(At(3, 11), "off_hours_login", Home),
        Alice().Success(Day(3, 10), Home).Build());

    public static Assessment FortyFiveLoginsInADay()
    {
        var log = Alice();
        for (var i = 0; i < 45; i++) log.Success(Day(8, 0).AddMinutes(12 * i), Office);
        return Assess(Alert(At(17, 0), "volume_spike", Office), log.Build());
    }

    public static Assessment UserWithNoLogs() => Assess(
        Alert(At(10, 0), "off_hours_login", "203.0.113.9", Severity.Info, user: "nobody"),
        Alice().Build());

    /// <summary>Every scenario by name, for checks that hold for any assessment.</summary>
    public static IReadOnlyDictionary<string, Func<Assessment>> All { get; } = new Dictionary<string, Func<Assessment>>
    {
        ["brute_force"] = () => BruteForceThenSuccess(),
        ["typo"] = PasswordTypo,
        ["scanner"] = ScannerFailures,
        ["paris_unapproved"] = () => ParisLogin(AcmeContext),
        ["impossible_travel"] = ParisFortyMinutesAfterBoston,
        ["vpn"] = VpnEgressLogin,
        ["bad_ip"] = BadIpAmongBenignEvidence,
        ["night_owl"] = NightOwlAtHabitualHour,
        ["three_am"] = DayWorkerAtThreeAm,
        ["volume"] = FortyFiveLoginsInADay,
        ["no_logs"] = UserWithNoLogs,
    };
}
