using System.Text;

namespace Verdict.Tests.Support;

/// <summary>Reads one HTTP/1.1 request from a stream: request line, headers, and a body sent with Content-Length or chunked.</summary>
internal static class HttpRequestReader
{
    public static async Task<ReceivedRequest> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(chunk, cancellationToken);
            if (n == 0) throw new IOException("connection closed before the headers ended");
            buffer.Write(chunk, 0, n);
        }
        var lines = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headEnd).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var rest = new MemoryStream();
        rest.Write(buffer.GetBuffer(), headEnd + 4, (int)buffer.Length - headEnd - 4);

        async Task<bool> More()
        {
            var n = await stream.ReadAsync(chunk, cancellationToken);
            if (n > 0) rest.Write(chunk, 0, n);
            return n > 0;
        }

        byte[] body;
        if (headers.TryGetValue("content-length", out var length))
        {
            var expected = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            while (rest.Length < expected && await More())
            {
            }
            body = rest.ToArray()[..expected];
        }
        else if (headers.GetValueOrDefault("transfer-encoding", "").Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (IndexOf(rest, "0\r\n\r\n"u8) < 0 && await More())
            {
            }
            body = Dechunk(rest.ToArray());
        }
        else
        {
            body = [];
        }
        return new ReceivedRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "", headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] data)
    {
        var output = new MemoryStream();
        var position = 0;
        while (true)
        {
            var lineEnd = Array.IndexOf(data, (byte)'\r', position);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(data, position, lineEnd - position).Split(';')[0].Trim(), 16);
            if (size == 0) return output.ToArray();
            output.Write(data, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> needle) =>
        stream.GetBuffer().AsSpan(0, (int)stream.Length).IndexOf(needle);
}
