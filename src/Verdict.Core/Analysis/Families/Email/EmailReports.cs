using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Why a message alert fired when no detector judged it: a user pressed the report button on a message the gateway
/// checked and passed, from a sender that is not failing authentication, with nothing in it asking for a sign-in or a
/// signature and no file shared through a service anyone can use; the gateway removed a text-only extortion mailing (no
/// link, no attachment: nothing to act on); or a free-mail sender carries the only recipient's own account name (a
/// forward from one's personal mailbox). On the malicious side: a mail gateway's impersonation check that a free-mail address carries a staff member's name, or the
/// address itself carries an executive's account name.
/// </summary>
public static partial class EmailReports
{
    public const string Src = "message";

    public static void Add(FamilyCase c, List<Evidence> evidence, bool reportedByUser, EmailGateway.Reading gateway, bool authFailed, bool authPass, string urls, string? fromDomain)
    {
        var a = c.Alert;
        // Mimecast impersonation "identifiers": internal_user_name with free_mail_domain is a colleague's name on a free mailbox.
        var identifiers = a.Raw("identifiers") ?? "";
        // A free-mail sender whose address carries the only recipient's own account name (jdoe1982@gmail.com to
        // jdoe@acme.com): someone forwarding from a personal mailbox to their work one. The staff name the gateway found
        // on it is then the recipient's own, which is no impersonation of anyone.
        var toSelf = ForwardToSelf(c, fromDomain);
        if (StaffName().IsMatch(identifiers) && fromDomain is not null && EmailContent.FreeMail(fromDomain) && toSelf is null)
            evidence.Add(new("staff_name_free_mail", $"The gateway found a staff member's name on a free-mail sender ({fromDomain}): confirm with the person by another channel", Leaning.Malicious, 1.2, Src));
        // A free-mail address built on an executive's account name (jdoe.ceo@gmail.com, j.doe.president@gmail.com): the
        // CEO-fraud classic. Dots, dashes and underscores are left out on both sides (they are free to add in free mail).
        if (fromDomain is not null && EmailContent.FreeMail(fromDomain) && EmailEvidence.Address(EmailFields.From(a)) is { } addr
            && c.Context.VipAccounts.FirstOrDefault(v => Compact(v).Length >= 5 && Compact(addr[..addr.IndexOf('@')]).Contains(Compact(v), StringComparison.OrdinalIgnoreCase)) is { } vip)
            evidence.Add(new("vip_name_free_mail", $"A free-mail sender ({addr}) carries the name of the executive account {vip} (context file vip_accounts): confirm with the person by another channel", Leaning.Malicious, 1.5, Src));

        // The forward to oneself explains the alert only with nothing else against it.
        if (toSelf is var (personal, only) && !evidence.Any(e => e.Supports == Leaning.Malicious && e.SignedWeight >= 0.8))
            evidence.Add(new("forward_to_self", $"Sent from a free-mail address ({personal}) carrying the name of its only recipient's own account ({only}): someone forwarding from a personal mailbox to their work one", Leaning.Benign, 1.5, Src));

        // The message's own link fields: a vendor portal link in the alert (abxPortalUrl) is no link in the mail.
        var hasLinks = !Empty(EmailFields.Urls(a)) || (int.TryParse(a.Raw("urlcount"), out var n) && n > 0);
        var hasAttachments = EmailFields.AttachmentNames(a).Length > 0 || !Empty(a.Raw("attachmentnames", "filename"))
            || (int.TryParse(a.Raw("attachmentcount", "attachmentscount"), out var k) && k > 0);
        if (gateway.Extortion && !hasLinks && !hasAttachments && gateway.Delivery is { } d && Removed().IsMatch(d))
            evidence.Add(new("extortion_spam_removed", "Text-only extortion spam (no link, no attachment) the gateway removed: a mass mailing with nothing to click or open", Leaning.Benign, 1.5, EmailGateway.Src));
        if (EmailScam.Read(a, evidence, hasLinks, hasAttachments, reportedByUser || (gateway.Delivery is { } gone && Removed().IsMatch(gone)), gateway.Clicked) is { } scam)
            evidence.Add(scam);

        // A report whose sender is not read was not checked at all: nothing vouches that it asks for nothing.
        if (!reportedByUser || fromDomain is null || gateway.ThreatVerdict || gateway.Suspect || authFailed || gateway.Clicked) return;
        // A weak hint (a pressure word, the detector's own rating) does not stop it; any real indicator does.
        if (evidence.Any(e => e.Supports == Leaning.Malicious && e.Key != "detector_severity" && e.SignedWeight >= 0.8)) return;
        // Anything asking for a sign-in or a signature needs a person to check who is really behind it, unless the page is
        // the organisation's own (its domain, or its tenant on a trusted sender's service: acme.okta.com): no one else can
        // put a page there. An app-consent link is never vouched for by its host (anyone's app asks consent there).
        if (SignPage().IsMatch(urls) && (Link().Matches(urls) is not { Count: > 0 } links
            || links.Any(l => SignPage().IsMatch(l.Value) && (Consent().IsMatch(l.Value) || !OwnHost(c, l.Groups[1].Value))))) return;
        // A file-sharing notice authenticates the service, not the stranger who shared the file through it.
        if ((fromDomain is not null && EmailContent.UserContentHost(fromDomain)) || EmailFields.LinkHosts(urls).Any(EmailContent.UserContentHost)) return;
        evidence.Add(new("user_reported_no_threat", authPass
                ? "A user reported it, the gateway found no threat, and the sender passes authentication with nothing in the message asking for a sign-in or signature: users report marketing and notices as often as phishing"
                : "A user reported it, the gateway found no threat and nothing in the message asks for a sign-in or signature: users report marketing and notices as often as phishing",
            Leaning.Benign, 1.5, Src));
    }

