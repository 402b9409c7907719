using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// What the message asks for and where its replies and links go: a request to change bank details, buy gift cards or
/// pay a new supplier (business e-mail compromise: it authenticates when the mailbox is really the supplier's or a
/// colleague's, so it must outweigh "the sender is who it says"); replies sent to a free-mail account (the classic
/// impostor's mailbox) or to the sender's own help desk (its name in the reply-to, harmless); links to services where
/// anyone can host a file or page (a link staying on dropbox.com or sharepoint.com says nothing about who put it there).
/// </summary>
public static partial class EmailContent
{
    public const string Src = "message";

    /// <summary>The subject and body text the alert carries.</summary>
    public static string Text(Alert a) =>
        $"{EmailFields.Subject(a)} {a.Raw("body_preview", "bodypreview", "bodysnippet", "body", "email.body", "snippet")}";

    public static Evidence? PaymentDiversion(Alert a) =>
        Diversion().Match(Text(a)) is { Success: true } m
            ? new("payment_diversion", $"The message asks for a payment change or gift cards ('{CommonEvidence.Clip(m.Value, 60)}'): business e-mail compromise works exactly so, from real but compromised mailboxes too; confirm by phone",
                Leaning.Malicious, 2.0, Src)
            : null;

    /// <summary>A free-mail provider anyone can sign up to.</summary>
    public static bool FreeMail(string domain) => FreeMailDomain().IsMatch(domain);

    /// <summary>The reply-to mailbox (its local part) names the sender's organisation ("northbridgepallets@zendesk.com" for northbridge-pallets.co.uk).</summary>
    public static bool NamesSender(string replyTo, string fromDomain)
    {
        var label = Fold(Lookalike.Label(fromDomain));
        return label.Length >= 5 && Fold(replyTo[..Math.Max(0, replyTo.IndexOf('@'))]).Contains(label, StringComparison.Ordinal);
    }

    /// <summary>The reply-to domain is another domain built on the sender's name (docusign-review-center.com for docusign.net).</summary>
    public static bool ImitatesSender(string replyDomain, string fromDomain)
    {
        var theirs = Fold(Lookalike.Label(fromDomain));
        var label = Lookalike.Label(replyDomain.ToLowerInvariant());
        return theirs.Length >= 4 && Fold(label) != theirs && (Fold(label).Contains(theirs, StringComparison.Ordinal) || Lookalike.Distance(Fold(label), theirs) <= 1);
    }

    /// <summary>
    /// The domains the organisation's phishing drills come from: its context file's phishing_simulation_domains, and any
    /// trusted_senders entry that is a phishing-simulation platform's own domain (KnowBe4, Cofense PhishMe, Hoxhunt...):
    /// listing such a platform as a trusted sender says the organisation runs its drills there.
    /// </summary>
    public static IReadOnlyList<string> SimulationDomains(Context.EnvironmentContext context) =>
        context.PhishingSimulationDomains.Concat(context.TrustedSenders.Where(t => SimulationPlatform().IsMatch(t.Trim()))).ToList();

    /// <summary>A free page-hosting service where anyone can publish a sign-in page in minutes.</summary>
    public static bool FreeHosting(string host) => FreePages().IsMatch(host);

    /// <summary>A host where anyone can publish a file, form or page.</summary>
    public static bool UserContentHost(string host) => UserContent().IsMatch(host);

    /// <summary>A mail gateway's link-rewriting wrapper (Cisco secure-web, Microsoft Safe Links, Proofpoint URL Defense, Mimecast), which stands for another link.</summary>
    public static bool LinkWrapper(string url) => Wrapper().IsMatch(url);

    /// <summary>
    /// The link a wrapper stands for when it carries it (Safe Links ?url=, URL Defense v2 ?u=, v3 __link__), else null
    /// (Cisco's secure-web path is opaque: ESA gives the link as ExpandedUrl instead). Other links are returned as they are.
    /// </summary>
    public static string? LinkTarget(string url)
    {
        if (!LinkWrapper(url)) return url;
        if (Wrapped().Match(url) is { Success: true } m) return Uri.UnescapeDataString(m.Groups[1].Value);
        return V3().Match(url) is { Success: true } v ? v.Groups[1].Value : null;
    }

