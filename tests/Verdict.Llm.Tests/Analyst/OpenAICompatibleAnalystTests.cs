using System.Text.Json.Nodes;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Llm.Tools;
using Verdict.Tests.Support;
using static Verdict.Tests.LlmAnalysis.AnalystFixture;

namespace Verdict.Tests.LlmAnalysis;

/// <summary>The analyst through the OpenAI SDK against a local server speaking OpenAI chat completions (vLLM, llama.cpp, ...).</summary>
public sealed class OpenAICompatibleAnalystTests
{
    private static HttpReply Completion(string content) => HttpReply.Json(200, new JsonObject
    {
        ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1767225600, ["model"] = "local-fast",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = "stop" }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 1000, ["completion_tokens"] = 200, ["total_tokens"] = 1200, ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 600 } },
    }.ToJsonString());

    [Fact]
    public async Task A_local_openai_compatible_server_answers_after_a_429_and_its_cached_tokens_are_counted()
    {
        var token = TestContext.Current.CancellationToken;
        var count = 0;
        await using var server = LocalHttpServer.Answering(request =>
        {
            if (request.Method != "POST" || request.Path != "/v1/chat/completions") return HttpReply.Json(404, "{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
            return Interlocked.Increment(ref count) == 1
                ? HttpReply.Json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}") with { Headers = [new("retry-after", "1")] }
                : Completion(AnthropicServer.Answer("MALICIOUS", "HIGH", 0.9));
        });
        var options = new LlmOptions { Provider = LlmOptions.OpenAI, StrongModel = "local-strong", FastModel = "local-fast", CritiquePasses = 0 };
        var env = new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = new Uri(server.BaseUrl, "v1").ToString() };
        Assert.Empty(options.Validate(n => env.GetValueOrDefault(n)));
        var data = new ToolData(EnvironmentContext.Default, AuthLogs(), EnrichmentView.None, TimeProvider.System);
        using var analyst = new LlmAnalyst(options, model => ChatProviders.Create(options, model, n => env.GetValueOrDefault(n), TimeProvider.System), data, TimeProvider.System, TimeSpan.FromMilliseconds(10));

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("a1", Classification.Suspicious), null, token);

        Assert.Equal(2, count);
        Assert.Equal(1, analyst.Ledger.Retries);
        Assert.Equal("local-fast", record.Analyst);
        Assert.Equal(Classification.Malicious, assessment.Classification);
        Assert.Equal(600, record.CachedInputTokens);
        var body = JsonNode.Parse(server.Received.Last().Body)!;
        Assert.Equal("local-fast", (string?)body["model"]);
        Assert.Contains(body["tools"]!.AsArray(), t => (string?)t!["function"]!["name"] == "query_logs");
    }
}
