using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// A message the gateway stopped before anyone could read it: blocked or quarantined at delivery (Proofpoint TAP's
/// messagesBlocked event or a quarantine folder, Mimecast attachment protection's actionTriggered block), or removed
/// automatically at delivery and never read (Abnormal's autoRemediated without postRemediated, an isRead of false).
/// The control did its job; a generic phish or malware mail that never reached a reader is the background every
/// mailbox receives. Not when anyone clicked or read it, nor when anything says it was aimed at this organisation: a
/// look-alike of the organisation or a trusted sender, a colleague's or executive's name, a reply-to elsewhere, a
/// payment change, a sender on the organisation's own domain, a file built to slip past filters (double extension,
/// HTML, disk image, shortcut, OneNote; not a macro-enabled Office document or a bare Windows script, the commodity malspam files), an executive recipient, or the vendor's own word that it impersonates someone
/// inside (internal, VIP, employee, vendor, supplier impersonation). Then the message's threat signs are what the
/// gateway stopped, kept in the brief as context (so is a rule naming the malware it blocked).
/// </summary>
public static partial class EmailBlocked
{
    private static readonly HashSet<string> Targeted = ["lookalike_sender", "lookalike_link", "payment_diversion", "staff_name_free_mail", "vip_name_free_mail",
        "reply_to_mismatch", "double_extension", "risky_attachment", "invoice_on_free_hosting", "clicked_threat", "user_reported"];

    private static readonly HashSet<string> Stopped = ["gateway_threat_verdict", "sandbox_malicious", "display_name_combo_domain", "pressure_subject", "credential_link",
        "free_hosting_link", "ip_link", "executable_link", "new_domain", "auth_failed", "engine_flagged_link", "rule_names_threat"];

    public static void Add(FamilyCase c, List<Evidence> evidence, EmailGateway.Reading gateway, bool internalSender)
    {
        var a = c.Alert;
        if (gateway.Clicked || internalSender || a.Flag("isread") == true || Where(a, gateway) is not { } how) return;
        // A macro document or a bare script is commodity malspam the gateway's filters are built for; the filter-evading files still aim it.
        var commodityFile = EmailEvidence.OnlyCommodityFiles(EmailEvidence.Attachments(a));
        if (evidence.Any(e => Targeted.Contains(e.Key) && !(commodityFile && e.Key == "risky_attachment")) || Inside().IsMatch($"{a.Raw("attackstrategy")} {a.Raw("impersonatedparty")}")) return;
        var recipients = $"{EmailOutbound.Recipients(a)} {a.Raw("recipientaddress", "toaddresses", "toaddresses.0", "recipient.0")} {a.Field(CanonicalField.Email)}";
        if (c.Context.VipAccounts.Any(v => recipients.Contains(v, StringComparison.OrdinalIgnoreCase))) return;
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i] is { Supports: Leaning.Malicious } e && (Stopped.Contains(e.Key) || (commodityFile && e.Key == "risky_attachment")))
                evidence[i] = e with { Supports = Leaning.Context, Weight = 0, Strong = false, Description = e.Description + " (stopped before delivery)" };
        }
        var stopped = EmailGateway.ClickBlocked(a) ? $"The link protection stopped the click ({how})" : $"The gateway stopped the message before anyone read it ({how}), nobody clicked";
        evidence.Add(new("blocked_before_delivery", $"{stopped}, and nothing aims it at this organisation (no look-alike, no colleague's or executive's name, no payment change, no filter-evading file): the background phish and malware every mailbox receives, and the control did its job",
            Leaning.Benign, 2.5, EmailGateway.Src));
    }

    /// <summary>How the record says the message never reached a reader, or null.</summary>
    private static string? Where(Alert a, EmailGateway.Reading gateway)
    {
        if (string.Equals(a.Raw("eventtype"), "messagesBlocked", StringComparison.OrdinalIgnoreCase)) return "blocked at delivery";
        if (EmailGateway.ClickBlocked(a)) return "a blocked click: the page never loaded";
        // Spam or bulk by the gateway's own verdict, and filed in junk by it: a phish or malware verdict moved to junk is not this.
        if (gateway.Bulk && !gateway.ThreatVerdict && gateway.Delivery is { } d && Junk().IsMatch(d)) return $"judged spam and moved to junk: {CommonEvidence.Clip(d, 30)}";
        if (a.Raw("quarantinefolder") is { Length: > 0 } folder && !folder.Equals("null", StringComparison.OrdinalIgnoreCase)) return $"quarantined: {CommonEvidence.Clip(folder, 30)}";
        // Mimecast attachment protection's actionTriggered: "block" or "attachment blocked" refused the message (a "hold" releases it later).
        if (a.Raw("actiontriggered") is { } action && BlockWord().IsMatch(action)) return "attachment blocked at delivery";
        // The product's own final action on the message, as a whole value: blocked, dropped, rejected, quarantined, deleted
        // (a "hold" for review releases it later, a post-delivery remediation came after someone could read it).
        // Top-level only: a per-recipient or per-file action (recipients[].action) is not the message's.
        if (a.Fields.FirstOrDefault(f => FieldNames.Normalize(f.Key) is "finalaction" or "action" or "messageaction" && FinalStop().IsMatch(f.Value ?? "")).Value is { } final)
            return $"final action: {CommonEvidence.Clip(final.Trim(), 20)}";
        // A message-tracking status that ends the message at the gateway ("Dropped (AMP: Malicious)", "Quarantined (Virus)").
        if (EmailGateway.MessageStatus(a) is { } status && FinalStop().IsMatch(status))
            return $"message status: {CommonEvidence.Clip(status, 30)}";
        if (a.Flag("autoremediated") == true && a.Flag("postremediated") != true) return "removed automatically at delivery";
        return null;
    }

    [GeneratedRegex(@"(?i)\bblock(?:ed)?\b")]
    private static partial Regex BlockWord();

    // The action word alone, or followed by the product's reason in brackets ("Dropped (AMP: Malicious)").
    [GeneratedRegex(@"(?i)^\s*(?:block(?:ed)?|drop(?:ped)?|reject(?:ed)?|quarantined?|delete[d]?|bounced?|refused|discard(?:ed)?)(?:\s*\([^()]*\))?\s*$")]
    private static partial Regex FinalStop();

    [GeneratedRegex(@"(?i)junk|spam")]
    private static partial Regex Junk();

    [GeneratedRegex(@"(?i)internal|\bvip\b|executive|employee|vendor|supplier|colleague")]
    private static partial Regex Inside();
}
