using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Verdict.Tests.Support;

/// <summary>
/// A local server speaking the Anthropic Messages API on a <see cref="LocalHttpServer"/>: POST /v1/messages with
/// x-api-key and anthropic-version; replies are messages with text / tool_use content blocks, stop_reason and usage
/// (cache_creation_input_tokens, cache_read_input_tokens), or error objects. <see cref="Script"/> decides each reply
/// from the request body and how many requests came before it.
/// </summary>
internal sealed class AnthropicServer : IAsyncDisposable
{
    /// <summary>The API key the tests give the client: made up per run, so no key-shaped literal sits in the source.</summary>
    public static readonly string Key = "test-key-" + Guid.NewGuid().ToString("N");
    private readonly LocalHttpServer http;
    private int count;

    public AnthropicServer(Func<JsonNode, int, HttpReply> script)
    {
        http = LocalHttpServer.Answering(request =>
        {
            var n = Interlocked.Increment(ref count) - 1;
            Requests.Enqueue(request);
            if (request.Method != "POST" || request.Path != "/v1/messages") return Error(404, "not_found_error", "Not found");
            // The API takes the key as x-api-key; the SDK (13.x) sends it as Authorization: Bearer, which the API also accepts.
            if (request.Header("x-api-key") != Key && request.Header("authorization") != "Bearer " + Key) return Error(401, "authentication_error", "invalid x-api-key");
            if (request.Header("anthropic-version") is null) return Error(400, "invalid_request_error", "anthropic-version header is required");
            return script(JsonNode.Parse(request.Body)!, n);
        });
    }

    public Uri BaseUrl => http.BaseUrl;
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
    public int Count => Volatile.Read(ref count);

    public static HttpReply Text(string text, int input = 1200, int output = 300, int cacheRead = 0, int cacheWrite = 0) =>
        Message([new JsonObject { ["type"] = "text", ["text"] = text }], "end_turn", input, output, cacheRead, cacheWrite);

    public static HttpReply ToolUse(string name, JsonObject input, string id = "toolu_01") =>
        Message([new JsonObject { ["type"] = "text", ["text"] = "Let me check the logs." }, new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = input }], "tool_use", 1500, 80, 0, 0);

    private static HttpReply Message(JsonArray content, string stop, int input, int output, int cacheRead, int cacheWrite) =>
        HttpReply.Json(200, new JsonObject
        {
            ["id"] = "msg_" + Guid.NewGuid().ToString("N")[..12], ["type"] = "message", ["role"] = "assistant", ["model"] = "claude-sonnet-4-5",
            ["content"] = content, ["stop_reason"] = stop, ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = input, ["output_tokens"] = output, ["cache_creation_input_tokens"] = cacheWrite, ["cache_read_input_tokens"] = cacheRead },
        }.ToJsonString());

    public static HttpReply Error(int status, string type, string message) =>
        HttpReply.Json(status, new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString());

    /// <summary>A valid analyst answer in the prompt's schema.</summary>
    public static string Answer(string classification, string severity = "MEDIUM", double confidence = 0.8) => new JsonObject
    {
        ["hypotheses"] = new JsonArray(
            new JsonObject { ["title"] = "Credential stuffing", ["kind"] = "malicious", ["probability"] = classification == "BENIGN" ? 0.2 : 0.7, ["evidence_for"] = new JsonArray("burst of failures"), ["evidence_against"] = new JsonArray() },
            new JsonObject { ["title"] = "User mistyped password", ["kind"] = "benign", ["probability"] = classification == "BENIGN" ? 0.8 : 0.3, ["evidence_for"] = new JsonArray("usual country"), ["evidence_against"] = new JsonArray() }),
        ["classification"] = classification, ["severity"] = severity, ["confidence"] = confidence,
        ["likely_cause"] = "model's view", ["severity_rationale"] = "user account", ["what_would_change"] = "a success from the same IP",
        ["questions"] = new JsonArray("Did the user travel?"), ["immediate_actions"] = new JsonArray(), ["investigation_steps"] = new JsonArray("Check sign-ins"),
    }.ToJsonString();

    public ValueTask DisposeAsync() => http.DisposeAsync();
}
