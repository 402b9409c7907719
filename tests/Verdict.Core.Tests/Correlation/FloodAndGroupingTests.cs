using Verdict.Alerts;
using Verdict.Correlation;
using Verdict.Tests.Support;

namespace Verdict.Tests.Correlation;

public class FloodAndGroupingTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromHours(4);
    private static readonly DateTimeOffset Noon = new(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static Alert A(string id, string? user, double minutes, string? host = null, string? ip = null, string rule = "suspicious_login") =>
        AlertBuilder.Make(id, user, Noon.AddMinutes(minutes), rule, ip: ip) with { Host = host };

    private static List<string[]> Ids(List<Incident> incidents) => [.. incidents.Select(i => i.Alerts.Select(a => a.Id).ToArray())];

    [Fact]
    public void Group_AlertsSharingAHostOrAnAddressWithinTheGap_AreOneIncident()
    {
        Alert[] alerts =
        [
            A("bob-ws1", "bob", 0, host: "ws1"),
            A("carol-ws1", "carol", 60, host: "ws1", ip: "203.0.113.9"),
            A("dave-same-ip", "dave", 90, ip: "203.0.113.9"),  // linked to carol by the address, so to bob too
            A("erin-ws1-late", "erin", 600, host: "ws1"),      // the same host, but 8.5 h after carol
            A("frank", "frank", 5),
        ];

        var incidents = IncidentGrouper.Group(alerts, Gap, perAlert: false, new FloodOptions());

        Assert.Equal([["bob-ws1", "carol-ws1", "dave-same-ip"], ["erin-ws1-late"], ["frank"]], Ids(incidents));
        Assert.Equal(["bob", "carol", "dave"], incidents[0].Users);
    }

    [Fact]
    public void Group_SharedVpnExitsLinkNobody()
    {
        Alert[] alerts = [A("a", "george", 0, ip: "198.51.100.7"), A("b", "julia", 30, ip: "198.51.100.7")];

        Assert.Single(IncidentGrouper.Group(alerts, Gap, false, new FloodOptions()));
        Assert.Equal(2, IncidentGrouper.Group(alerts, Gap, false, new FloodOptions(), TestData.Ranges("198.51.100.0/28")).Count);
    }

    [Fact]
    public void Group_AFloodOfOneRuleBecomesOneOverflowIncident()
    {
        var spray = Enumerable.Range(0, 60).Select(i => A($"spray-{i}", $"user{i}", i * 0.1, rule: "password_spray")).ToList();
        var slow = Enumerable.Range(0, 5).Select(i => A($"slow-{i}", $"other{i}", 100 + i * 30, rule: "password_spray")).ToList();
        Alert[] alerts = [A("first", "zed", -1), .. spray, .. slow];

        var incidents = IncidentGrouper.Group(alerts, Gap, false, new FloodOptions { Threshold = 50, Window = TimeSpan.FromMinutes(10) });

        var overflow = Assert.Single(incidents, i => i.Overflow);
        Assert.Equal(spray.Select(a => a.Id), overflow.Alerts.Select(a => a.Id));
        Assert.Equal("INC-0002", overflow.Id);
        Assert.Equal(1 + 1 + 5, incidents.Count);
    }

    [Fact]
    public void FloodCap_ExactlyTheThresholdIsNoFlood()
    {
        var alerts = Enumerable.Range(0, 50).Select(i => A($"s{i}", $"u{i}", i * 0.1, rule: "spray")).ToList();

        var (floods, others) = FloodCap.Split(alerts, new FloodOptions());

        Assert.Empty(floods);
        Assert.Equal(50, others.Count);
        Assert.Single(FloodCap.Split([.. alerts, A("s50", "u50", 9, rule: "spray")], new FloodOptions()).Floods);
    }

    [Fact]
    public void Group_PerAlert_KeepsEveryAlertApartEvenInAFlood()
    {
        var alerts = Enumerable.Range(0, 60).Select(i => A($"s{i}", $"u{i}", i * 0.1, rule: "spray")).ToList();

        var incidents = IncidentGrouper.Group(alerts, Gap, perAlert: true, new FloodOptions());

        Assert.Equal(60, incidents.Count);
        Assert.DoesNotContain(incidents, i => i.Overflow);
    }
}
