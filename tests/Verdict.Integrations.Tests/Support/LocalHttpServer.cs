using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verdict.Tests.Support;

/// <summary>What the server answers: a status, a body, and the Content-Length it announces (the body's own unless told).</summary>
internal sealed record HttpReply(int Status, byte[] Body, long? AnnouncedLength = null)
{
    public static HttpReply Json(byte[] body) => new(200, body);

    public static HttpReply Json(int status, string body) => new(status, Encoding.UTF8.GetBytes(body));

    /// <summary>Extra response headers (Retry-After, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Read the request, then answer nothing until the server is disposed (for timeouts).</summary>
    public bool Hang { get; init; }

    /// <summary>Wait this long before answering (a slow server).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Read the request, then reset the connection (TCP RST) without answering.</summary>
    public bool Reset { get; init; }
}

/// <summary>A request as the server read it: method, path with query, headers (names case-insensitive) and body.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body = "")
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a TcpListener on a free port), one request per connection.
/// It writes exactly what the reply says, so it can announce more bytes than it sends and then hang up.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<ReceivedRequest, HttpReply> handler;
    private readonly Task loop;
    private readonly ConcurrentBag<Task> connections = [];

    public LocalHttpServer(Func<string, HttpReply> handler)
        : this((ReceivedRequest request) => handler(request.Path))
    {
    }

    private LocalHttpServer(Func<ReceivedRequest, HttpReply> handler)
    {
        this.handler = handler;
        listener.Start();
        loop = Task.Run(AcceptLoop);
    }

    /// <summary>A server whose handler sees the whole request (method, path, headers).</summary>
    public static LocalHttpServer Answering(Func<ReceivedRequest, HttpReply> handler) => new(handler);

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>The request paths received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The requests received with their headers, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

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
                Requests.Enqueue(request.Path);
                Received.Enqueue(request);
                var reply = handler(request);
                if (reply.Reset)
                {
                    client.Client.LingerState = new LingerOption(true, 0); // closing now sends RST, not FIN
                    client.Client.Close();
                    return;
                }
                if (reply.Hang) await Task.Delay(Timeout.Infinite, stop.Token);
                if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, stop.Token);
                var head = $"HTTP/1.1 {reply.Status} {ReasonOf(reply.Status)}\r\n" +
                           $"Content-Length: {reply.AnnouncedLength ?? reply.Body.Length}\r\n" +
                           string.Concat(reply.Headers.Select(h => $"{h.Key}: {h.Value}\r\n")) +
                           "Content-Type: application/json\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
                await stream.WriteAsync(reply.Body, stop.Token);
                await stream.FlushAsync(stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or FormatException)
            {
                // The client went away, or sent nothing readable; nothing to do.
            }
        }
    }

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        await Task.WhenAll(connections);
        stop.Dispose();
    }
}
