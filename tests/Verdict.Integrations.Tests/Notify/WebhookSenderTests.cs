using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Integrations.Notify;
using Verdict.Policy;
using Verdict.Reporting.Notifications;
using Verdict.Tests.Support;

namespace Verdict.Tests.Notify;

/// <summary>The webhook sender against a real HTTP server on 127.0.0.1 speaking Slack's answers (ok, 429 with Retry-After, 5xx, 4xx).</summary>
public sealed class WebhookSenderTests
{
    private static readonly Escalation Sample = new("A-1", Classification.Malicious, Severity.High, Decision.Escalate, "Takeover.",
        ["Brute force then success"], ["Was it you?"], "brute_force", "bob", null, null, []);

    private static readonly WebhookSenderOptions Fast = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(5) };

    private static NotifyTarget Target(LocalHttpServer server, string kind = "slack") =>
        new(kind, new Uri(server.BaseUrl, "services/T000/B000/secret-token-xyz"));

    [Fact]
    public async Task A_slack_429_is_retried_after_its_retry_after_and_the_block_kit_json_arrives()
    {
        var calls = 0;
        await using var server = LocalHttpServer.Answering(_ => Interlocked.Increment(ref calls) == 1
            ? new HttpReply(429, "rate_limited"u8.ToArray()) { Headers = [new("Retry-After", "1")] }
            : new HttpReply(200, "ok"u8.ToArray()));
        using var http = new HttpClient();
        var target = Target(server);
        var started = TimeProvider.System.GetTimestamp();

        var result = await new WebhookSender(http, TimeProvider.System, Fast).SendAsync(target, target.Payload(Sample), TestContext.Current.CancellationToken);

        Assert.Equal((true, 2, (string?)null), (result.Sent, result.Attempts, result.Error));
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "waited for Retry-After");
        var request = server.Received.Last();
        Assert.Equal(("POST", "/services/T000/B000/secret-token-xyz"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("header", body.RootElement.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported_without_the_secret_url()
    {
        await using var server = LocalHttpServer.Answering(_ => new HttpReply(503, "busy"u8.ToArray()));
        using var http = new HttpClient();
        var target = Target(server, "teams");

        var result = await new WebhookSender(http, TimeProvider.System, Fast).SendAsync(target, new JsonObject { ["x"] = 1 }, TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
        Assert.Equal(4, server.Received.Count); // one try and three retries
        Assert.Contains("HTTP 503 after 4 attempts", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", result.Error, StringComparison.Ordinal);
        Assert.Contains("teams (http://127.0.0.1/…)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_webhook_is_not_retried_and_a_long_retry_after_is_not_waited_for()
    {
        await using var gone = LocalHttpServer.Answering(_ => new HttpReply(404, "no_service"u8.ToArray()));
        await using var slow = LocalHttpServer.Answering(_ => new HttpReply(429, [])  { Headers = [new("Retry-After", "3600")] });
        using var http = new HttpClient();
        var sender = new WebhookSender(http, TimeProvider.System, Fast);

        var rejected = await sender.SendAsync(Target(gone), new JsonObject(), TestContext.Current.CancellationToken);
        var limited = await sender.SendAsync(Target(slow), new JsonObject(), TestContext.Current.CancellationToken);

        Assert.Equal((false, 1), (rejected.Sent, rejected.Attempts));
        Assert.Contains("HTTP 404", rejected.Error, StringComparison.Ordinal);
        Assert.Equal((false, 1), (limited.Sent, limited.Attempts));
        Assert.Contains("asked to wait 3600 s", limited.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack=https://hooks.slack.com/services/T/B/x", "slack")]
    [InlineData("THEHIVE=http://hive.local:9000/api/v1/alert", "thehive")]
    public void Targets_parse_and_display_without_their_path(string text, string kind)
    {
        var target = NotifyTarget.TryParse(text, out var error);

        Assert.Null(error);
        Assert.Equal(kind, target!.Kind);
        Assert.DoesNotContain(target.Url.AbsolutePath.Trim('/'), target.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_target_is_an_error_that_does_not_repeat_the_url()
    {
        Assert.Null(NotifyTarget.TryParse("pager=https://x/secret", out var kindError));
        Assert.Contains("KIND one of slack, teams", kindError, StringComparison.Ordinal);
        Assert.Null(NotifyTarget.TryParse("slack=ftp://x/secret", out var urlError));
        Assert.DoesNotContain("secret", urlError, StringComparison.Ordinal);
    }
}
