namespace Verdict.Alerts.Extraction;

/// <summary>
/// Host-name rules and a built-in list of top-level domains. In free text a name needs a listed TLD, so
/// "svchost.exe" and "report.pdf" are not domains; TLDs that are also everyday file extensions (.zip, .sh, .py,
/// .md, .mov...) count only where the context says "domain" (a URL, an email, a domain field, defanged text).
/// </summary>
internal static class DomainNames
{
    private const string CountryCodes =
        "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz " +
        "ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm " +
        "fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it " +
        "je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn " +
        "mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps " +
        "pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj " +
        "tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

    private const string Generic =
        "com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs cat post arpa " +
        "app dev xyz top online site club shop store tech live life world today space website fun icu vip work win " +
        "bid loan men date download review stream trade racing party science cricket faith accountant kim gdn buzz " +
        "link click host press cloud digital email network services solutions support systems agency company group " +
        "center zone monster cyou sbs lol quest bar rest best beauty hair skin makeup cfd boats homes autos yachts " +
        "blog news media design studio global plus social team tools ltd inc llc page wiki guru ninja rocks expert " +
        "finance money bank insure cash tax capital fund ventures business management marketing consulting " +
        "academy school college university education health clinic care love dating sex porn adult bet casino poker " +
        "game games video movie music photo pics pictures art city country land estate house realty market deals " +
        "sale discount promo gift free run zip mov";

    private const string Internal = "local localdomain internal lan corp home intranet";

    /// <summary>TLDs that are also common file extensions; in plain free text "install.sh" is a file, not a domain.</summary>
    private const string FileExtensions = "zip mov run app sh py pl ps md rs so cc in am ac ai ms mk ml pm tf mo nc sc gs";

    private static readonly HashSet<string> Tlds = Words(CountryCodes + " " + Generic + " " + Internal);
    private static readonly HashSet<string> Ambiguous = Words(FileExtensions);
    private static readonly HashSet<string> InternalTlds = Words(Internal);

    public static bool IsInternal(string domain) => InternalTlds.Contains(Tld(domain));

    /// <summary>
    /// The lower-case host name when <paramref name="text"/> is one (two or more labels of letters, digits and
    /// inner hyphens, an alphabetic TLD); <paramref name="listedTld"/> also requires the TLD to be on the list.
    /// </summary>
    public static string? Normalize(string text, bool listedTld)
    {
        var name = text.TrimEnd('.');
        if (name.Length is < 4 or > 253) return null;
        var labels = name.Split('.');
        if (labels.Length < 2) return null;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return null;
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return null;
            }
        }
        var tld = labels[^1].ToLowerInvariant();
        if (tld.Length < 2 || !tld.All(char.IsAsciiLetter)) return null;
        if (listedTld && !Tlds.Contains(tld)) return null;
        return name.ToLowerInvariant();
    }

    /// <summary>A domain named in running text: a listed TLD, not a file name, not a code identifier like System.Net.</summary>
    public static string? FromFreeText(string token, bool defanged)
    {
        if (Normalize(token, listedTld: true) is not { } name) return null;
        var tld = token.TrimEnd('.')[(token.TrimEnd('.').LastIndexOf('.') + 1)..];
        // "System.Net", "Foo.Com": a capitalised TLD is a code identifier or a typo'd sentence, not a domain.
        if (!defanged && tld.Any(char.IsAsciiLetterUpper) && tld.Any(char.IsAsciiLetterLower)) return null;
        if (!defanged && name.StartsWith("system.", StringComparison.Ordinal)) return null;
        if (!defanged && Ambiguous.Contains(Tld(name))) return null;
        return name;
    }

    private static string Tld(string domain) => domain[(domain.LastIndexOf('.') + 1)..].ToLowerInvariant();

    private static HashSet<string> Words(string text) =>
        new(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
