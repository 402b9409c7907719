using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
/// A real HTTP/1.1 server on 127.0.0.1 (TcpListener on a free port, one request per connection, as LocalHttpServer)
/// that speaks the embedding wire formats over <see cref="ConceptEmbedding"/>: Ollama's POST /api/embed and
/// OpenAI's POST /v1/embeddings (float arrays, or base64 when the client asks for it, as the OpenAI SDK does).
/// <see cref="Fault"/> lets a test answer with an error or a delay instead.
/// </summary>
internal sealed class EmbeddingServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly ConcurrentBag<Task> connections = [];

    public EmbeddingServer()
    {
        listener.Start();
        loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

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

    private async Task AcceptLoop()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            connections.Add(Task.Run(() => Serve(client)));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await HttpRequestReader.ReadAsync(stream, stop.Token);
                Requests.Enqueue(request);
                var reply = Answer(request);
                if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, stop.Token);
                var body = Encoding.UTF8.GetBytes(reply.Body);
                var head = $"HTTP/1.1 {reply.Status} {(reply.Status == 200 ? "OK" : "Error")}\r\nContent-Length: {body.Length}\r\n" +
                           "Content-Type: application/json\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
                await stream.WriteAsync(body, stop.Token);
                await stream.FlushAsync(stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or FormatException)
            {
                // The client went away (a timeout on its side) or sent nothing readable.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        await Task.WhenAll(connections);
        stop.Dispose();
    }
}
