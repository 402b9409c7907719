using System.Text;

namespace Verdict.Ingest;

/// <summary>
/// Turns a reader's field bytes into strings, giving the same string object for a short value seen before (user
/// names, rule names, severities, countries repeat on every row), so a large file allocates and holds far fewer
/// strings. Bounded, one per reader (not thread-safe). Decoding errors surface exactly as from the encoding itself.
/// </summary>
internal sealed class FieldStrings
{
    private const int MaxChars = 64;
    private const int MaxEntries = 16 * 1024;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly char[] _chars = new char[MaxChars];

    public FieldStrings() => _lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        if (bytes.Length == 0) return "";
        if (bytes.Length > MaxChars) return encoding.GetString(bytes);
        var chars = _chars.AsSpan(0, encoding.GetChars(bytes, _chars)); // UTF-8: never more chars than bytes
        if (_lookup.TryGetValue(chars, out var known)) return known;
        var text = new string(chars);
        if (_seen.Count < MaxEntries) _seen.Add(text);
        return text;
    }
}
