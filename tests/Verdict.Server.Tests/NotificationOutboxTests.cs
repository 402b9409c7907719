using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Verdict.Alerts;
using Verdict.Integrations.Notify;
using Verdict.Server;
using Verdict.Storage.Service;
using Verdict.Tests.Service;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>The notification outbox against real webhook receivers on 127.0.0.1, on SQLite and on PostgreSQL.</summary>
public sealed class NotificationOutboxTests
{
    // The webhook path is the secret part of an incoming-webhook URL; made up per run.
    private static readonly string Secret = "hook-" + Guid.NewGuid().ToString("N");

    private static ServerOptions Options(Uri webhook, CapturedLogs logs, int maxAttempts = 6) => new()
    {
        Workers = 1,
        NotifyTargets = [new NotifyTarget("webhook", new Uri(webhook, "/hooks/" + Secret))],
        NotifyMinSeverity = Severity.Low,
        NotifyRetryBase = TimeSpan.FromMilliseconds(100),
        NotifyPollInterval = TimeSpan.FromMilliseconds(50),
        NotifyMaxAttempts = maxAttempts,
        ConfigureLogging = l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug),
    };

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_failing_webhook_that_recovers_gets_every_escalation_exactly_once_and_auto_closed_alerts_only_recorded(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var delivered = new ConcurrentQueue<string>();
        var calls = 0;
        await using var webhook = LocalHttpServer.Answering(request =>
        {
            if (Interlocked.Increment(ref calls) <= 3) return HttpReply.Json(503, """{"error":"down for maintenance"}""");
            delivered.Enqueue(JsonNode.Parse(request.Body)!["alert_id"]!.GetValue<string>());
            return HttpReply.Json(200, "{}");
        });
        using var logs = new CapturedLogs();
        await using var s = await RunningServer.StartAsync(kind, Options(webhook.BaseUrl, logs), acme: true);
        await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, await File.ReadAllTextAsync(RunningServer.Acme("alerts.csv"), ct), "text/csv");
        await s.DrainAsync();

        var briefs = new List<(string AlertId, string SourceId, string Decision)>();
        foreach (var c in await s.Store.Store.ListCasesAsync(new CaseFilter(Limit: 1000), ct))
            foreach (var a in await s.Store.Store.CaseAlertsAsync(c.Id, ct)) briefs.Add((a.AlertId, a.SourceAlertId!, a.Decision));
        var escalated = briefs.Where(b => b.Decision == "escalate").ToList();
        var closed = briefs.Where(b => b.Decision == "auto_close").ToList();
        Assert.NotEmpty(escalated);
        Assert.NotEmpty(closed);

        var outbox = await WaitAsync(s.Store.Store, rows => rows.Count(r => r.Status == "sent") == escalated.Count, ct);
        Assert.Equal(escalated.Select(e => e.SourceId).Order(), delivered.Order()); // each escalation posted exactly once
        await Task.Delay(500, ct);
        Assert.Equal(escalated.Count, delivered.Count); // and nothing posted again afterwards
        Assert.Equal(escalated.Count + 3, Volatile.Read(ref calls));
        Assert.Contains(outbox, r => r.Status == "sent" && r.Attempts > 1); // the first deliveries failed, then were retried
        foreach (var c in closed)
        {
            var row = Assert.Single(outbox, r => r.AlertId == c.AlertId);
            Assert.Equal("not_posted", row.Status);
            Assert.False(string.IsNullOrWhiteSpace(row.Reason));
        }
        Assert.DoesNotContain(outbox, r => r.Status == "pending" || r.Status == "failed");

        // The webhook URL is a secret: scheme and host only, in the store, the logs and the API's answers.
        Assert.All(outbox.Where(r => r.Status == "sent"), r => Assert.Equal($"webhook (http://127.0.0.1/…)", r.TargetDisplay));
        Assert.Contains("127.0.0.1", logs.All, StringComparison.Ordinal);
        var answers = string.Join('\n',
            (await s.Store.Store.AuditAsync(limit: 10_000, cancellationToken: ct)).Select(a => a.Detail),
            JsonSerializer.Serialize(outbox),
            await (await s.SendAsync(HttpMethod.Get, "/metrics", s.ReaderKey)).Content.ReadAsStringAsync(ct),
            await (await s.SendAsync(HttpMethod.Get, "/cases/" + (await s.Store.Store.ListCasesAsync(new CaseFilter(Decision: "escalate"), ct))[0].Id, s.ReaderKey)).Content.ReadAsStringAsync(ct));
        foreach (var text in new[] { logs.All, answers })
        {
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
            Assert.DoesNotContain("/hooks/", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_webhook_that_never_answers_well_is_given_up_on_without_holding_up_triage(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var webhook = LocalHttpServer.Answering(_ => HttpReply.Json(500, "{}"));
        using var logs = new CapturedLogs();
        await using var s = await RunningServer.StartAsync(kind, Options(webhook.BaseUrl, logs, maxAttempts: 2), acme: true);
        await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, await File.ReadAllTextAsync(RunningServer.Acme("alerts.csv"), ct), "text/csv");
        await s.DrainAsync(); // every alert triaged while the webhook fails
        var counts = await s.Store.Store.CountAsync(ct);
        Assert.Equal(0, counts.Queued + counts.Processing);

        var outbox = await WaitAsync(s.Store.Store, rows => rows.Any(r => r.Target != "auto_close") && rows.All(r => r.Status != "pending"), ct);
        var failed = outbox.Where(r => r.Target != "auto_close").ToList();
        Assert.All(failed, r =>
        {
            Assert.Equal("failed", r.Status);
            Assert.Equal(2, r.Attempts);
            Assert.Contains("HTTP 500", r.LastError, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", r.LastError, StringComparison.Ordinal);
        });
        Assert.Contains("failed after 2 attempts", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", logs.All, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<OutboxRow>> WaitAsync(VerdictStore store, Func<IReadOnlyList<OutboxRow>, bool> done, CancellationToken ct)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var rows = await store.OutboxAsync(cancellationToken: ct);
            if (done(rows)) return rows;
            if (DateTime.UtcNow > until) Assert.Fail("outbox did not settle: " + string.Join(", ", rows.Select(r => $"{r.Status}/{r.Attempts}")));
            await Task.Delay(50, ct);
        }
    }
}
