using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Outgoing mail the DLP engine matched (Cisco ESA's ESADLPVerdict, or any product whose direction field says outgoing
/// and whose rule, policy or alert type names DLP): the question is where the data went, not whether the
/// sender is genuine. Sensitive data mailed to a free-mail account (often the sender's own) is how insiders and
/// compromised accounts take it out; the same data sent to a partner the organisation lists (trusted_senders: its
/// regulator, auditors, vendors) is the business flow the DLP rule watches over.
/// </summary>
public static partial class EmailOutbound
{
    /// <summary>True when the message is outgoing and the DLP engine matched it.</summary>
    public static bool DlpMatched(Alert a) => (CiscoEsa.Outbound(a) || Outgoing(a)) && Dlp(a) is not null;

    /// <summary>
    /// Any product's direction field (direction, routeDirection, emailDirection, or a route such as Mimecast's) saying the
    /// message leaves the organisation: out, outbound, outgoing.
    /// </summary>
    internal static bool Outgoing(Alert a) =>
        a.Raw("direction", "routedirection", "emaildirection", "email.direction", "maildirection", "route") is { } d && d.Trim().ToLowerInvariant() is "out" or "outbound" or "outgoing";

    /// <summary>
    /// What the gateway's spam, virus or phishing engine flagged on mail leaving the organisation (Cisco Secure Email's
    /// "antispam: Positive", "Outbound spam"), or null: a real mailbox sending that is a compromised one until its owner says otherwise.
    /// </summary>
    public static string? ThreatLeaving(Alert a) =>
        CiscoEsa.Outbound(a) || Outgoing(a) ? new[] { a.Rule, a.Description }.Select(t => OutboundThreat().Match(t)).FirstOrDefault(m => m.Success)?.Value : null;

    [GeneratedRegex(@"(?i)\b(?:anti)?(?:spam|virus|malware|phish\w*)\b(?!\s*:\s*(?:negative|clean|none|pass))|\bamp\s*:\s*(?:malicious|positive)|outbreak\w*\s*:\s*positive")]
    private static partial Regex OutboundThreat();

    /// <summary>What the DLP engine matched: Cisco ESA's verdict, or a rule, policy, alert type or reason that names data-loss (or data-leak) prevention.</summary>
    private static string? Dlp(Alert a) => CiscoEsa.Dlp(a)
        ?? new[] { a.Rule, a.Raw("policyname", "policy"), a.Raw("type"), a.Raw("reason", "scanresults"), a.Description }.FirstOrDefault(t => t is not null && DlpName().IsMatch(t));

    /// <summary>The recipients: Cisco ESA's duser, or any product's recipients, rcpts or to field.</summary>
    internal static string? Recipients(Alert a) => CiscoEsa.Recipient(a) ?? a.Raw("recipients", "rcpts", "recipient", "recipientemailaddress", "recipientaddress", "toaddresses", "to", "headerto");

    [GeneratedRegex(@"(?i)\bDLP\b|data ?(?:loss|leak(?:age)?) ?prevention")]
    private static partial Regex DlpName();

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (ThreatLeaving(a) is { } threat)
            evidence.Add(new("outbound_threat", $"The gateway flagged mail leaving the organisation ('{CommonEvidence.Clip(threat, 40)}'): a real mailbox sending spam or malware is usually a compromised one; ask its owner", Leaning.Malicious, 1.5, EmailEvidence.Src));
        if (!DlpMatched(a)) return;
        var recipients = (Recipients(a) ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(EmailEvidence.Address).OfType<string>().ToList();
        if (recipients.Count == 0) return;
        var domains = recipients.Select(r => r[(r.LastIndexOf('@') + 1)..]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var dlp = CommonEvidence.Clip(Dlp(a)!, 60);
        if (domains.FirstOrDefault(EmailContent.FreeMail) is { } free)
            evidence.Add(new("dlp_to_personal_mail", $"Data the DLP engine matched ({dlp}) went to a free-mail account at {free}: confirm with the sender whether it is theirs and what it holds", Leaning.Malicious, 1.5, EmailEvidence.Src));
        else if (domains.All(d => c.Context.TrustedSenders.Concat(c.Context.Domains).Any(t => d.Equals(t, StringComparison.OrdinalIgnoreCase) || d.EndsWith("." + t, StringComparison.OrdinalIgnoreCase))))
            evidence.Add(new("dlp_to_known_partner", $"Data the DLP engine matched ({dlp}) went to {string.Join(", ", domains)}, a partner the organisation lists (trusted_senders): the business flow the rule watches", Leaning.Benign, 1.0, "context file"));
    }
}
