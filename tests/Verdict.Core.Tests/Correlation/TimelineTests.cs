using Verdict.Context;
using Verdict.Correlation;
using Verdict.Tests.Support;

namespace Verdict.Tests.Correlation;

public class TimelineTests
{
    private static readonly TimeZoneInfo Zone = TestData.NewYork;
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with
    {
        TimeZone = Zone,
        VpnEgress = TestData.Ranges("198.51.100.0/28"),
    };

    private static DateTime Day(int hour, int minute, int second = 0) => new(2026, 10, 28, hour, minute, second);

    private static List<TimelineEntry> Build(LogBuilder log, string alertIp = "185.220.101.34")
    {
        var alert = AlertBuilder.Make("ALR-7", "bob", AlertBuilder.At(Zone, 2026, 10, 28, 2, 20), "brute_force", alertIp,
            description: "12 failed logins");
        return Timeline.Build(CaseBuilder.For(alert, log.Build(), Context));
    }

    [Fact]
    public void Build_RunOfFailuresFromOneIp_IsOneEntryWithACount()
    {
        var log = new LogBuilder("bob", Zone)
            .Success(new DateTime(2026, 10, 20, 10, 0, 0), "10.1.0.1")
            .Failures(12, Day(2, 5), TimeSpan.FromSeconds(30), "185.220.101.34", "Amsterdam", "NL")
            .Success(Day(2, 14), "185.220.101.34", "Amsterdam", "NL");

        var entries = Build(log);

        Assert.Equal(3, entries.Count);
        Assert.Equal("12 failed logins from 185.220.101.34 (Amsterdam, NL)", entries[0].Text);
        Assert.Equal(AlertBuilder.At(Zone, 2026, 10, 28, 2, 5), entries[0].Time);
        Assert.Equal(AlertBuilder.At(Zone, 2026, 10, 28, 2, 10, 30), entries[0].Until);
        Assert.Equal("successful login from 185.220.101.34 (Amsterdam, NL) [new address, new country]", entries[1].Text);
        Assert.Equal(("alert", "ALERT ALR-7: brute_force - 12 failed logins"), (entries[2].Kind, entries[2].Text));
    }

    [Fact]
    public void Build_FailuresFromAlternatingIps_AreNotFoldedTogether()
    {
        var log = new LogBuilder("bob", Zone)
            .Failure(Day(2, 0), "1.1.1.1").Failure(Day(2, 1), "1.1.1.1")
            .Failure(Day(2, 2), "2.2.2.2")
            .Failure(Day(2, 3), "1.1.1.1");

        var logs = Build(log).Where(e => e.Kind == "log").Select(e => e.Text).ToList();

        Assert.Equal(["2 failed logins from 1.1.1.1 (Boston, US)", "failed login from 2.2.2.2 (Boston, US)", "failed login from 1.1.1.1 (Boston, US)"], logs);
    }

    [Fact]
    public void Build_VpnLogin_IsTaggedAsCorporateVpn()
    {
        var log = new LogBuilder("bob", Zone)
            .Success(new DateTime(2026, 10, 20, 10, 0, 0), "198.51.100.7", "Frankfurt", "DE")
            .Success(Day(2, 0), "198.51.100.7", "Frankfurt", "DE");

        var entry = Assert.Single(Build(log, "198.51.100.7"), e => e.Kind == "log");

        Assert.EndsWith("[corporate VPN]", entry.Text);
    }

    [Fact]
    public void Build_IsInTimeOrder()
    {
        var log = new LogBuilder("bob", Zone).Success(Day(1, 0), "10.1.0.1").Success(Day(3, 0), "10.1.0.1");

        var times = Build(log).Select(e => e.Time).ToList();

        Assert.Equal(times.Order(), times);
        Assert.Equal("alert", Build(log)[1].Kind);
    }
}
