using Verdict.Policy;
using Verdict.Tests.Support;

namespace Verdict.Tests.Pipeline;

/// <summary>The bundled samples/acme files (gzipped activity log) give the labelled outcome.</summary>
public class CommittedSampleTests
{
    private static readonly Lazy<DemoTriage> Acme = new(() => DemoTriage.Run(Path.Combine(TestData.RepoRoot(), "samples", "acme"), "auth_logs.csv.gz"));

    [Fact]
    public void Run_SamplesAcme_ReadsEveryFileAndTriagesEveryAlert()
    {
        var t = Acme.Value;

        Assert.Empty(t.LoadErrors);
        Assert.True(t.Result.LogEvents > 10_000, $"only {t.Result.LogEvents} log events from the gzipped log");
        Assert.Equal(t.InputIds, t.Result.Alerts.Select(a => a.Alert?.Id));
        Assert.Equal(t.InputIds.Count, t.Labels.Count);
    }

    [Fact]
    public void Run_SamplesAcme_NeverEscalatesABenignLabelOrClosesAnAttack()
    {
        var t = Acme.Value;

        Assert.Empty(TriageRunTests.Mislabelled(t, Decision.AutoClose, Decision.Escalate));
        Assert.Empty(TriageRunTests.Mislabelled(t, Decision.Escalate, Decision.AutoClose));
    }

    [Fact]
    public void Run_SamplesAcme_EscalatesEveryAlertLabelledEscalate()
    {
        var t = Acme.Value;

        var missed = t.Result.Alerts.Where(o => t.Labels[o.Alert!.Id].Expected == Decision.Escalate && o.Decision!.Decision != Decision.Escalate)
            .Select(o => $"{o.Alert!.Id}: {o.Decision!.Reason}");

        Assert.Empty(missed);
    }
}
