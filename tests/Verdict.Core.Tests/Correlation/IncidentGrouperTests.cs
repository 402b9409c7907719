using Verdict.Alerts;
using Verdict.Correlation;
using Verdict.Tests.Support;

namespace Verdict.Tests.Correlation;

public class IncidentGrouperTests
{
    private static readonly TimeSpan Gap = TimeSpan.FromHours(4);
    private static readonly DateTimeOffset Noon = new(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static Alert A(string id, string? user, double hoursAfterNoon, string? ip = null) =>
        AlertBuilder.Make(id, user, Noon.AddHours(hoursAfterNoon), ip: ip);

    private static List<string[]> Ids(List<Incident> incidents) => [.. incidents.Select(i => i.Alerts.Select(a => a.Id).ToArray())];

    [Fact]
    public void Group_SameUserWithinGap_IsOneIncident()
    {
        var incidents = IncidentGrouper.Group([A("a1", "bob", 0), A("a2", "bob", 3.5)], Gap);

        var incident = Assert.Single(incidents);
        Assert.Equal("INC-0001", incident.Id);
        Assert.Equal("bob", incident.User);
        Assert.Equal(["a1", "a2"], incident.Alerts.Select(a => a.Id));
        Assert.Equal((Noon, Noon.AddHours(3.5)), (incident.First!.Value, incident.Last!.Value));
    }

    [Fact]
    public void Group_GapIsMeasuredBetweenConsecutiveAlerts()
    {
        var incidents = IncidentGrouper.Group([A("a1", "bob", 0), A("a2", "bob", 3), A("a3", "bob", 6)], Gap);

        Assert.Equal([["a1", "a2", "a3"]], Ids(incidents));
    }

    [Fact]
    public void Group_SameUserBeyondGap_IsTwoIncidents()
    {
        var incidents = IncidentGrouper.Group([A("a1", "bob", 0), A("a2", "bob", 4.5)], Gap);

        Assert.Equal([["a1"], ["a2"]], Ids(incidents));
        Assert.Equal(["INC-0001", "INC-0002"], incidents.Select(i => i.Id));
    }

    [Fact]
    public void Group_DifferentUsersAtTheSameTime_AreSeparate()
    {
        var incidents = IncidentGrouper.Group([A("a1", "bob", 0), A("a2", "carol", 0), A("a3", "ACME\\Bob", 0.5)], Gap);

        Assert.Equal([["a1", "a3"], ["a2"]], Ids(incidents));
        Assert.Equal(["user:bob", "user:carol"], incidents.Select(i => i.Key));
    }

    [Fact]
    public void Group_PerAlert_GivesOneIncidentPerAlertInInputOrder()
    {
        var incidents = IncidentGrouper.Group([A("a1", "bob", 0), A("a2", "bob", 0.1), A("a3", "bob", 0.2)], Gap, perAlert: true);

        Assert.Equal([["a1"], ["a2"], ["a3"]], Ids(incidents));
        Assert.Equal(["INC-0001", "INC-0002", "INC-0003"], incidents.Select(i => i.Id));
    }

    [Fact]
    public void Group_IdsFollowTheInputPositionOfEachIncidentsFirstAlert()
    {
        // carol's alert comes second in the file but is the earliest; bob's later-in-file alert is his earliest.
        Alert[] alerts = [A("x1", "bob", 2), A("x2", "carol", -5), A("x3", "dave", 1), A("x4", "bob", 0)];

        var incidents = IncidentGrouper.Group(alerts, Gap);

        Assert.Equal([["x1", "x4"], ["x2"], ["x3"]], Ids(incidents));
        Assert.Equal(["INC-0001", "INC-0002", "INC-0003"], incidents.Select(i => i.Id));
    }

    [Fact]
    public void Group_SameInputTwice_GivesTheSameIds()
    {
        Alert[] alerts = [A("x1", "bob", 2), A("x2", "carol", -5), A("x3", "bob", 9), A("x4", null, 0, "1.2.3.4")];

        Assert.Equal(Ids(IncidentGrouper.Group(alerts, Gap)), Ids(IncidentGrouper.Group(alerts, Gap)));
    }

    [Fact]
    public void Group_AlertsWithoutUser_GroupBySourceIp()
    {
        var incidents = IncidentGrouper.Group([A("a1", null, 0, "1.2.3.4"), A("a2", null, 1, "1.2.3.4"), A("a3", null, 1, "5.6.7.8")], Gap);

        Assert.Equal([["a1", "a2"], ["a3"]], Ids(incidents));
        Assert.Equal("ip:1.2.3.4", incidents[0].Key);
    }

    [Fact]
    public void Group_AlertsWithoutTime_GroupWithNothing()
    {
        var untimed = AlertBuilder.Make("u1", "bob", null);
        var incidents = IncidentGrouper.Group([A("a1", "bob", 0), untimed, AlertBuilder.Make("u2", "bob", null)], Gap);

        Assert.Equal([["a1"], ["u1"], ["u2"]], Ids(incidents));
    }
}