    /// <summary>The free-mail sender and the only recipient, an account of the organisation whose name the sender's address carries; else null.</summary>
    private static (string Personal, string Only)? ForwardToSelf(FamilyCase c, string? fromDomain)
    {
        var a = c.Alert;
        if (fromDomain is not null && EmailContent.FreeMail(fromDomain) && EmailEvidence.Address(EmailFields.From(a)) is { } personal
            && (EmailOutbound.Recipients(a) ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).Select(EmailEvidence.Address).OfType<string>().Distinct().ToList() is [var only]
            && EmailEvidence.IsOrg(EmailEvidence.Domain(only)!, c.Context.Domains) && Compact(only[..only.IndexOf('@')]) is { Length: >= 5 } account
            && Compact(personal[..personal.IndexOf('@')]).Contains(account, StringComparison.OrdinalIgnoreCase))
            return (personal, only);
        return null;
    }

    private static bool OwnHost(FamilyCase c, string host) =>
        EmailEvidence.IsOrg(host, c.Context.Domains) || Lookalike.TrustedTenant(host, c.Context.Domains, c.Context.TrustedSenders);

    private static string Compact(string name) => string.Concat(name.Where(char.IsLetterOrDigit));

    private static bool Empty(string? s) => string.IsNullOrWhiteSpace(s) || s.Trim() is "[]";

    [GeneratedRegex(@"(?i)https?://([\w.-]+)[^\s,;""']*")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?i)oauth|authorize|consent|device ?login|devicelogin")]
    private static partial Regex Consent();

    [GeneratedRegex(@"(?i)internal_user_name|internal user name|display ?name")]
    private static partial Regex StaffName();

    [GeneratedRegex(@"(?i)remediated|quarantin|removed|deleted|junk|blocked|zap")]
    private static partial Regex Removed();

    [GeneratedRegex(@"(?i)log-?in|sign-?in|signing|signon|verify|password|credential|oauth|authorize|wp-admin|owa|microsoftonline|\bsso\b|\bsaml2?\b|\badfs\b|\bokta\b")]
    internal static partial Regex SignPage();
}
