using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verdict.Tests.Support;

/// <summary>What the server answers: a status, a body, and the Content-Length it announces (the body's own unless told).</summary>
internal sealed record HttpReply(int Status, byte[] Body, long? AnnouncedLength = null)
{
    public static HttpReply Json(byte[] body) => new(200, body);
}

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a TcpListener on a free port), one request per connection.
/// It writes exactly what the reply says, so it can announce more bytes than it sends and then hang up.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<string, HttpReply> handler;
    private readonly Task loop;
    private readonly ConcurrentBag<Task> connections = [];

    public LocalHttpServer(Func<string, HttpReply> handler)
    {
        this.handler = handler;
        listener.Start();
        loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>The request paths received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

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
                var path = await ReadRequestPath(stream, stop.Token);
                Requests.Enqueue(path);
                var reply = handler(path);
                var head = $"HTTP/1.1 {reply.Status} {ReasonOf(reply.Status)}\r\n" +
                           $"Content-Length: {reply.AnnouncedLength ?? reply.Body.Length}\r\n" +
                           "Content-Type: application/json\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
                await stream.WriteAsync(reply.Body, stop.Token);
                await stream.FlushAsync(stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away; nothing to do.
            }
        }
    }

    private static async Task<string> ReadRequestPath(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var count = await stream.ReadAsync(buffer, cancellationToken);
            if (count == 0) break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, count));
        }
        var requestLine = received.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : "";
    }

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
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
