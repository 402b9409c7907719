using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Outgoing mail the DLP engine matched (Cisco ESA's ESADLPVerdict): the question is where the data went, not whether the
/// sender is genuine. Sensitive data mailed to a free-mail account (often the sender's own) is how insiders and
/// compromised accounts take it out; the same data sent to a partner the organisation lists (trusted_senders: its
/// regulator, auditors, vendors) is the business flow the DLP rule watches over.
/// </summary>
public static class EmailOutbound
{
    /// <summary>True when the message is outgoing and the DLP engine matched it.</summary>
    public static bool DlpMatched(Alert a) => CiscoEsa.Outbound(a) && CiscoEsa.Dlp(a) is not null;

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!DlpMatched(a)) return;
        var recipients = (CiscoEsa.Recipient(a) ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(EmailEvidence.Address).OfType<string>().ToList();
        if (recipients.Count == 0) return;
        var domains = recipients.Select(r => r[(r.LastIndexOf('@') + 1)..]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var dlp = CiscoEsa.Dlp(a);
        if (domains.FirstOrDefault(EmailContent.FreeMail) is { } free)
            evidence.Add(new("dlp_to_personal_mail", $"Data the DLP engine matched ({dlp}) went to a free-mail account at {free}: confirm with the sender whether it is theirs and what it holds", Leaning.Malicious, 1.5, EmailEvidence.Src));
        else if (domains.All(d => c.Context.TrustedSenders.Concat(c.Context.Domains).Any(t => d.Equals(t, StringComparison.OrdinalIgnoreCase) || d.EndsWith("." + t, StringComparison.OrdinalIgnoreCase))))
            evidence.Add(new("dlp_to_known_partner", $"Data the DLP engine matched ({dlp}) went to {string.Join(", ", domains)}, a partner the organisation lists (trusted_senders): the business flow the rule watches", Leaning.Benign, 1.0, "context file"));
    }
}
