using System.Text.Json.Nodes;
using Verdict.Analysis;
using Verdict.Llm.Analyst;
using Verdict.Tests.Support;
using static Verdict.Tests.LlmAnalysis.AnalystFixture;

namespace Verdict.Tests.LlmAnalysis;

public sealed class ToolSafetyTests
{
    private static readonly LlmOptions NoCritique = new() { CritiquePasses = 0 };
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IEnumerable<JsonNode> ToolResults(ReceivedRequest request) =>
        JsonNode.Parse(request.Body)!["messages"]!.AsArray().SelectMany(m => m!["content"] is JsonArray a ? a : []).Where(c => (string?)c!["type"] == "tool_result")!;

    [Fact]
    public async Task A_staging_action_is_recorded_as_a_proposal_and_never_sent()
    {
        await using var server = new AnthropicServer((_, n) => n == 0
            ? AnthropicServer.ToolUse("post_to_slack", new JsonObject { ["channel"] = "#soc", ["message"] = "jdoe brute force" })
            : AnthropicServer.Text(AnthropicServer.Answer("MALICIOUS", "HIGH")));
        using var analyst = Analyst(server, NoCritique);

        var (_, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.Equal(2, server.Count);
        var proposal = Assert.Single(record.Proposals);
        Assert.Contains("post_to_slack", proposal, StringComparison.Ordinal);
        Assert.Contains("#soc", proposal, StringComparison.Ordinal);
        Assert.Empty(record.ToolCalls);
        var result = Assert.Single(ToolResults(server.Requests.Last()));
        Assert.Equal("toolu_01", (string?)result["tool_use_id"]);
        Assert.DoesNotContain("not sent: staging", result.ToJsonString(), StringComparison.Ordinal); // the function itself never ran
    }

    [Fact]
    public async Task A_failing_tool_call_reaches_the_model_as_a_short_message_without_internals()
    {
        await using var server = new AnthropicServer((_, n) => n == 0
            ? AnthropicServer.ToolUse("query_logs", new JsonObject { ["max_rows"] = "not a number" })
            : AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS")));
        using var analyst = Analyst(server, NoCritique);

        var (_, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, Token);

        Assert.False(record.Degraded);
        var result = Assert.Single(ToolResults(server.Requests.Last())).ToJsonString();
        Assert.True(result.Length < 400, result);
        Assert.DoesNotContain(" at Verdict.", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result, StringComparison.Ordinal);
    }
}