    private static string Fold(string s) => new([.. s.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    [GeneratedRegex(@"(?i)\b(?:(?:new|updated?|changed?)\s+(?:our\s+)?(?:bank(?:ing)?|payment|remittance)\s+(?:details|account|information)|bank\s+(?:details|account)\s+(?:has|have)\s+changed|(?:our\s+)?bank\s+has\s+changed|moved\s+banks?|change\s+of\s+bank|update\s+our\s+(?:bank\s+|payment\s+)?details|(?:buy|purchase|get|need|pick\s+up)\s+(?:me\s+)?(?:some\s+)?(?:\d+\s+)?(?:\w+\s+)?gift\s*cards?|send\s+(?:me\s+)?the\s+codes|payment\s+(?:of\s+[^.]{0,30}?\s+)?to\s+a\s+new\s+(?:supplier|vendor|account))")]
    private static partial Regex Diversion();

    [GeneratedRegex(@"(?i)^(?:https?://)?(?:secure-web\.cisco\.com|[\w-]+\.safelinks\.protection\.outlook\.com|urldefense\.(?:proofpoint\.)?com|protect[\w-]*\.mimecast\.com)(?:[/:?#]|$)")]
    private static partial Regex Wrapper();

    [GeneratedRegex(@"(?i)[?&](?:url|u)=([^&\s]+)")]
    private static partial Regex Wrapped();

    [GeneratedRegex(@"__(https?://.+?)__")]
    private static partial Regex V3();

    [GeneratedRegex(@"(?i)^(?:gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|aol|icloud|me|proton|protonmail|pm|gmx|mail|yandex|zoho|tutanota|tuta|fastmail)\.(?:com|me|net|de|ru|fr|co\.uk|ch)$")]
    private static partial Regex FreeMailDomain();

    [GeneratedRegex(@"(?i)^(?:[\w-]+\.)*(?:knowbe4\.com|kb4\.io|phishme\.com|hoxhunt\.com|wombatsecurity\.com|terranovasecurity\.com|phishingbox\.com|usecure\.io)$")]
    private static partial Regex SimulationPlatform();

    [GeneratedRegex(@"(?i)\.(?:workers\.dev|pages\.dev|r2\.dev|github\.io|netlify\.app|vercel\.app|web\.app|firebaseapp\.com|webflow\.io|wixsite\.com|weebly\.com|glitch\.me|ngrok(?:-free)?\.(?:io|app)|azurewebsites\.net|herokuapp\.com|blob\.core\.windows\.net|s3\.amazonaws\.com|ipfs\.\w+|replit\.app|onrender\.com)$")]
    private static partial Regex FreePages();

    [GeneratedRegex(@"(?i)(?:^|\.)(?:sharepoint\.com|onedrive\.live\.com|1drv\.ms|dropbox\.com|dropboxusercontent\.com|box\.com|wetransfer\.com|drive\.google\.com|docs\.google\.com|sites\.google\.com|forms\.office\.com|forms\.gle|notion\.site|workers\.dev|pages\.dev|github\.io|netlify\.app|vercel\.app|web\.app|firebaseapp\.com|blob\.core\.windows\.net|s3\.amazonaws\.com|ipfs\.\w+)$")]
    private static partial Regex UserContent();

    /// <summary>A link that downloads a program, installer or script (the path ends in .exe, .msi, .ps1...), or null.</summary>
    public static string? ExecutableLink(string urls) => ExecutablePath().Match(urls) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"(?i)https?://[^\s""',;]+?\.(?:exe|msi|msix|appx|scr|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|jar|lnk|iso|img|apk|dmg)(?=$|[\s?#""',;])")]
    private static partial Regex ExecutablePath();
}
