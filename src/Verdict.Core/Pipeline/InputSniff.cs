using System.IO.Compression;
using System.Text;

namespace Verdict.Pipeline;

/// <summary>
/// Checks an opened input before it is parsed: binary content (an image, an archive, random bytes) is one clear
/// error for the file instead of a page of garbage rows; UTF-16 text (with its byte order mark) is converted to
/// UTF-8 for the readers; a gzip file whose data ends early is noticed after reading.
/// </summary>
public static class InputSniff
{
    private const int Sample = 4096;

    private static readonly (byte[] Magic, string Kind)[] Magics =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"), ("%PDF-"u8.ToArray(), "a PDF document"),
        ([(byte)'P', (byte)'K', 3, 4], "a ZIP archive"), ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an executable"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0], "an xz archive"), ([0x28, 0xB5, 0x2F, 0xFD], "a zstd archive"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF], "a 7-Zip archive"), ("SQLite format 3\0"u8.ToArray(), "an SQLite database"),
    ];

    /// <summary>What binary thing the stream holds ("a PNG image", "binary data"), or null for text. The stream is rewound.</summary>
    public static string? Binary(Stream stream)
    {
        var sample = Peek(stream, Sample);
        if (IsUtf16(sample)) return null;
        foreach (var (magic, kind) in Magics)
        {
            if (sample.AsSpan().StartsWith(magic)) return kind;
        }
        var nuls = sample.AsSpan().Count((byte)0);
        if (nuls * 10 > sample.Length) return "binary data (or UTF-16 text without a byte order mark)";
        // Text, even with a stray binary line, is mostly printable UTF-8; random or compressed bytes are not.
        return sample.Length >= 64 && Unprintable(sample) * 10 > sample.Length ? "binary data" : null;
    }

    /// <summary>How many bytes of the sample are control characters (other than tab, line breaks and form feed) or not valid UTF-8.</summary>
    private static int Unprintable(ReadOnlySpan<byte> sample)
    {
        var bad = 0;
        while (!sample.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf8(sample, out var rune, out var used);
            if (status == System.Buffers.OperationStatus.NeedMoreData) break; // cut at the sample's end
            if (status != System.Buffers.OperationStatus.Done || (rune.Value < 0x20 && rune.Value is not ('\t' or '\n' or '\r' or '\f')) || rune.Value == 0x7F) bad += used;
            sample = sample[used..];
        }
        return bad;
    }

    /// <summary>UTF-16 text (by its byte order mark) re-encoded as UTF-8 in a temporary file; otherwise the stream itself.</summary>
    public static Stream AsUtf8(FileStream stream)
    {
        if (!IsUtf16(Peek(stream, 2))) return stream;
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var reader = new StreamReader(stream, Encoding.Unicode, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        using (var writer = new StreamWriter(spool, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            var buffer = new char[1 << 14];
            int read;
            while ((read = reader.Read(buffer)) > 0) writer.Write(buffer, 0, read);
        }
        spool.Position = 0;
        stream.Dispose();
        return spool;
    }

    /// <summary>
    /// True when <paramref name="path"/> is gzip data whose trailer does not match what was decompressed from it
    /// (<paramref name="decompressedLength"/> bytes): the file was cut short and the end of its data is missing.
    /// </summary>
    public static bool GzipCutShort(string path, long decompressedLength)
    {
        // A pipe was read once already: opening a named one again would wait for a writer that never comes (its length
        // is 0), and /dev/fd/N opens the same spent pipe, which cannot seek.
        if (!File.Exists(path) || new FileInfo(path).Length < 18) return false;
        using var file = File.OpenRead(path);
        if (!file.CanSeek || file.Length < 18 || file.ReadByte() != 0x1f || file.ReadByte() != 0x8b) return false;
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        return BitConverter.ToUInt32(trailer) != unchecked((uint)decompressedLength); // ISIZE: the length mod 2^32
    }

    /// <summary>Opens an input like <see cref="InputFiles.Open"/>, or says why its gzip data cannot be decompressed.</summary>
    public static FileStream? TryOpen(string path, Func<Stream> stdin, out string? problem)
    {
        problem = null;
        try
        {
            return InputFiles.Open(path, stdin);
        }
        catch (InvalidDataException e)
        {
            problem = $"not readable gzip data ({e.Message.TrimEnd('.')})";
            return null;
        }
    }

    private static bool IsUtf16(ReadOnlySpan<byte> start) => start.Length >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF));

    private static byte[] Peek(Stream stream, int count)
    {
        var start = stream.Position;
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        stream.Position = start;
        return buffer[..read];
    }
}
