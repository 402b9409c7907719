using System.Text.Json.Nodes;
using Verdict.Analysis;
using Verdict.Llm.Analyst;
using Verdict.Storage.Logs;
using Verdict.Tests.Support;
using static Verdict.Tests.LlmAnalysis.AnalystFixture;

namespace Verdict.Tests.LlmAnalysis;

/// <summary>The iteration cap and the consecutive-error cap, each on its own: the alert still ends triaged and the run says which cap stopped the model.</summary>
public sealed class ToolCapTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static bool OffersTools(JsonNode body) => body["tools"] is JsonArray { Count: > 0 };

    [Fact]
    public async Task A_model_that_keeps_calling_tools_is_stopped_by_the_iteration_cap_and_still_answers()
    {
        // Calls query_logs whenever tools are offered; answers only when they are not (the loop's last turn or the repair).
        await using var server = new AnthropicServer((body, n) => OffersTools(body)
            ? AnthropicServer.ToolUse("query_logs", new JsonObject { ["sql"] = "SELECT count(*) FROM auth_events" }, $"toolu_{n:00}")
            : AnthropicServer.Text(AnthropicServer.Answer("MALICIOUS", "HIGH", 0.9)));
        using var duck = DuckLogStore.Create(AuthLogs().All);
        var options = new LlmOptions { CritiquePasses = 0, MaxToolIterations = 3 };
        using var analyst = Analyst(server, options, duck);

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("c1", Classification.Suspicious), null, Token);

        Assert.False(record.Degraded, record.Note);
        Assert.Equal(Classification.Malicious, assessment.Classification);
        Assert.Contains("the tool-call cap (3 rounds) was reached", record.Note, StringComparison.Ordinal);
        Assert.InRange(record.ToolCalls.Count, 1, 3);
        Assert.All(record.ToolCalls, t => Assert.Equal("query_logs", t));
        Assert.InRange(server.Count, 3, 5);
    }

    [Fact]
    public async Task A_model_that_keeps_calling_a_failing_tool_is_stopped_by_the_consecutive_error_cap()
    {
        // The log store is closed under the tool: every query_logs call throws, and the model keeps asking.
        await using var server = new AnthropicServer((body, n) => OffersTools(body)
            ? AnthropicServer.ToolUse("query_logs", new JsonObject { ["sql"] = "SELECT 1" }, $"toolu_{n:00}")
            : AnthropicServer.Text(AnthropicServer.Answer("BENIGN")));
        var duck = DuckLogStore.Create(AuthLogs().All);
        duck.Dispose();
        var options = new LlmOptions { CritiquePasses = 0, MaxToolIterations = 20, MaxConsecutiveToolErrors = 2 };
        using var analyst = Analyst(server, options, duck);
        var outcome = Outcome("c2", Classification.Suspicious);

        var (assessment, decision, record) = await analyst.InvestigateAsync(outcome, null, Token);

        Assert.True(record.Degraded, $"{record.Note} after {server.Count} requests, tools {string.Join(",", record.ToolCalls)}");
        Assert.Same(outcome.Assessment, assessment);
        Assert.Equal(outcome.Decision!.Decision, decision.Decision);
        Assert.Equal("the tool query_logs kept failing (consecutive-error cap 2): offline assessment", record.Note);
        Assert.Equal(3, server.Count); // two failures go back to the model; the third ends the loop
        Assert.All(server.Requests, r => Assert.DoesNotContain("Disposed", r.Body, StringComparison.Ordinal)); // short safe messages only
    }
}
