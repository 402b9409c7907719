using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// What the mail gateway itself concluded, by the vendors' documented fields: Defender for Office 365 (ThreatTypes,
/// DetectionMethods, BulkComplaintLevel, DeliveryAction, OrgLevelPolicy) and Proofpoint TAP (threatsInfoMap[] with
/// classification and threatStatus, quarantineFolder). A phish or malware verdict is the vendor's claim (malicious,
/// not strong: verdicts are revised); a verdict the vendor reverted or marked a false positive explains the alert;
/// spam-only and bulk verdicts (BCL 4 and up) say it is marketing; the organisation's own phishing-simulation policy
/// says it is a drill. Cisco Secure Email (<see cref="CiscoEsa"/>), KnowBe4 PhishER (<see cref="PhishEr"/>), Barracuda and Cofense
/// (<see cref="MailVerdicts"/>) verdicts are read the same way; Graph alerts' message evidence lists its threats[].
/// </summary>
public static partial class EmailGateway
{
    public const string Src = "mail gateway";

    /// <summary>The gateway's reading of the message.</summary>
    public sealed record Reading(bool ThreatVerdict, bool Reverted, bool Bulk, bool Simulation, bool Clicked, string? Delivery, int? PhishScore, bool Suspect = false, bool Extortion = false, bool Clean = false);

    public static Reading Read(Alert a)
    {
        var threatTypes = a.Raw("threattypes", "threattype", "threats") ?? "";
        var methods = a.Raw("detectionmethods", "detectionmethod") ?? "";
        var classes = Nested(a, "classification");
        var statuses = Nested(a, "threatstatus");
        var policy = $"{a.Raw("orglevelpolicy", "policyname", "orglevelaction")} {methods} {CiscoEsa.Policy(a)}";
        var reverted = statuses.Count > 0 && statuses.All(s => Cleared().IsMatch(s))
            || Cleared().IsMatch(a.Raw("zapreason", "verdictreason", "overridereason", "threatstatus", "remediationstatus") ?? "") || EmailVendorVerdict.ResolvedBenign(a) || EmailVendorVerdict.FinalClean(a);
        // Defender XDR evidence[].verdict, Mimecast's URL scanResult and impersonation taggedMalicious: the vendor's own call.
        var vendor = EmailFields.EvidenceVerdicts(a).Append(a.Raw("scanresult") ?? "").ToList();
        var threat = ThreatWord().IsMatch(threatTypes) || vendor.Any(v => v.Equals("malicious", StringComparison.OrdinalIgnoreCase)) || a.Flag("taggedmalicious") == true
            || classes.Zip(statuses.Concat(Enumerable.Repeat("active", classes.Count)), (c, s) => ThreatWord().IsMatch(c) && !Cleared().IsMatch(s)).Any(x => x)
            || CiscoEsa.Threat(a) || PhishEr.Threat(a) || MailVerdicts.Threat(a) || EmailVendorVerdict.Threat(a);
        var bcl = int.TryParse(a.Raw("bulkcomplaintlevel", "bcl"), out var b) ? b : -1;
        var spamOnly = threatTypes.Trim().Equals("spam", StringComparison.OrdinalIgnoreCase) || (classes.Count > 0 && classes.All(c => c.Trim().Equals("spam", StringComparison.OrdinalIgnoreCase)))
            || CiscoEsa.Spam(a) || PhishEr.Spam(a) || MailVerdicts.Spam(a) || EmailVendorVerdict.Spam(a);
        var bulk = bcl >= 4 || BulkMethod().IsMatch(methods) || ((spamOnly || CiscoEsa.Graymail(a)) && !threat) || MailVerdicts.Bulk(a);
        // Mimecast's URL log records clicks (creationMethod "User Click").
        // A click the URL protection blocked (TAP's clicksBlocked, Defender's UrlClickEvents ClickBlocked) never reached the page.
        var clickBlocked = ClickBlocked(a);
        var clicked = !clickBlocked && (a.Flag("clickedbeforezap", "clicked", "userclicked") == true || a.Has("clicktime")
            || (a.Raw("creationmethod") ?? "").Contains("click", StringComparison.OrdinalIgnoreCase));
        // A product's own verdict field saying "unknown" or "pending" is no "no threat found": it did not judge the message.
        var suspect = vendor.Any(v => v.Equals("suspicious", StringComparison.OrdinalIgnoreCase)) || EmailVendorVerdict.Undecided(a) || PhishEr.Suspect(a) || MailVerdicts.Suspect(a);
        // Abnormal's attackType/threatType "Extortion": the sextortion mass mailing.
        var extortion = Extortion().IsMatch($"{threatTypes} {a.Raw("attacktype")}");
        return new(threat && !reverted, reverted, bulk, Simulation().IsMatch(policy), clicked,
            a.Raw("deliveryaction", "deliverylocation", "quarantinefolder", "latestdeliverylocation", "systemactiontype", "remediationstatus") ?? CiscoEsa.Delivery(a) ?? MailVerdicts.Delivery(a) ?? MessageStatus(a),
            int.TryParse(a.Raw("phishscore"), out var score) ? score : null, suspect, extortion,
            !threat && !suspect && EmailVendorVerdict.Clean(a));
    }

