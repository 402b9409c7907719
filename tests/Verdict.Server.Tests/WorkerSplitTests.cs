using System.Globalization;
using Verdict.Context;
using Verdict.Logs;
using Verdict.Server;
using Verdict.Server.Triage;
using Verdict.Storage.Service;
using Verdict.Tests.Service;

namespace Verdict.Tests;

/// <summary>Two servers on one database split the queue: every alert triaged exactly once, none lost, even one a dead worker held.</summary>
public sealed class WorkerSplitTests
{
    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Two_servers_split_a_batch_and_take_over_the_alerts_of_a_worker_that_died_mid_alert(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var t = await TestStore.CreateAsync(kind);
        var alerts = Enumerable.Range(1, 150).Select(n =>
        {
            var json = $$"""{"id":"S-{{n}}","@timestamp":"2026-11-20T{{(n % 24).ToString("00", CultureInfo.InvariantCulture)}}:15:00Z","rule_name":"Encoded PowerShell","user":"user{{n % 10}}","message":"alert {{n}}"}""";
            return new NewAlert(json, "batch", "fp-" + n.ToString(CultureInfo.InvariantCulture));
        }).ToList();
        await t.Store.EnqueueAsync(alerts, DateTimeOffset.UtcNow, ct);
        // A worker claims five alerts and dies before writing them: their lease runs out after a second.
        var orphans = await t.Store.ClaimAsync("dead-worker", 5, TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow, ct);

        var options = new ServerOptions { Urls = "http://127.0.0.1:0", Workers = 1, ClaimBatch = 4, PollInterval = TimeSpan.FromMilliseconds(20) };
        var engine = new TriageEngine(EnvironmentContext.Default, LogStore.Empty, TimeProvider.System);
        var second = t.OpenAnother();
        await using var a = await VerdictServer.StartAsync(options, t.Store, engine, cancellationToken: ct);
        await using var b = await VerdictServer.StartAsync(options, second, engine, cancellationToken: ct);
        var until = DateTime.UtcNow.AddSeconds(90);
        QueueCounts counts;
        while ((counts = await t.Store.CountAsync(ct)).Done < alerts.Count && DateTime.UtcNow < until) await Task.Delay(50, ct);
        await a.StopAsync(ct);
        await b.StopAsync(ct);
        if (second is IAsyncDisposable d) await d.DisposeAsync();

        Assert.Equal(new QueueCounts(0, 0, alerts.Count, 0), counts);
        var processedBy = await t.Store.ProcessedByAsync(ct);
        var servers = processedBy.Values.Select(w => w![..w!.LastIndexOf(':')]).Distinct().ToList();
        Assert.Equal(2, servers.Count); // both servers did part of the work
        Assert.DoesNotContain("dead-worker", processedBy.Values);
        var decisions = (await t.Store.AuditAsync(limit: 10_000, cancellationToken: ct)).Where(e => e.Kind == "decision").GroupBy(e => e.Subject).ToList();
        Assert.Equal(alerts.Count, decisions.Count);
        Assert.All(decisions, g => Assert.Single(g)); // exactly once
        foreach (var orphan in orphans)
        {
            var row = await t.Store.GetAlertAsync(orphan.Id, ct);
            Assert.Equal(("done", 2), (row!.Status, row.Attempts));
            Assert.NotNull(row.BriefJson);
        }
    }
}
