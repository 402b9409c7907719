using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Verdict.Tests.Support;

/// <summary>One request as the server read it: method, path, headers (names lower-case) and the JSON body.</summary>
internal sealed record EmbeddingRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
    public IReadOnlyList<string> Inputs => Json["input"] is JsonArray a ? [.. a.Select(x => x!.GetValue<string>())] : [Json["input"]!.GetValue<string>()];
}

/// <summary>What the server answers: a status and a JSON body, after an optional delay (a slow or hung server).</summary>
internal sealed record EmbeddingReply(int Status, string Body, TimeSpan Delay = default);

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a <see cref="LocalHttpServer"/>)
/// that speaks the embedding wire formats over <see cref="ConceptEmbedding"/>: Ollama's POST /api/embed and
/// OpenAI's POST /v1/embeddings (float arrays, or base64 when the client asks for it, as the OpenAI SDK does).
/// <see cref="Fault"/> lets a test answer with an error or a delay instead.
/// </summary>
internal sealed class EmbeddingServer : IAsyncDisposable
{
    private readonly LocalHttpServer http;

    public EmbeddingServer() => http = LocalHttpServer.Answering(request =>
    {
        var embeddingRequest = new EmbeddingRequest(request.Method, request.Path, request.Headers, request.Body);
        Requests.Enqueue(embeddingRequest);
        var reply = Answer(embeddingRequest);
        return HttpReply.Json(reply.Status, reply.Body) with { Delay = reply.Delay };
    });

    public Uri BaseUrl => http.BaseUrl;

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<EmbeddingRequest> Requests { get; } = new();

    /// <summary>When it returns a reply, that is sent instead of embeddings.</summary>
    public Func<EmbeddingRequest, EmbeddingReply?>? Fault { get; set; }

    private EmbeddingReply Answer(EmbeddingRequest request)
    {
        if (Fault?.Invoke(request) is { } fault) return fault;
        var model = request.Json["model"]!.GetValue<string>();
        var vectors = request.Inputs.Select(ConceptEmbedding.Embed).ToList();
        if (request.Method == "POST" && request.Path == "/api/embed")
        {
            var embeddings = new JsonArray([.. vectors.Select(v => new JsonArray([.. v.Select(x => JsonValue.Create(x))]))]);
            return new EmbeddingReply(200, new JsonObject
            {
                ["model"] = model, ["embeddings"] = embeddings,
                ["total_duration"] = 14143917, ["load_duration"] = 1019500, ["prompt_eval_count"] = request.Inputs.Sum(i => i.Split(' ').Length),
            }.ToJsonString());
        }
        if (request.Method == "POST" && request.Path == "/v1/embeddings")
        {
            var base64 = request.Json["encoding_format"]?.GetValue<string>() == "base64";
            var data = new JsonArray([.. vectors.Select((v, i) => new JsonObject
            {
                ["object"] = "embedding", ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(v.SelectMany(BitConverter.GetBytes).ToArray()) : new JsonArray([.. v.Select(x => JsonValue.Create(x))]),
            })]);
            var tokens = request.Inputs.Sum(i => i.Split(' ').Length);
            return new EmbeddingReply(200, new JsonObject
            {
                ["object"] = "list", ["data"] = data, ["model"] = model,
                ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
            }.ToJsonString());
        }
        return new EmbeddingReply(404, """{"error":"not found"}""");
    }

    public ValueTask DisposeAsync() => http.DisposeAsync();
}
