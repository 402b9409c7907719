using Verdict.Alerts;
using Verdict.Pipeline;
using Verdict.Policy;
using Verdict.Tests.Support;

namespace Verdict.Tests.Pipeline;

/// <summary>The generated demo company, end to end in-process.</summary>
public class TriageRunTests(GeneratedDemo demo) : IClassFixture<GeneratedDemo>
{
    private TriageResult Result => demo.Triage.Result;

    private IEnumerable<AlertOutcome> For(string user) => Result.Alerts.Where(a => a.Alert!.User == user);

    [Fact]
    public void Run_Demo_LoadsWithoutErrors()
    {
        Assert.Empty(demo.Triage.LoadErrors);
        Assert.True(Result.LogEvents > 10_000, $"only {Result.LogEvents} log events");
        Assert.Equal(DemoTriage.Now, Result.GeneratedAt);
    }

    [Fact]
    public void Run_Demo_EveryAlertAppearsOnceInInputOrder()
    {
        Assert.Equal(20, demo.Triage.InputIds.Count);
        Assert.Equal(demo.Triage.InputIds, Result.Alerts.Select(a => a.Alert?.Id));
        Assert.Equal(20, Result.Triaged);
        Assert.Equal(0, Result.Errors);
        Assert.Equal(Result.Alerts.Select(a => a.Source.Line), Result.Alerts.Select(a => a.Source.Line).Order());
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("carol")]
    public void Run_Demo_TakeoverVictimsAreEscalatedAtHighOrCritical(string user)
    {
        var outcomes = For(user).ToList();

        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o =>
        {
            Assert.Equal(Decision.Escalate, o.Decision!.Decision);
            Assert.True(o.Assessment!.Severity >= Severity.High, $"{o.Alert!.Id} is {o.Assessment.Severity}");
        });
    }

    [Fact]
    public void Run_Demo_BobsTwoAlertsShareOneIncident()
    {
        var ids = For("bob").Select(o => o.IncidentId).Distinct().ToList();

        var id = Assert.Single(ids);
        Assert.NotNull(id);
        var incident = Assert.Single(Result.Incidents, i => i.Incident.Id == id);
        Assert.Equal(2, incident.Incident.Alerts.Count);
        Assert.NotEmpty(incident.Timeline);
    }

    [Fact]
    public void Run_Demo_NoAlertLabelledAutoCloseIsEscalated() =>
        Assert.Empty(Mislabelled(demo.Triage, Decision.AutoClose, Decision.Escalate));

    [Fact]
    public void Run_Demo_NoAlertLabelledEscalateIsAutoClosed() =>
        Assert.Empty(Mislabelled(demo.Triage, Decision.Escalate, Decision.AutoClose));

    [Fact]
    public void Run_Demo_IncidentIdsFollowInputOrder()
    {
        var firstSeen = Result.Alerts.Select(a => a.IncidentId!).Distinct().ToList();

        Assert.Equal(Enumerable.Range(1, firstSeen.Count).Select(n => $"INC-{n:D4}"), firstSeen);
    }

    internal static List<string> Mislabelled(DemoTriage triage, Decision expected, Decision forbidden) =>
    [
        .. triage.Result.Alerts
            .Where(o => triage.Labels[o.Alert!.Id].Expected == expected && o.Decision!.Decision == forbidden)
            .Select(o => $"{o.Alert!.Id} ({triage.Labels[o.Alert.Id].Scenario}): {o.Decision!.Reason}"),
    ];
}
