using System.Text;
using System.Text.RegularExpressions;

namespace Verdict.Alerts.Extraction;

/// <summary>
/// Undoes the usual ways analysts defang indicators so they cannot be clicked: hxxp/hxxps/fxp, [.] (.) {.} [dot],
/// [:] [://], [@] [at]. Remembers which characters of the result were rewritten, so entities found there can be
/// tagged "defanged". Every pattern is a fixed literal, so a replacement costs the same on any input.
/// </summary>
internal static partial class Refanger
{
    public const string DefangedTag = "defanged";

    /// <summary>The refanged text and, when anything was rewritten, a mask of the rewritten characters.</summary>
    public static (string Text, bool[]? Rewritten) Refang(string text)
    {
        if (!Defanged().IsMatch(text)) return (text, null); // the usual case: no allocation
        var matches = Defanged().Matches(text);
        var sb = new StringBuilder(text.Length);
        var spans = new List<(int Start, int Length)>(matches.Count);
        var last = 0;
        foreach (Match m in matches)
        {
            sb.Append(text, last, m.Index - last);
            var replacement = Replacement(m.Value);
            spans.Add((sb.Length, replacement.Length));
            sb.Append(replacement);
            last = m.Index + m.Length;
        }
        sb.Append(text, last, text.Length - last);
        var mask = new bool[sb.Length];
        foreach (var (start, length) in spans) Array.Fill(mask, true, start, length);
        return (sb.ToString(), mask);
    }

    private static string Replacement(string token)
    {
        var t = token.Trim().ToLowerInvariant();
        return t switch
        {
            "hxxp" or "hxtp" => "http",
            "hxxps" or "hxtps" => "https",
            "fxp" => "ftp",
            "[://]" => "://",
            "[:]" => ":",
            _ when t.Contains("at", StringComparison.Ordinal) || t.Contains('@', StringComparison.Ordinal) => "@",
            _ => ".",
        };
    }

    // hxxp needs a colon after it (plain or bracketed) so words like "hxxpd" stay as they are.
    [GeneratedRegex(@"\b(?:hxxps?|hxtps?|fxp)(?=\[?:)|\[://\]|\[:\]|\[\.\]|\(\.\)|\{\.\}| ?[\[\(\{]dot[\]\)\}] ?|\[@\]|\(@\)|\{@\}| ?[\[\(\{]at[\]\)\}] ?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Defanged();
}