    public static void Add(FamilyCase c, List<Evidence> evidence, Reading r)
    {
        // The product's own phish score (0-100) at 30 or below says its models were far from sure of their own class.
        if (r.ThreatVerdict && !r.Simulation && r.PhishScore is <= 30)
            evidence.Add(new("gateway_threat_verdict", $"The mail gateway classified the message as phish or malware, though its own phish score is only {r.PhishScore}/100", Leaning.Malicious, 0.75, Src));
        else if (r.ThreatVerdict && !r.Simulation)
            evidence.Add(new("gateway_threat_verdict", "The mail gateway classified the message as phish or malware", Leaning.Malicious, 1.5, Src));
        if (r.ThreatVerdict && r.Clicked && !r.Simulation)
            evidence.Add(new("clicked_threat", "A user clicked a link in a message the gateway judged malicious", Leaning.Malicious, 1.0, Src));
        if (PhishEr.FlaggedOnce(c.Alert) && !r.ThreatVerdict && !r.Simulation)
            evidence.Add(new("engine_flagged_link", "One VirusTotal engine flags a link or attachment (weak: a single engine is often wrong, but it is not nothing)", Leaning.Malicious, 0.6, Src));
        // Proofpoint's phishScore runs 0-100; below 20 its own models saw nothing of a phish (weak: a score, not a reason).
        if (r.PhishScore is { } ps && ps < 20 && !r.ThreatVerdict)
            evidence.Add(new("low_phish_score", $"The gateway scored the message {ps}/100 for phishing", Leaning.Benign, 0.5, Src));
        if (r.Reverted)
            evidence.Add(new("verdict_reverted", "The gateway reverted its verdict or marked it a false positive: the detection itself was withdrawn", Leaning.Benign, 2.0, Src));
        if (r.Clean && !MailVerdicts.SandboxReleased(c.Alert))
            evidence.Add(new("vendor_clean", "The product's own verdict or scan result on the message is clean: its engines found nothing", Leaning.Benign, 1.0, Src));
        MailVerdictEvidence.Add(c, evidence);
        if (PulledFromInbox(r) && !r.Clicked)
            evidence.Add(new("not_in_inbox", $"The message did not stay in the inbox ({CommonEvidence.Clip(r.Delivery!, 40)}) and nobody clicked", Leaning.Context, 0, Src));
    }

    /// <summary>
    /// The message's status as a message-tracking record states it (messageStatus, deliveryStatus: "Delivered",
    /// "Quarantined (Spam)", "Dropped (AMP: Malicious)"), also when the status is keyed by the message's numeric id
    /// (Cisco Secure Email message tracking writes messageStatus.{mid}); null when the record gives none.
    /// </summary>
    public static string? MessageStatus(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var parts = Ingest.FieldNames.Normalize(key).Split('.');
            var name = parts.Length > 1 && parts[^1].All(char.IsAsciiDigit) ? parts[^2] : parts[^1];
            if (name is "messagestatus" or "deliverystatus") return value.Trim();
        }
        return null;
    }

    /// <summary>The product moved the message out of the inbox (junk, quarantine, removed, remediated): it acted on its own verdict.</summary>
    public static bool PulledFromInbox(Reading r) => r.Delivery is { } d && Removed().IsMatch(d);

    /// <summary>
    /// The record is a click the product's URL protection blocked: the page never loaded. Said by the event kind (TAP's
    /// clicksBlocked, Defender's ClickBlocked) or by a click record's own action (Mimecast's URL log: creationMethod
    /// "User Click" with action "block").
    /// </summary>
    public static bool ClickBlocked(Alert a) => BlockedClick().IsMatch(a.Raw("eventtype", "actiontype") ?? "")
        || ((a.Raw("creationmethod") ?? "").Contains("click", StringComparison.OrdinalIgnoreCase) && BlockAction().IsMatch(a.Raw("action") ?? ""));

    private static List<string> Nested(Alert a, string leaf)
    {
        var list = new List<string>();
        foreach (var (key, value) in a.Fields)
        {
            var n = Ingest.FieldNames.Normalize(key);
            if (n.StartsWith("threatsinfomap.", StringComparison.Ordinal) && n.EndsWith("." + leaf, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(value))
                list.Add(value.Trim());
        }
        return list;
    }

    [GeneratedRegex(@"(?i)\b(?:phish\w*|malware|impostor)\b")]
    private static partial Regex ThreatWord();

    [GeneratedRegex(@"(?i)false ?positive|reverted to clean|\bcleared\b|\breleased\b")]
    private static partial Regex Cleared();

    [GeneratedRegex(@"(?i)^clicks?blocked")]
    private static partial Regex BlockedClick();

    [GeneratedRegex(@"(?i)^\s*block(?:ed)?\s*$")]
    private static partial Regex BlockAction();

    [GeneratedRegex(@"(?i)\bbulk\b")]
    private static partial Regex BulkMethod();

    [GeneratedRegex(@"(?i)phish(?:ing)? ?sim|simulation")]
    private static partial Regex Simulation();

    [GeneratedRegex(@"(?i)\bextortion|sextortion")]
    private static partial Regex Extortion();

    [GeneratedRegex(@"(?i)junk|quarantin|blocked|removed|zap|dropped|deleted|replaced|phish|spam|(?<!\bnot\s)(?<!\bun)remediated")]
    private static partial Regex Removed();
}
