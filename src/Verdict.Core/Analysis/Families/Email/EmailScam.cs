using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Mass scam spam with nothing to click or open: a lottery win, a crypto giveaway or payout, an inheritance, a stranger's fortune to share, a
/// sextortion threat. Such mail comes from throw-away domains that fail authentication and asks for replies to a
/// free-mail box, so those signs are what it looks like, not a targeted attack. Closed only when a user reported it or
/// the gateway removed it, and never when it imitates the organisation or a trusted sender, asks for a payment change,
/// carries a link or an attachment, or someone clicked.
/// </summary>
public static partial class EmailScam
{
    private static readonly HashSet<string> Riders = ["payment_diversion", "lookalike_sender", "lookalike_link", "staff_name_free_mail", "sandbox_malicious", "extortion_spam_removed"];

    public static Evidence? Read(Alert a, IReadOnlyList<Evidence> evidence, bool hasLinks, bool hasAttachments, bool reportedOrRemoved, bool clicked)
    {
        if (hasLinks || hasAttachments || !reportedOrRemoved || clicked || evidence.Any(e => Riders.Contains(e.Key))) return null;
        return Scam().Match(EmailContent.Text(a)) is { Success: true } m
            ? new("scam_spam_no_action", $"Mass scam spam ('{CommonEvidence.Clip(m.Value, 50)}') with no link or attachment, reported or removed: its failing sender and free-mail reply address are how such spam looks, and there is nothing to click or open",
                Leaning.Benign, 3.0, EmailContent.Src)
            : null;
    }

    [GeneratedRegex(@"(?i)\b(?:you(?:'ve| have) (?:been selected|won)|won (?:the )?(?:sum of|GBP|USD|EUR|\$|£|€)|lottery|lotto|sweepstake|you(?:'ve| have) received [\d.,]+ ?(?:BTC|ETH|USDT|bitcoin)|crypto(?:currency)? giveaway|(?:BTC|ETH|bitcoin|token) (?:giveaway|airdrop)|winning (?:number|notification)|claim your (?:prize|winnings|funds)|unclaimed (?:funds|prize|inheritance)|inheritance|next of kin|late (?:client|husband|father)|beneficiary of|compensation fund|(?:consignment|trunk) box|I (?:have )?recorded you|your (?:webcam|camera) (?:was|has been)|pay (?:me )?in bitcoin|bitcoin (?:wallet|address)|I hacked your (?:device|account))")]
    private static partial Regex Scam();
}
