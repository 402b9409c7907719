using System.Buffers;

namespace Verdict.Ingest;

/// <summary>One JSON record's bytes and the line it starts on, or why the input stopped making sense there.
/// <paramref name="Independent"/>: an NDJSON line, so a parse failure in it leaves the records after it readable.</summary>
internal readonly record struct JsonChunk(long Line, byte[]? Bytes, string? Error, bool Independent = false);

/// <summary>
/// Cuts a JSON stream into records without building one document for the whole input, so memory stays flat
/// however large the file is. The first non-blank character decides the shape: '[' is an array of objects,
/// read element by element; '{' is NDJSON (one object a line) when the first line is a whole object or the next
/// non-blank line starts a new one, else one or more pretty-printed objects. A malformed NDJSON line is one error
/// and the next line is read; an array or pretty-printed input that stops being JSON ends with one error at the
/// line where it broke, the records before it kept.
/// </summary>
internal sealed class JsonRecordSplitter(Stream stream)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos, _len;
    private long _line = 1;
    private readonly ArrayBufferWriter<byte> _record = new();

    public IEnumerable<JsonChunk> Read()
    {
        SkipBom();
        SkipWhitespace();
        var first = Peek();
        if (first < 0) yield break;
        if (first == '[')
        {
            Next();
            foreach (var chunk in ReadArray()) yield return chunk;
            yield break;
        }
        if (first != '{')
        {
            yield return new JsonChunk(_line, null, $"expected a JSON object or array, found '{(char)first}'");
            yield break;
        }
        var firstLine = _line;
        var text = ReadLine();
        SkipWhitespace();
        var ndjson = IsWholeObject(text) || Peek() == '{';
        if (ndjson)
        {
            yield return new JsonChunk(firstLine, text, null, Independent: true);
            while (Peek() >= 0)
            {
                var line = _line;
                var bytes = ReadLine();
                if (bytes.AsSpan().Trim(" \t\r"u8).Length > 0) yield return new JsonChunk(line, bytes, null, Independent: true);
            }
            yield break;
        }
        // Pretty-printed: the first line was only the start of an object; rescan from its start.
        var scanned = Scan(firstLine, [.. text, (byte)'\n']);
        while (true)
        {
            if (scanned.Error is not null) { yield return scanned; yield break; }
            yield return scanned;
            SkipWhitespace();
            if (Peek() < 0) yield break;
            if (Peek() != '{') { yield return new JsonChunk(_line, null, $"expected '{{' to start the next object, found '{(char)Peek()}'"); yield break; }
            scanned = Scan(_line, []);
        }
    }

    private IEnumerable<JsonChunk> ReadArray()
    {
        SkipWhitespace();
        if (Peek() == ']') yield break;
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '{')
            {
                yield return new JsonChunk(_line, null, Peek() < 0 ? "the array ends before its closing ']'" : $"expected an object in the array, found '{(char)Peek()}'");
                yield break;
            }
            var chunk = Scan(_line, []);
            yield return chunk;
            if (chunk.Error is not null) yield break;
            SkipWhitespace();
            var next = Next();
            if (next == ']') yield break;
            if (next != ',')
            {
                yield return new JsonChunk(_line, null, next < 0 ? "the array ends before its closing ']'" : $"expected ',' or ']' after an array element, found '{(char)next}'");
                yield break;
            }
        }
    }

    /// <summary>Reads one object from its '{' to the matching '}', strings and escapes respected; <paramref name="prefix"/> is text already read.</summary>
    private JsonChunk Scan(long start, byte[] prefix)
    {
        _record.Clear();
        _record.Write(prefix);
        int depth = 0;
        bool inString = false, escaped = false;
        foreach (var b in prefix) Step(b);
        if (prefix.Length > 0 && depth == 0) return new JsonChunk(start, _record.WrittenSpan.ToArray(), null);
        while (Fill(1))
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var used = 0;
            var closed = false;
            while (used < span.Length && !closed)
            {
                var b = span[used++];
                if (b == '\n') _line++;
                Step(b);
                closed = depth == 0;
            }
            _record.Write(span[..used]);
            _pos += used;
            if (closed) return new JsonChunk(start, _record.WrittenSpan.ToArray(), null);
        }
        return new JsonChunk(_line, null, inString ? "the input ends inside a string" : "the input ends before the object is closed");

        void Step(byte b)
        {
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == '\\') escaped = true;
                else if (b == '"') inString = false;
            }
            else if (b == '"') inString = true;
            else if (b is (byte)'{' or (byte)'[') depth++;
            else if (b is (byte)'}' or (byte)']') depth--;
        }
    }

    private static bool IsWholeObject(byte[] line)
    {
        var text = line.AsSpan().Trim(" \t\r"u8);
        if (text.Length < 2 || text[^1] != '}') return false;
        var reader = new System.Text.Json.Utf8JsonReader(text, new System.Text.Json.JsonReaderOptions { MaxDepth = JsonAlertReader.MaxDepth });
        try
        {
            while (reader.Read()) { }
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private byte[] ReadLine()
    {
        _record.Clear();
        while (Fill(1))
        {
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var end = span.IndexOf((byte)'\n');
            _record.Write(end < 0 ? span : span[..end]);
            _pos += end < 0 ? span.Length : end + 1;
            if (end >= 0)
            {
                _line++;
                break;
            }
        }
        return _record.WrittenSpan.ToArray();
    }

    private void SkipBom()
    {
        if (Peek() == 0xEF && Fill(3) && _buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF) _pos += 3;
    }

    private void SkipWhitespace()
    {
        while (Peek() is ' ' or '\t' or '\r' or '\n') Next();
    }

    private int Peek() => Fill(1) ? _buffer[_pos] : -1;

    private int Next()
    {
        if (!Fill(1)) return -1;
        var b = _buffer[_pos++];
        if (b == '\n') _line++;
        return b;
    }

    private bool Fill(int count)
    {
        if (_len - _pos >= count) return true;
        Array.Copy(_buffer, _pos, _buffer, 0, _len - _pos);
        _len -= _pos;
        _pos = 0;
        int n;
        while (_len < count && (n = stream.Read(_buffer, _len, _buffer.Length - _len)) > 0) _len += n;
        return _len >= count;
    }
}
