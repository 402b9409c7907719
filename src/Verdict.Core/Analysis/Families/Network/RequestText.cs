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

    /// <summary>
    /// The text with every base64 value (of a parameter, cookie or header, 16 characters or more, standard or URL-safe
    /// alphabet) that decodes to readable text appended after it: payloads hidden in an encoded cookie or parameter are
    /// then matched like any other. At most 20 values are tried.
    /// </summary>
    public static string WithBase64(string text)
    {
        var decoded = new List<string>();
        foreach (Match m in Base64Value().Matches(text))
        {
            if (decoded.Count >= 20) break;
            var token = m.Value.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            token = token.PadRight(token.Length + (4 - token.Length % 4) % 4, '=');
            var bytes = new byte[token.Length];
            if (!Convert.TryFromBase64String(token, bytes, out var n)) continue;
            var s = System.Text.Encoding.UTF8.GetString(bytes, 0, n);
            if (s.Length > 0 && s.Count(ch => (char.IsControl(ch) && ch is not ('\n' or '\r' or '\t')) || ch == '\uFFFD') * 10 < s.Length && s.Count(char.IsLetter) * 3 >= s.Length)
                decoded.Add(s);
        }
        return decoded.Count == 0 ? text : text + "\n" + string.Join("\n", decoded);
    }

    [GeneratedRegex(@"(?<=[=:]\s?)[A-Za-z0-9+/_-]{16,}={0,2}")]
    private static partial Regex Base64Value();

    [GeneratedRegex(@"(?:%u|\\u|\\x)([0-9a-fA-F]{4}|(?<=\\x)[0-9a-fA-F]{2})")]
    private static partial Regex Escapes();

    [GeneratedRegex(@"/\*.*?\*/")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\$\{(?:lower|upper|date|env:[^:}]*|[a-z]*):*-?([a-zA-Z:/.])\}")]
    private static partial Regex LookupLetter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
