using System.Text;
using System.Text.Json;
using Verdict.Tests.Support;

namespace Verdict.Tests.Faults;

/// <summary>
/// `verdict triage --analyst claude` against a local Anthropic Messages API server that misbehaves on every request:
/// it hangs, resets the connection, answers 200 with garbage, cuts the answer short, or throttles (429 with
/// retry-after-ms or retry-after) past the retry budget, or for a day (not retried). Each run exits normally with a brief for every alert; the
/// alerts the model was asked about are marked degraded and keep exactly the offline verdict. Retry waits run on the
/// fake clock, which the harness moves on; the hang is bounded by --llm-timeout 1 (real seconds). After three alerts
/// failed in a row the provider is not called for a while (the circuit), so a dead API cannot hold a run for hours.
/// </summary>
public sealed class ModelFaultTests
{
    public static TheoryData<string, string> Faults => new()
    {
        { "hang", "timed out" },
        { "reset", "connection failed" },
        { "html", "unreadable response" },
        { "not-a-message", "unreadable response" },
        { "truncated", "connection failed" },
        { "throttle-ms", "HTTP 429" },
        { "throttle-seconds", "HTTP 429" },
        { "throttle-for-a-day", "HTTP 429, the server asked to wait 24 h" },
        { "overloaded", "HTTP 529" },
    };

    private static HttpReply Reply(string fault) => fault switch
    {
        "hang" => new HttpReply(200, []) { Hang = true },
        "reset" => new HttpReply(200, []) { Reset = true },
        "html" => new HttpReply(200, Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><h1>Welcome to the captive portal</h1></body></html>")),
        "not-a-message" => HttpReply.Json(200, """{"id": 7, "content": "yes", "usage": null}"""),
        "truncated" => new HttpReply(200, Encoding.UTF8.GetBytes("""{"id":"msg_01","type":"message","role":"assistant","content":[{"type":"text","text":"{\"classif"""), AnnouncedLength: 4096),
        "throttle-ms" => AnthropicServer.Error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit") with { Headers = [new("retry-after-ms", "1500")] },
        "throttle-seconds" => AnthropicServer.Error(429, "rate_limit_error", "Number of requests has exceeded your per-minute rate limit") with { Headers = [new("retry-after", "30")] },
        "throttle-for-a-day" => AnthropicServer.Error(429, "rate_limit_error", "Daily limit reached") with { Headers = [new("retry-after", "86400")] },
        "overloaded" => AnthropicServer.Error(529, "overloaded_error", "Overloaded"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Every_alert_gets_a_brief_and_the_ones_sent_to_the_model_keep_the_offline_verdict_marked_degraded(string fault, string note) =>
        await TriageAgainst(fault, note, []);

    [Fact]
    public async Task A_provider_that_keeps_failing_is_left_alone_after_three_failed_alerts()
    {
        // One call in flight at a time: without the circuit every one of the 6 alerts the model is asked about costs 5 attempts.
        var (server, run) = await TriageAgainst("overloaded", "HTTP 529", ["--llm-concurrency", "1"]);

        Assert.InRange(server, 3 * 5, 6 * 5 - 1);
        Assert.Contains(run.Briefs, b => Note(b).Contains("calls in a row after retries; not called again before", StringComparison.Ordinal));
        Assert.Contains("The model provider kept failing: it was not called for 2 min after 3 failed calls in a row", run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    /// <summary>Triage of the acme alerts against a model server answering every request with <paramref name="fault"/>: requests it got, and the run.</summary>
    private static async Task<(int Requests, FaultRun Run)> TriageAgainst(string fault, string note, string[] extra)
    {
        using var offline = new CliRunner();
        var baseline = await FaultRun.Triage(offline, [.. Acme(), "--analyst", "offline"]);
        Assert.Equal(0, baseline.ExitCode);
        var verdicts = baseline.Briefs.ToDictionary(Id, b => (Classification(b), Decision(b)));

        using var cli = new CliRunner();
        await using var server = new AnthropicServer((_, _) => Reply(fault));
        cli.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        var run = await WithClockRunning(cli, FaultRun.Triage(cli, [.. Acme(), "--analyst", "claude", "--llm-url", server.BaseUrl.ToString(), "--llm-timeout", "1", "--critique-passes", "0", .. extra]));

        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(baseline.Entries.Length);
        Assert.Empty(run.Errors);
        var asked = run.Briefs.Where(b => b.TryGetProperty("degraded", out var d) && d.GetBoolean()).ToList();
        Assert.NotEmpty(asked);
        var called = asked.Count(b => !b.TryGetProperty("duplicate_of", out _) && !Note(b).Contains("calls in a row", StringComparison.Ordinal));
        Assert.True(server.Count >= called, $"{server.Count} requests for {called} alerts that reached the model");
        Assert.DoesNotContain(run.Briefs, b => Analyst(b).StartsWith("claude-", StringComparison.Ordinal));
        // Every alert the model was asked about is degraded (the others were settled offline without a call).
        Assert.All(run.Briefs.Except(asked), b => Assert.StartsWith("clear case", Note(b), StringComparison.Ordinal));
        Assert.All(asked, b =>
        {
            Assert.Equal("offline", Analyst(b));
            Assert.Equal(verdicts[Id(b)], (Classification(b), Decision(b)));
            // Alerts asked after the circuit opened say so instead of the provider's own failure.
            if (!b.TryGetProperty("duplicate_of", out _)) Assert.True(Note(b).Contains(note, StringComparison.Ordinal) || Note(b).Contains("calls in a row", StringComparison.Ordinal), Note(b));
        });
        Assert.Contains(asked, b => Note(b).Contains(note, StringComparison.Ordinal));
        Assert.Contains($"{asked.Count} fell back offline", run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicServer.Key, run.Output, StringComparison.Ordinal);
        return (server.Count, run);
    }

    private static string[] Acme() => [CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml")];

    private static string Id(JsonElement b) => b.GetProperty("alert_id").GetString()!;
    private static string? Classification(JsonElement b) => b.GetProperty("classification").GetString();
    private static string? Decision(JsonElement b) => b.GetProperty("decision").GetString();
    private static string Analyst(JsonElement b) => b.GetProperty("analyst").GetString()!;
    private static string Note(JsonElement b) => b.TryGetProperty("analyst_note", out var n) ? n.GetString() ?? "" : "";

    /// <summary>Moves the run's fake clock on by a second every few milliseconds until the run ends (retry waits run on it).</summary>
    private static async Task<T> WithClockRunning<T>(CliRunner cli, Task<T> run)
    {
        while (!run.IsCompleted)
        {
            cli.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(run, Task.Delay(15, TestContext.Current.CancellationToken));
        }
        return await run;
    }
}
