using System.Text;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest;

/// <summary>
/// Reads raw text alerts (.txt, .log, or plain text on standard input): one alert per non-blank line, or with
/// <c>whole</c> one alert for the whole text. The rule is "text alert", the description is the text, the time is the
/// first timestamp in it (ISO 8601 or "yyyy-MM-dd HH:mm:ss", optional zone), and the entities are those found in the
/// text; the first user, host and IP found become the alert's own. Binary content and lines over
/// <see cref="MaxLineBytes"/> bytes (a whole text over <see cref="MaxWholeBytes"/>) are errors naming the line.
/// </summary>
public static partial class TextAlertReader
{
    public const string Rule = "text alert";
    public const int MaxLineBytes = 64 * 1024;
    public const int MaxWholeBytes = 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public static IEnumerable<ParseResult<Alert>> Read(Stream stream, string fileName, EnvironmentContext context, bool whole = false)
    {
        if (whole)
        {
            yield return ReadWhole(stream, fileName, context);
            yield break;
        }
        foreach (var (line, bytes, tooLong) in Lines(stream))
        {
            var source = new SourceRef(fileName, line);
            if (tooLong) yield return ParseResult<Alert>.Fail(source, $"line longer than {MaxLineBytes:N0} bytes; not read");
            else if (Decode(bytes) is not { } text) yield return ParseResult<Alert>.Fail(source, "binary content (not UTF-8 text); not read");
            else if (!string.IsNullOrWhiteSpace(text)) yield return Build(source, text.Trim(), context);
        }
    }

    private static ParseResult<Alert> ReadWhole(Stream stream, string fileName, EnvironmentContext context)
    {
        var source = new SourceRef(fileName, 1);
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxWholeBytes) return ParseResult<Alert>.Fail(source, $"text longer than {MaxWholeBytes:N0} bytes; not read as one alert");
        }
        var bytes = buffer.ToArray();
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        if (Decode(bytes) is not { } text) return ParseResult<Alert>.Fail(source, "binary content (not UTF-8 text); not read");
        if (string.IsNullOrWhiteSpace(text)) return ParseResult<Alert>.Fail(source, "the text is empty");
        return Build(source, text.Trim(), context);
    }

    private static ParseResult<Alert> Build(SourceRef source, string text, EnvironmentContext context)
    {
        var fields = new List<KeyValuePair<string, string>> { new("rule", Rule), new("message", text) };
        var map = new Dictionary<CanonicalField, int> { [CanonicalField.Rule] = 0, [CanonicalField.Description] = 1 };
        if (Timestamp().Match(text) is { Success: true } m && TimeText.TryParse(m.Value, context.TimeZone, out _, out _))
        {
            map[CanonicalField.Time] = fields.Count;
            fields.Add(new("time", m.Value));
        }
        if (UserInText(text) is { } user)
        {
            map[CanonicalField.User] = fields.Count;
            fields.Add(new("user", user));
        }
        var built = AlertRecord.Build(source, fields, map, context, "field");
        if (!built.Success) return built;
        var alert = built.Value!;
        string? First(EntityKind kind) => alert.Entities.FirstOrDefault(e => e.Kind == kind)?.Value;
        return ParseResult<Alert>.Ok(alert with { User = alert.User ?? First(EntityKind.User), Host = First(EntityKind.Host), SourceIp = First(EntityKind.Ip) });
    }

    /// <summary>An account named the ways logs write one: user=bob, account: bob@acme.com, ACME\bob, sshd's "for [invalid user] bob from".</summary>
    private static string? UserInText(string text)
    {
        foreach (var pattern in (Regex[])[KeyedUser(), DomainUser(), SshUser()])
        {
            if (pattern.Match(text) is { Success: true } m && !m.Groups[1].Value.All(c => char.IsAsciiDigit(c) || c == '.')) return m.Groups[1].Value.TrimEnd('.', ',', ';');
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:user|username|user_name|account|acct|login|src_user|target_user|upn)\s*[=:]\s*""?([^\s"",;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyedUser();

    [GeneratedRegex(@"(?<![\w\\])([A-Za-z][A-Za-z0-9-]{0,14}\\[A-Za-z0-9][A-Za-z0-9._$-]*)")]
    private static partial Regex DomainUser();

    [GeneratedRegex(@"\bfor (?:invalid user )?([A-Za-z0-9][\w.@-]*) from\b")]
    private static partial Regex SshUser();

    /// <summary>Null when the bytes are not UTF-8 text (invalid sequences, or NUL and other control bytes that text never holds).</summary>
    private static string? Decode(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0c)) return null;
        }
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Each line's bytes (CR LF or LF endings, UTF-8 BOM dropped), with its 1-based number; a line over the limit is flagged, not kept.</summary>
    private static IEnumerable<(long Line, byte[] Bytes, bool TooLong)> Lines(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var current = new MemoryStream();
        long line = 1;
        var tooLong = false;
        var first = true;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            var start = 0;
            if (first && n >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Encoding.UTF8.Preamble)) start = 3;
            first = false;
            for (var i = start; i < n; i++)
            {
                if (buffer[i] != '\n') continue;
                Append(current, buffer.AsSpan(start, i - start), ref tooLong);
                yield return (line++, Trimmed(current), tooLong);
                current.SetLength(0);
                tooLong = false;
                start = i + 1;
            }
            Append(current, buffer.AsSpan(start, n - start), ref tooLong);
        }
        if (current.Length > 0 || tooLong) yield return (line, Trimmed(current), tooLong);
    }

    private static void Append(MemoryStream current, ReadOnlySpan<byte> bytes, ref bool tooLong)
    {
        if (tooLong) return;
        if (current.Length + bytes.Length > MaxLineBytes + 1)
        {
            tooLong = true;
            current.SetLength(0);
            return;
        }
        current.Write(bytes);
    }

    private static byte[] Trimmed(MemoryStream current)
    {
        var bytes = current.ToArray();
        return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
    }

    /// <summary>Whether a file (by extension) or the first line of an input is plain text rather than a CSV header.</summary>
    public static bool IsText(string path, Stream stream, FieldMapping? mapping)
    {
        var ext = Path.GetExtension(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path).ToLowerInvariant();
        if (ext is ".txt" or ".log" or ".text") return true;
        if (ext is ".csv" or ".tsv") return false;
        var start = stream.Position;
        var head = new byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var text = Encoding.UTF8.GetString(head, 0, n).TrimStart('\uFEFF', '\r', '\n', ' ', '\t');
        if (text.Length == 0) return false;
        var firstLine = text.Split('\n')[0].TrimEnd('\r');
        if (firstLine.Contains('\0', StringComparison.Ordinal)) return true;
        foreach (var delimiter in (char[])[',', '\t', ';', '|'])
        {
            var cells = firstLine.Split(delimiter);
            if (cells.Any(c => (mapping ?? FieldMapping.Empty).Resolve(c.Trim().Trim('"')).Field is CanonicalField.Rule or CanonicalField.Description)) return false;
            if (cells.Length >= 2 && cells.All(c => HeaderCell().IsMatch(c.Trim('"')))) return false;
        }
        return true;
    }

    [GeneratedRegex(@"\b\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:\s?(?:Z|UTC|[+-]\d{2}:?\d{2})\b|Z)?", RegexOptions.IgnoreCase)]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^[A-Za-z_@][\w .@-]{0,40}$")]
    private static partial Regex HeaderCell();
}
