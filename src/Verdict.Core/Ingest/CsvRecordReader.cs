using System.Text;

namespace Verdict.Ingest;

/// <summary>One CSV record: its starting line and its fields, or why it could not be read.</summary>
public readonly record struct CsvRecord(long Line, string[] Fields, string? Error);

public sealed record CsvReaderOptions
{
    /// <summary>A field longer than this (in bytes) makes its row an error; the rest of the file is still read.</summary>
    public int MaxFieldBytes { get; init; } = 256 * 1024;
    /// <summary>A quoted field still open after this many bytes is taken as a stray quote.</summary>
    public int MaxQuotedSpanBytes { get; init; } = 4 * 1024 * 1024;
}

/// <summary>
/// Streams RFC 4180 records from bytes: quoted fields with embedded delimiters, quotes and newlines;
/// a UTF-8 BOM; ',', ';' or tab delimiters (sniffed from the header line). Works on bytes so that
/// invalid UTF-8, oversized fields and stray quotes become an error for that one record. A record that
/// spans several lines and turns out broken is reported at its first line and reading resumes on the
/// next line (for seekable streams), so a stray opening quote cannot swallow the rows after it.
/// </summary>
public sealed class CsvRecordReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly CsvReaderOptions _options;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _pos;
    private int _len;
    private long _bufferStart; // stream offset of _buffer[0]
    private long _line = 1;
    private byte[] _field = new byte[256];
    private int _fieldLen;
    private readonly List<string> _fields = [];
    private readonly FieldStrings _strings = new();

    public CsvRecordReader(Stream stream, CsvReaderOptions? options = null)
    {
        _stream = stream;
        _options = options ?? new CsvReaderOptions();
        Fill();
        if (_len >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _pos = 3;
        }
        Delimiter = SniffDelimiter();
    }

    public byte Delimiter { get; }

    public IEnumerable<CsvRecord> ReadAll()
    {
        while (ReadRecord() is { } record)
        {
            yield return record;
        }
    }

    private byte SniffDelimiter()
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        for (var i = _pos; i < _len && (inQuotes || _buffer[i] != (byte)'\n'); i++)
        {
            switch (_buffer[i])
            {
                case (byte)'"': inQuotes = !inQuotes; break;
                case (byte)',' when !inQuotes: commas++; break;
                case (byte)';' when !inQuotes: semicolons++; break;
                case (byte)'\t' when !inQuotes: tabs++; break;
            }
        }
        if (tabs > commas && tabs >= semicolons) return (byte)'\t';
        return semicolons > commas ? (byte)';' : (byte)',';
    }

    private bool Fill()
    {
        _bufferStart += _len;
        _pos = 0;
        _len = _stream.Read(_buffer, 0, _buffer.Length);
        return _len > 0;
    }

    private int Next() => _pos < _len || Fill() ? _buffer[_pos++] : -1;

    private int Peek() => _pos < _len || Fill() ? _buffer[_pos] : -1;

    private long Offset => _bufferStart + _pos;

    private CsvRecord? ReadRecord()
    {
        while (true)
        {
            var startLine = _line;
            var fields = _fields;
            fields.Clear();
            string? error = null;
            var inQuotes = false;
            var afterQuote = false;
            var any = false;
            long quotedSpan = 0;
            var quoteTrouble = false;
            long nextLineOffset = -1; // where line startLine+1 begins, for recovery
            _fieldLen = 0;

            while (true)
            {
                var b = Next();
                if (b < 0)
                {
                    if (!any) return null;
                    if (inQuotes) return Recover(startLine, nextLineOffset, $"unterminated quoted field (a quote opened on line {startLine} never closes)");
                    EndField(fields, ref error);
                    break;
                }
                any = true;
                if (inQuotes)
                {
                    if (b == '"')
                    {
                        if (Peek() == '"') { _pos++; Append((byte)'"', fields.Count, ref error); }
                        else { inQuotes = false; afterQuote = true; }
                        continue;
                    }
                    if (b == '\n') NewLine(ref nextLineOffset);
                    // On one line there is no next line to resume from: read on to the closing quote (the field is already an error).
                    if (++quotedSpan > _options.MaxQuotedSpanBytes && (nextLineOffset >= 0 || error is null))
                    {
                        return Recover(startLine, nextLineOffset, $"quoted field in column {fields.Count + 1} runs past {Size(_options.MaxQuotedSpanBytes)} without closing (stray quote?)");
                    }
                    Append((byte)b, fields.Count, ref error);
                    continue;
                }
                if (b == Delimiter)
                {
                    EndField(fields, ref error);
                    afterQuote = false;
                }
                else if (b is '\n' or '\r')
                {
                    if (b == '\r' && Peek() == '\n') _pos++;
                    NewLine(ref nextLineOffset);
                    EndField(fields, ref error);
                    break;
                }
                else if (b == '"')
                {
                    if (_fieldLen == 0 && !afterQuote) { inQuotes = true; quotedSpan = 0; }
                    else { error ??= $"stray quote in column {fields.Count + 1}"; quoteTrouble = true; }
                }
                else if (afterQuote)
                {
                    error ??= $"unexpected text after the closing quote in column {fields.Count + 1}";
                    quoteTrouble = true;
                }
                else
                {
                    Append((byte)b, fields.Count, ref error);
                }
            }

            if (fields.Count == 1 && fields[0].Length == 0 && error is null)
            {
                continue; // blank line
            }
            if (quoteTrouble && _line > startLine + 1 && nextLineOffset >= 0)
            {
                return Recover(startLine, nextLineOffset, error ?? "malformed quoting");
            }
            return new CsvRecord(startLine, [.. fields], error);
        }
    }

    private void NewLine(ref long nextLineOffset)
    {
        _line++;
        if (nextLineOffset < 0) nextLineOffset = Offset;
    }

    /// <summary>Reports a broken multi-line record at its first line and resumes reading on the line after it.</summary>
    private CsvRecord Recover(long startLine, long nextLineOffset, string reason)
    {
        if (_stream.CanSeek && nextLineOffset >= 0)
        {
            _stream.Seek(nextLineOffset, SeekOrigin.Begin);
            _bufferStart = nextLineOffset;
            _len = 0;
            _pos = 0;
            _line = startLine + 1;
        }
        return new CsvRecord(startLine, [], reason);
    }

    private void Append(byte b, int column, ref string? error)
    {
        if (error is not null) return;
        if (_fieldLen >= _options.MaxFieldBytes)
        {
            error = $"column {column + 1} is longer than {Size(_options.MaxFieldBytes)}";
            return;
        }
        if (_fieldLen == _field.Length) Array.Resize(ref _field, Math.Min(_field.Length * 2, _options.MaxFieldBytes));
        _field[_fieldLen++] = b;
    }

    private static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MB" : bytes >= 1024 ? $"{bytes >> 10} KB" : $"{bytes} bytes";

    private void EndField(List<string> fields, ref string? error)
    {
        if (error is null)
        {
            try
            {
                fields.Add(_strings.Get(_field.AsSpan(0, _fieldLen), StrictUtf8));
            }
            catch (DecoderFallbackException)
            {
                error = $"column {fields.Count + 1} is not valid UTF-8";
                fields.Add("");
            }
        }
        else
        {
            fields.Add("");
        }
        _fieldLen = 0;
    }
}
