using System.Text;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Look-alike domains: a sender domain that is not the organisation's but is one or two edits from it, the same after
/// homoglyphs are folded (rn→m, 0→o, 1→l, vv→w, Cyrillic а→a...), or the organisation's name with a word added
/// (acme-support.com), or the organisation's own name in front of someone else's domain (acme.com.verify.click).
/// Compares the registrable part (the label before the public suffix) so mail.acme.com is acme. The provider domain
/// behind a tenant domain of the organisation (okta.com behind acme.okta.com) is not a look-alike.
/// </summary>
public static class Lookalike
{
    private static readonly (string From, string To)[] Glyphs =
    [
        ("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("3", "e"), ("5", "s"), ("|", "l"),
        ("а", "a"), ("е", "e"), ("о", "o"), ("р", "p"), ("с", "c"), ("х", "x"), ("у", "y"), ("і", "i"), ("ӏ", "l"), ("ԁ", "d"),
    ];

    /// <summary>The organisation domain the given domain imitates, and how; null when it is not a look-alike (or is the real one).</summary>
    public static (string Domain, string How)? Imitates(string domain, IEnumerable<string> orgDomains)
    {
        domain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        foreach (var org in orgDomains)
        {
            var o = org.ToLowerInvariant();
            if (domain == o || domain.EndsWith("." + o, StringComparison.Ordinal)) return null;
            // The provider behind a tenant domain (okta.com for acme.okta.com) is that provider, not an imitation of the tenant.
            if (o.EndsWith("." + domain, StringComparison.Ordinal) && domain.Contains('.', StringComparison.Ordinal)) return null;
        }
        var label = Label(domain);
        foreach (var org in orgDomains)
        {
            var o = org.ToLowerInvariant();
            // acme.com.auth-verify.click, login.acme.com-secure.net: the real name in front, someone else's domain behind it.
            if (domain.StartsWith(o + ".", StringComparison.Ordinal) || domain.Contains("." + o + ".", StringComparison.Ordinal)
                || domain.StartsWith(o + "-", StringComparison.Ordinal) || domain.Contains("." + o + "-", StringComparison.Ordinal))
                return (o, "the organisation's name in front of another domain");
            var orgLabel = TenantLabel(o, orgDomains) ?? Label(o);
            if (orgLabel.Length < 3) continue;
            if (domain.StartsWith("xn--", StringComparison.Ordinal) || label.StartsWith("xn--", StringComparison.Ordinal))
                return (o, "an internationalised (punycode) name");
            if (label == orgLabel) return (o, "the same name under a different suffix");
            if (Fold(label) == Fold(orgLabel)) return (o, "look-alike characters");
            var d = Distance(label, orgLabel);
            if (d <= (orgLabel.Length >= 6 ? 2 : 1)) return (o, $"{d} character(s) different");
            // A short name (mch) inside a longer word (mchfoundation) is too often another organisation's: only a hyphenated compound counts.
            if (label.Length > orgLabel.Length && (orgLabel.Length >= 5 || label.Contains('-', StringComparison.Ordinal))
                && (label.Contains(orgLabel, StringComparison.Ordinal) || Fold(label).Contains(Fold(orgLabel), StringComparison.Ordinal)))
                return (o, "the organisation's name with words added");
        }
        return null;
    }

    /// <summary>
    /// The look-alikes of a trusted outside sender (docusign-esign.net, d0cusign.net, docusign.net.sign-in.top), but not
    /// its own other domains (myworkday.com for workday.com, dhl.de for dhl.com): for a sender the organisation does not
    /// own, a word joined without a hyphen or another suffix is too often the brand's own.
    /// </summary>
    public static (string Domain, string How)? ImitatesTrusted(string domain, IEnumerable<string> trusted)
    {
        var list = trusted.ToList();
        if (Imitates(domain, list) is not { } hit) return null;
        if (hit.How.StartsWith("the same name", StringComparison.Ordinal)) return null;
        var label = Label(domain.ToLowerInvariant());
        var theirs = Label(hit.Domain);
        // A word run into the brand's name (myworkday) is often the brand's own; a hyphenated compound (docusign-esign,
        // sharepointonline-files) is the look-alike's habit.
        if (label.Contains(theirs, StringComparison.Ordinal) && !label.Contains('-', StringComparison.Ordinal))
            return null;
        // The brand's own name behind a tenant or product prefix (microsoft.com for onmicrosoft.com, workday.com for myworkday.com).
        if (theirs == "on" + label || theirs == "my" + label) return null;
        return hit;
    }

    /// <summary>
    /// The organisation's own tenant on a service: its name as the first label of someone else's domain
    /// (mch.service-now.com for mch.org.au), which the service hands only to that customer.
    /// </summary>
    public static bool OrgTenant(string host, IEnumerable<string> orgDomains)
    {
        host = host.ToLowerInvariant();
        var parts = host.Split('.');
        return parts.Length >= 3 && EmailFields.Registrable(host) != host
            && orgDomains.Any(o => Label(o.ToLowerInvariant()) is { Length: >= 3 } l && parts[0] == l && !host.EndsWith("." + o, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The organisation's tenant on a trusted sender's service, the service's name written with a hyphen or not
    /// (mch.service-now.com for mch.org.au and servicenow.com): that service's own domain, not an imitation of it.
    /// </summary>
    public static bool TrustedTenant(string host, IEnumerable<string> orgDomains, IEnumerable<string> trusted)
    {
        if (!OrgTenant(host, orgDomains)) return false;
        var provider = Label(host.ToLowerInvariant()).Replace("-", "", StringComparison.Ordinal);
        return trusted.Any(t => Label(t.ToLowerInvariant()) == provider);
    }

    /// <summary>The services behind the organisation's tenant domains: sharepoint.com for acme.sharepoint.com, okta.com for acme.okta.com.</summary>
    public static IEnumerable<string> Providers(IEnumerable<string> orgDomains) =>
        orgDomains.Where(o => TenantLabel(o, orgDomains) is not null).Select(EmailFields.Registrable).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The organisation's name in a tenant domain on someone else's service: "contoso" in contoso.okta.com, when
    /// okta.com itself is not the organisation's. Null for the organisation's own domains and their subdomains.
    /// </summary>
    private static string? TenantLabel(string org, IEnumerable<string> orgDomains)
    {
        var parts = org.Split('.');
        var registrable = EmailFields.Registrable(org);
        if (registrable == org || orgDomains.Any(d => d.Equals(registrable, StringComparison.OrdinalIgnoreCase))) return null;
        return parts[0];
    }

    /// <summary>The label before the public suffix ("mail.acme.co.uk" → "acme").</summary>
    public static string Label(string domain)
    {
        var parts = domain.Split('.');
        if (parts.Length < 2) return domain;
        var i = parts.Length - 2;
        if (parts.Length >= 3 && parts[i].Length <= 3 && parts[^1].Length == 2 && parts[i] is "co" or "com" or "org" or "net" or "ac" or "gov") i--;
        return parts[i];
    }

    private static string Fold(string s)
    {
        var b = new StringBuilder(s);
        foreach (var (from, to) in Glyphs) b.Replace(from, to);
        return b.Replace("-", "").ToString();
    }

    /// <summary>Levenshtein distance (short strings only).</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || b.Length > 64) return 99;
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            cur.CopyTo(prev);
        }
        return prev[b.Length];
    }
}
