namespace Verdict.Alerts.Extraction;

/// <summary>
/// MD5, SHA-1 and SHA-256 digests: a run of exactly 32, 40 or 64 hex digits with no letter or digit on either side,
/// so hex inside a longer run (a SHA-512, a key, a blob) is not cut into hashes. GUIDs are not hashes: dashed GUIDs
/// never form such a run, and a bare 32-digit run in braces is a GUID. A run of decimal digits only is a number.
/// </summary>
internal static class HashScanner
{
    public static void Scan(ScanText t, EntitySet set)
    {
        var s = t.Text;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiHexDigit(s[i])) continue;
            var end = i;
            var letters = false;
            while (end < s.Length && char.IsAsciiHexDigit(s[end]))
            {
                letters |= char.IsAsciiLetter(s[end]);
                end++;
            }
            var length = end - i;
            var before = i > 0 ? s[i - 1] : ' ';
            var after = end < s.Length ? s[end] : ' ';
            if (length is 32 or 40 or 64 && letters && !char.IsAsciiLetter(before) && !char.IsAsciiLetter(after) && !(before == '{' && after == '}'))
            {
                var algorithm = length switch { 32 => Labelled(s, i, "imphash=") ? "imphash" : "md5", 40 => "sha1", _ => "sha256" };
                set.Add(new Entity(EntityKind.FileHash, s[i..end].ToLowerInvariant(), t.Tag(i, end),
                    new Dictionary<string, string> { ["algorithm"] = algorithm }));
            }
            i = end - 1;
        }
    }

    private static bool Labelled(string s, int i, string label) =>
        i >= label.Length && string.Compare(s, i - label.Length, label, 0, label.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
