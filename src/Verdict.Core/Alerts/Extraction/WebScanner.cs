namespace Verdict.Alerts.Extraction;

/// <summary>URLs (http, https, ftp), email addresses and domain names in free text. Each scan is one pass with bounded look-around.</summary>
internal static class WebScanner
{
    private static readonly string[] Schemes = ["http://", "https://", "ftp://"];
    private const int MaxLocalPart = 64;
    private const int MaxDomain = 253;

    public static void ScanUrls(ScanText t, EntitySet set)
    {
        var s = t.Text;
        var i = 0;
        while (i < s.Length)
        {
            var found = s.IndexOf("://", i, StringComparison.Ordinal);
            if (found < 0) return;
            var scheme = Schemes.FirstOrDefault(x => found - x.Length + 3 >= 0 && string.Compare(s, found - x.Length + 3, x, 0, x.Length, StringComparison.OrdinalIgnoreCase) == 0);
            var start = scheme is null ? -1 : found - scheme.Length + 3;
            if (start < 0 || (start > 0 && char.IsAsciiLetterOrDigit(s[start - 1])))
            {
                i = found + 3;
                continue;
            }
            var end = found + 3;
            while (end < s.Length && !char.IsWhiteSpace(s[end]) && s[end] is not ('"' or '\'' or '<' or '>' or '`' or '|' or '\\' or '^' or '{' or '}')) end++;
            end = TrimUrlEnd(s, start, end);
            if (Uri.TryCreate(s[start..end], UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                var tags = t.Tag(start, end);
                t.Take(start, end, Claim.Name);
                set.Add(new Entity(EntityKind.Url, CanonicalUrl(s[start..end], uri), tags));
                AddHost(uri, tags, set);
            }
            i = Math.Max(end, found + 3);
        }
    }

    // Trailing sentence punctuation is not part of a URL; a closing bracket is, when the URL opened it.
    private static int TrimUrlEnd(string s, int start, int end)
    {
        while (end > start)
        {
            var c = s[end - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '*') end--;
            else if (c is ')' or ']' && Count(s, start, end, c == ')' ? '(' : '[') < Count(s, start, end, c)) end--;
            else break;
        }
        return end;
    }

    private static int Count(string s, int start, int end, char c)
    {
        var n = 0;
        for (var i = start; i < end; i++) if (s[i] == c) n++;
        return n;
    }

    /// <summary>Scheme and host lower-cased; path, query and fragment exactly as written.</summary>
    private static string CanonicalUrl(string text, Uri uri)
    {
        var authorityStart = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = text.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0) authorityEnd = text.Length;
        var authority = text[authorityStart..authorityEnd];
        if (!authority.Contains('@', StringComparison.Ordinal)) authority = authority.ToLowerInvariant();
        return uri.Scheme + "://" + authority + text[authorityEnd..];
    }

    private static void AddHost(Uri uri, IReadOnlyList<string>? tags, EntitySet set)
    {
        if (IpScanner.ParseValue(uri.Host, tags) is { } ip) set.Add(ip);
        else if (DomainNames.Normalize(uri.IdnHost, listedTld: false) is { } domain) set.Add(new Entity(EntityKind.Domain, domain, tags));
    }

    public static void ScanEmails(ScanText t, EntitySet set)
    {
        var s = t.Text;
        for (var at = s.IndexOf('@', StringComparison.Ordinal); at >= 0; at = at + 1 < s.Length ? s.IndexOf('@', at + 1) : -1)
        {
            var start = at;
            while (start > 0 && at - start < MaxLocalPart && IsLocalChar(s[start - 1])) start--;
            while (start < at && s[start] == '.') start++;
            var end = at + 1;
            while (end < s.Length && end - at <= MaxDomain && (char.IsAsciiLetterOrDigit(s[end]) || s[end] is '.' or '-')) end++;
            while (end > at + 1 && s[end - 1] is '.' or '-') end--;
            if (start == at || end == at + 1 || t.Taken(start, end, Claim.Name)) continue;
            if (DomainNames.Normalize(s[(at + 1)..end], listedTld: false) is not { } domain) continue;
            t.Take(start, end, Claim.Name);
            set.Add(new Entity(EntityKind.Email, s[start..at].ToLowerInvariant() + "@" + domain, t.Tag(start, end)));
        }
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    /// <summary>Domain names outside URLs, emails and paths: maximal runs of letters, digits, dots and hyphens.</summary>
    public static void ScanDomains(ScanText t, EntitySet set, IReadOnlySet<string> fileNames)
    {
        var s = t.Text;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(s[i]) || (i > 0 && IsNameChar(s[i - 1]))) continue;
            var end = i;
            var dots = 0;
            while (end < s.Length && IsNameChar(s[end]))
            {
                if (s[end] == '.') dots++;
                end++;
            }
            var before = i > 0 ? s[i - 1] : ' ';
            var after = end < s.Length ? s[end] : ' ';
            if (dots > 0 && before is not ('@' or '\\' or '/' or '_' or '%' or '$') && after is not ('@' or '\\' or '_')
                && !t.Taken(i, end, Claim.Name) && DomainNames.FromFreeText(s[i..end], t.Defanged(i, end)) is { } domain && !fileNames.Contains(domain))
            {
                set.Add(new Entity(EntityKind.Domain, domain, t.Tag(i, end, DomainNames.IsInternal(domain) ? ["internal"] : null)));
            }
            i = end - 1;
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';
}
