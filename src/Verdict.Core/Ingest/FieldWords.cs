using System.Net;
using System.Text.RegularExpressions;

namespace Verdict.Ingest;

/// <summary>
/// A flattened field name cut into words, for reading fields whose names Verdict has no alias for
/// (<see cref="RuleFallback"/>, <see cref="EntityFallback"/>): "detection.threatInfo.ruleName" has the parents
/// [detection], [threat, info] and the last segment [rule, name]; array indexes are dropped. camelCase, snake_case,
/// kebab-case and acronyms ("sourceIPAddress": source, ip, address) are split alike; all words are lower case.
/// </summary>
internal sealed record FieldWords(string[][] Parents, string[] Last)
{
    public static FieldWords Of(string name)
    {
        var segments = name.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.All(char.IsAsciiDigit)).Select(Words).Where(w => w.Length > 0).ToArray();
        return segments.Length == 0 ? new([], []) : new(segments[..^1], segments[^1]);
    }

    /// <summary>The last word of the last segment ("ruleName": name).</summary>
    public string Final => Last.Length == 0 ? "" : Last[^1];

    /// <summary>The word before <see cref="Final"/>: in the last segment, else the parent's last word ("rule.name": rule).</summary>
    public string Qualifier => Last.Length > 1 ? Last[^2] : Parents.Length > 0 ? Parents[^1][^1] : "";

    public bool AnyParent(IReadOnlySet<string> words) => Parents.Any(p => p.Any(words.Contains));

    public bool Any(IReadOnlySet<string> words) => AnyParent(words) || Last.Any(words.Contains);

    private static string[] Words(string segment)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= segment.Length; i++)
        {
            var c = i < segment.Length ? segment[i] : ' ';
            if (!char.IsLetterOrDigit(c))
            {
                if (start >= 0) words.Add(segment[start..i].ToLowerInvariant());
                start = -1;
                continue;
            }
            if (start >= 0 && IsBoundary(segment, i))
            {
                words.Add(segment[start..i].ToLowerInvariant());
                start = i;
            }
            if (start < 0) start = i;
        }
        return [.. words];
    }

    /// <summary>"ruleName" at N, "IPAddress" at A (an acronym followed by a word, but not an acronym's plural: "sourceIPs");
    /// digits stay with their word ("sha256").</summary>
    private static bool IsBoundary(string s, int i) =>
        char.IsUpper(s[i]) && (char.IsLower(s[i - 1]) || char.IsDigit(s[i - 1])
            || (char.IsUpper(s[i - 1]) && i + 1 < s.Length && char.IsLower(s[i + 1]) && !IsPlural(s, i + 1)));

    private static bool IsPlural(string s, int i) => s[i] == 's' && (i + 1 == s.Length || !char.IsLower(s[i + 1]));
}

/// <summary>What a field's value looks like, so a guessed field is taken only when its value fits.</summary>
internal static partial class ValueShape
{
    public static bool IsIp(string v) => v.Contains('.') || v.Contains(':') ? IPAddress.TryParse(v, out _) : false;

    public static bool IsNumber(string v) => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>An id, hash, URL, path, e-mail address, IP, time, number or boolean: anything but a name.</summary>
    public static bool IsCode(string v) =>
        IsNumber(v) || IsIp(v) || Guid.TryParse(v, out _) || HexOrId().IsMatch(v) || v.Contains("://", StringComparison.Ordinal)
        || v.StartsWith('/') || WindowsPath().IsMatch(v) || Email().IsMatch(v) || IsoTime().IsMatch(v)
        || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)
        || v.Equals("null", StringComparison.OrdinalIgnoreCase);

    /// <summary>Words with spaces between them ("Suspicious PowerShell download"), as a person writes a detection's name.</summary>
    public static bool IsPhrase(string v) => v.Contains(' ') && v.Count(char.IsLetter) >= 4;

    public static bool HasLetters(string v) => v.Any(char.IsLetter);

    /// <summary>A yes/no value ("true", "false", "yes", "no"): a flag, never a name.</summary>
    /// <summary>A value standing for no one ("unknown", "n/a", "-", "anonymous", "null", "(unknown)", "not applicable"), or none at all.</summary>
    public static bool IsPlaceholder(string? v) => v is null || Placeholder().IsMatch(v.Trim());

    [GeneratedRegex(@"(?i)^(?:unknown|\(unknown\)|n/?a|none|null|-|anonymous|no authentication required|not applicable)$")]
    private static partial Regex Placeholder();

    public static bool IsBoolean(string v) => v.ToLowerInvariant() is "true" or "false" or "yes" or "no";

    [GeneratedRegex(@"^(?:[0-9a-f]{12,}|[0-9a-f-]{20,}|(?=[^0-9]*[0-9])[A-Za-z0-9_-]{24,})$", RegexOptions.IgnoreCase)]
    private static partial Regex HexOrId();

    [GeneratedRegex(@"^[A-Za-z]:\\")]
    private static partial Regex WindowsPath();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial Regex IsoTime();
}
