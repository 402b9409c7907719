using System.Net;
using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// Makes request text readable for matching: URL-decoded until it stops changing (at most 4 rounds, so %2527 becomes
/// '), %uXXXX, \xXX and \uXXXX escapes, HTML entities, SQL comments used as spaces (/**/), Log4j lookups that spell a
/// word letter by letter (${lower:j}, ${::-n}), then lower-cased with runs of white space made one.
/// </summary>
public static partial class RequestText
{
    public static string Decode(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        for (var i = 0; i < 4; i++)
        {
            var next = WebUtility.HtmlDecode(Escapes().Replace(WebUtility.UrlDecode(s), m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));
            if (next == s) break;
            s = next;
        }
        s = Comment().Replace(s, " ");
        s = LookupLetter().Replace(s, "$1");
        return Spaces().Replace(s.ToLowerInvariant(), " ");
    }

    [GeneratedRegex(@"(?:%u|\\u|\\x)([0-9a-fA-F]{4}|(?<=\\x)[0-9a-fA-F]{2})")]
    private static partial Regex Escapes();

    [GeneratedRegex(@"/\*.*?\*/")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\$\{(?:lower|upper|date|env:[^:}]*|[a-z]*):*-?([a-zA-Z:/.])\}")]
    private static partial Regex LookupLetter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
