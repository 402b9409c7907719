using System.Text.Json.Nodes;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Llm.Analyst;

using Verdict.Policy;
using Verdict.Reporting;
using Verdict.Storage.Logs;
using Verdict.Tests.Support;
using static Verdict.Tests.LlmAnalysis.AnalystFixture;

namespace Verdict.Tests.LlmAnalysis;

public sealed class LlmAnalystTests
{
    private static readonly LlmOptions NoCritique = new() { CritiquePasses = 0 };
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tool_use_round_trip_reaches_query_logs_and_feeds_the_rows_back()
    {
        var logs = AnalystFixture.AuthLogs();
        using var duck = DuckLogStore.Create(logs.For("jdoe"));
        await using var server = new AnthropicServer((body, n) => n == 0
            ? AnthropicServer.ToolUse("query_logs", new JsonObject { ["sql"] = "SELECT count(*) AS failures FROM auth_events WHERE NOT success" })
            : AnthropicServer.Text(AnthropicServer.Answer("MALICIOUS", "HIGH")));
        using var analyst = Analyst(server, NoCritique, duck);

        var (assessment, decision, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(2, server.Count);
        var second = JsonNode.Parse(server.Requests.Last().Body)!;
        var toolResult = second["messages"]!.AsArray().SelectMany(m => m!["content"] is JsonArray a ? a : []).Single(c => (string?)c!["type"] == "tool_result");
        Assert.Equal("toolu_01", (string?)toolResult!["tool_use_id"]);
        // The tool's text result, as the SDK sent it: the query's columns and rows (4 failures in the log).
        var rows = JsonNode.Parse((string)toolResult["content"]!)!;
        Assert.Equal("failures", (string?)rows["columns"]![0]);
        Assert.Equal("4", (string?)rows["rows"]![0]![0]);
        Assert.Equal(Classification.Malicious, assessment.Classification);
        Assert.Equal(Decision.Escalate, decision.Decision);
        Assert.Equal(["query_logs"], record.ToolCalls);
        Assert.Equal("claude-haiku-4-5", record.Analyst); // a MEDIUM alert goes to the fast model
        Assert.Equal(2, record.LlmCalls);
    }

    [Fact]
    public async Task The_system_prompt_carries_cache_control_and_the_alert_is_wrapped_as_untrusted_data()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS"), cacheRead: 1800));
        using var analyst = Analyst(server, NoCritique);

        var (_, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        var request = server.Requests.Single();
        Assert.Equal("POST", request.Method);
        Assert.NotNull(request.Header("anthropic-version"));
        var body = JsonNode.Parse(request.Body)!;
        var system = body["system"]!.AsArray();
        Assert.Equal("ephemeral", (string?)system[^1]!["cache_control"]!["type"]);
        Assert.Contains("Acme", (string?)system[^1]!["text"], StringComparison.Ordinal);
        Assert.Contains("<alert_data>", request.Body, StringComparison.Ordinal);
        Assert.Equal(1800, record.CachedInputTokens);
        Assert.Equal(1800, analyst.Ledger.Usage.CachedReadTokens);
    }

    [Fact]
    public async Task Malformed_json_is_repaired_once_then_used()
    {
        await using var server = new AnthropicServer((_, n) => AnthropicServer.Text(n == 0 ? "I think it is bad {\"classification\": " : AnthropicServer.Answer("MALICIOUS", "HIGH")));
        using var analyst = Analyst(server, NoCritique);

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(2, server.Count);
        Assert.Contains("could not be used", server.Requests.Last().Body, StringComparison.Ordinal);
        Assert.False(record.Degraded);
        Assert.Equal(Classification.Malicious, assessment.Classification);
    }

    [Fact]
    public async Task Malformed_twice_falls_back_to_the_offline_assessment_marked_degraded_with_the_raw_text()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Text("{\"classification\": \"PROBABLY FINE\"}"));
        using var analyst = Analyst(server, NoCritique);
        var outcome = Outcome("a1", Classification.Suspicious);

        var (assessment, decision, record) = await analyst.InvestigateAsync(outcome, null, Token);

        Assert.Equal(2, server.Count);
        Assert.True(record.Degraded);
        Assert.Equal("offline", record.Analyst);
        Assert.Same(outcome.Assessment, assessment);
        Assert.Equal(outcome.Decision, decision);
        Assert.Contains("PROBABLY FINE", record.RawModelText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_retry_after_then_success_is_retried()
    {
        await using var server = new AnthropicServer((_, n) => n == 0
            ? AnthropicServer.Error(429, "rate_limit_error", "slow down") with { Headers = [new("retry-after", "1")] }
            : n == 1 ? AnthropicServer.Error(529, "overloaded_error", "Overloaded")
            : AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS")));
        using var analyst = Analyst(server, NoCritique);

        var (_, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(3, server.Count);
        Assert.False(record.Degraded);
        Assert.Equal(2, analyst.Ledger.Retries);
    }

    [Fact]
    public async Task Persistent_500s_fall_back_offline_and_keep_the_alert()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Error(500, "api_error", "Internal server error"));
        using var analyst = Analyst(server, NoCritique with { MaxRetries = 2 });

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(3, server.Count);
        Assert.True(record.Degraded);
        Assert.Equal(Classification.Suspicious, assessment.Classification);
        Assert.Contains("HTTP 500", record.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_the_api_key_appears_nowhere()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Error(400, "invalid_request_error", "bad request"));
        using var analyst = Analyst(server, NoCritique);
        var outcome = Outcome("a1", Classification.Suspicious);

        var (assessment, decision, record) = await analyst.InvestigateAsync(outcome, null, Token);

        Assert.Equal(1, server.Count);
        Assert.Equal("Bearer " + AnthropicServer.Key, server.Requests.Single().Header("authorization"));
        Assert.Contains("HTTP 400", record.Note, StringComparison.Ordinal);
        var brief = System.Text.Json.JsonSerializer.Serialize(BriefEntry.From(outcome with { Assessment = assessment, Decision = decision, Analyst = record }), VerdictJson.Default.BriefEntry);
        Assert.DoesNotContain(AnthropicServer.Key, brief, StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicServer.Key, record.Note ?? "", StringComparison.Ordinal);
        Assert.True(record.Degraded);
    }

    [Fact]
    public async Task Self_critique_passes_revise_the_strong_models_answer()
    {
        // A HIGH alert: the fast model's first pass is unsure (0.6), the strong model answers BENIGN, then revises twice.
        await using var server = new AnthropicServer((_, n) => AnthropicServer.Text(
            n == 0 ? AnthropicServer.Answer("SUSPICIOUS", "HIGH", 0.6) : AnthropicServer.Answer(n < 3 ? "BENIGN" : "MALICIOUS", "HIGH")));
        using var analyst = Analyst(server); // default: 2 critique passes

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious, severity: Severity.High), null, Token);

        Assert.Equal(4, server.Count);
        Assert.Contains("Self-critique, pass 2 of 2", server.Requests.Last().Body, StringComparison.Ordinal);
        Assert.Equal(Classification.Malicious, assessment.Classification);
        Assert.Equal(4, record.LlmCalls);
    }

    [Fact]
    public async Task The_fast_models_answer_on_a_medium_alert_is_not_critiqued()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Text(AnthropicServer.Answer("BENIGN", "LOW")));
        using var analyst = Analyst(server);

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(1, server.Count);
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.Equal("claude-haiku-4-5", record.Analyst);
    }
}
