using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Llm.Tools;
using Verdict.Storage.Logs;
using Verdict.Tests.Support;
using static Verdict.Tests.LlmAnalysis.AnalystFixture;

namespace Verdict.Tests.LlmAnalysis;

/// <summary>
/// The analyst through OllamaSharp against a local server speaking Ollama's POST /api/chat: NDJSON chunks when the
/// request streams, one JSON object when it does not, tool_calls with object arguments, and {"error": "..."} on failure.
/// </summary>
public sealed class OllamaAnalystTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject Chunk(string model, JsonObject message, bool done) => new()
    {
        ["model"] = model, ["created_at"] = "2026-11-01T08:30:00Z", ["message"] = message, ["done"] = done,
    };

    /// <summary>One assistant message the way Ollama sends it: streamed as content chunks then a final done line, or whole.</summary>
    private static HttpReply Reply(JsonNode request, JsonObject message)
    {
        var model = (string)request["model"]!;
        var final = Chunk(model, message, true);
        final["done_reason"] = "stop";
        final["prompt_eval_count"] = 900;
        final["eval_count"] = 150;
        if (request["stream"] is JsonValue s && !s.GetValue<bool>()) return HttpReply.Json(200, final.ToJsonString());
        var content = (string?)message["content"] ?? "";
        var lines = new List<string>();
        for (var i = 0; i < content.Length; i += 40)
            lines.Add(Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = content.Substring(i, Math.Min(40, content.Length - i)) }, false).ToJsonString());
        final["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = message["tool_calls"]?.DeepClone() };
        lines.Add(final.ToJsonString());
        return HttpReply.Json(200, string.Join('\n', lines) + "\n");
    }

    private static (LlmAnalyst Analyst, LlmOptions Options) Analyst(LocalHttpServer server, DuckLogStore duck)
    {
        var options = new LlmOptions { Provider = LlmOptions.Ollama, CritiquePasses = 0 };
        var env = new Dictionary<string, string?> { ["OLLAMA_HOST"] = server.BaseUrl.ToString() };
        Assert.Empty(options.Validate(n => env.GetValueOrDefault(n)));
        var data = new ToolData(EnvironmentContext.Default, AuthLogs(), EnrichmentView.None, TimeProvider.System) { LogStore = duck };
        return (new LlmAnalyst(options, m => ChatProviders.Create(options, m, n => env.GetValueOrDefault(n), TimeProvider.System), data, TimeProvider.System, TimeSpan.FromMilliseconds(10)), options);
    }

    [Fact]
    public async Task A_local_ollama_model_calls_query_logs_gets_the_rows_and_answers()
    {
        var bodies = new ConcurrentQueue<JsonNode>();
        await using var server = LocalHttpServer.Answering(request =>
        {
            if (request.Method != "POST" || request.Path != "/api/chat") return HttpReply.Json(404, "{\"error\":\"404 page not found\"}");
            var body = JsonNode.Parse(request.Body)!;
            bodies.Enqueue(body);
            return bodies.Count == 1
                ? Reply(body, new JsonObject
                {
                    ["role"] = "assistant", ["content"] = "",
                    ["tool_calls"] = new JsonArray(new JsonObject { ["function"] = new JsonObject { ["name"] = "query_logs", ["arguments"] = new JsonObject { ["sql"] = "SELECT count(*) AS failures FROM auth_events WHERE NOT success" } } }),
                })
                : Reply(body, new JsonObject { ["role"] = "assistant", ["content"] = AnthropicServer.Answer("MALICIOUS", "HIGH", 0.9) });
        });
        using var duck = DuckLogStore.Create(AuthLogs().All);
        var (analyst, options) = Analyst(server, duck);
        using var _ = analyst;

        var (assessment, _, record) = await analyst.InvestigateAsync(Outcome("o1", Classification.Suspicious), null, Token);

        Assert.False(record.Degraded, record.Note);
        Assert.Equal(Classification.Malicious, assessment.Classification);
        Assert.Equal(options.Fast, record.Analyst);
        Assert.Equal(["query_logs"], record.ToolCalls);
        Assert.Equal(2, bodies.Count);
        var first = bodies.First();
        Assert.Equal("llama3.1:8b", (string?)first["model"]);
        Assert.Contains(first["tools"]!.AsArray(), t => (string?)t!["function"]!["name"] == "query_logs");
        var toolMessage = bodies.Last()["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!;
        // OllamaSharp sends a tool result as JSON ({"CallId": ..., "Result": ...}); the result is the tool's JSON text.
        var result = JsonNode.Parse((string)toolMessage["content"]!)!["Result"]!.ToJsonString();
        Assert.Contains("rows", result, StringComparison.Ordinal);
        Assert.Contains("[[\\u00224\\u0022]]", result, StringComparison.Ordinal); // the 4 failures in the logs
        Assert.Equal(1800, record.InputTokens);
        Assert.Equal(300, record.OutputTokens);
    }

    [Fact]
    public async Task An_ollama_error_leaves_the_offline_assessment_marked_degraded()
    {
        await using var server = LocalHttpServer.Answering(_ => HttpReply.Json(404, "{\"error\":\"model \\\"llama3.1:8b\\\" not found, try pulling it first\"}"));
        using var duck = DuckLogStore.Create(AuthLogs().All);
        var (analyst, _) = Analyst(server, duck);
        using var _ = analyst;
        var outcome = Outcome("o2", Classification.Suspicious);

        var (assessment, decision, record) = await analyst.InvestigateAsync(outcome, null, Token);

        Assert.True(record.Degraded);
        Assert.Equal("offline", record.Analyst);
        Assert.Same(outcome.Assessment, assessment);
        Assert.Equal(outcome.Decision!.Decision, decision.Decision);
        Assert.Contains("the model call failed", record.Note, StringComparison.Ordinal);
    }
}
