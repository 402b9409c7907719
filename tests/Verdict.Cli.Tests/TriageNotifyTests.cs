using System.Text.Json;
using Verdict.Tests.Support;

namespace Verdict.Tests;

public sealed class TriageNotifyTests
{
    [Fact]
    public async Task Escalations_at_high_or_above_reach_slack_and_a_failing_teams_webhook_is_reported_without_failing_triage()
    {
        await using var slack = LocalHttpServer.Answering(_ => new HttpReply(200, "ok"u8.ToArray()));
        await using var teams = LocalHttpServer.Answering(_ => new HttpReply(403, "Forbidden"u8.ToArray()));
        using var cli = new CliRunner();

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml"),
            "--out", cli.PathOf("out"), "--quiet", "--feedback", "off",
            "--notify", $"slack={slack.BaseUrl}services/T0/B0/slack-secret", $"teams={teams.BaseUrl}webhookb2/teams-secret");

        Assert.Equal(0, code);
        using var briefs = JsonDocument.Parse(File.ReadAllText(cli.PathOf("out/investigation_briefs.json")));
        var expected = briefs.RootElement.EnumerateArray()
            .Where(b => b.TryGetProperty("decision", out var d) && d.GetString() == "escalate" && b.GetProperty("severity").GetString() is "HIGH" or "CRITICAL")
            .Select(b => b.GetProperty("alert_id").GetString()).ToList();
        Assert.NotEmpty(expected);
        var posted = slack.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("blocks")[2].GetProperty("fields")[0].GetProperty("text").GetString()!).ToList();
        Assert.Equal(expected.Select(id => $"*Alert*\n{id}"), posted);
        Assert.Equal(Math.Min(3, expected.Count), teams.Received.Count); // a 403 is not retried, and after 3 failures in a row the target rests
        Assert.Contains($"Notifications to slack (http://127.0.0.1/…): {expected.Count} of {expected.Count} escalation(s) at HIGH or above sent", cli.Output);
        Assert.Contains("Notifications to teams (http://127.0.0.1/…): 0 of", cli.Output);
        Assert.Contains("not delivered: ", cli.Output);
        Assert.Contains("HTTP 403", cli.Output);
        if (expected.Count > 3) Assert.Contains("failed 3 times in a row", cli.Output);
        Assert.DoesNotContain("secret", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_notify_target_is_a_usage_error_before_any_work()
    {
        using var cli = new CliRunner();
        Assert.Equal(2, await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--out", cli.PathOf("out"), "--notify", "pagerduty=https://x/secret"));
        Assert.Contains("--notify takes KIND=URL", cli.Output);
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }
}
