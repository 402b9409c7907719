using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Mail the gateway stopped before anyone read it (Proofpoint TAP messagesBlocked, Abnormal auto-remediation) closes
/// when nothing aims it at the organisation; each beside the attack that wears the same clothes (a look-alike of the
/// organisation, an HTML file, an executive recipient, the vendor's word that it impersonates someone inside, a
/// delivered copy). Also the display-name combination look-alike and Abnormal's Spam attack type.
/// </summary>
public sealed class EmailBlockedTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["servicenow.com"], StringComparer.OrdinalIgnoreCase),
        VipAccounts = new HashSet<string>(["ceo@globex.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Tap(string eventType, string from, string file, string to = "ops@globex.com", string classification = "malware") => new
    {
        GUID = "7c1d0e5a2b", QID = "5A63AF4A3E", eventType, messageTime = "2026-11-17T10:44:51Z", sender = from, headerFrom = $"\"Parcel Service\" <{from}>",
        recipient = new[] { to }, subject = "Customs invoice for shipment 55120", senderIP = "203.0.113.20", phishScore = 0, malwareScore = 100,
        quarantineFolder = eventType == "messagesBlocked" ? "Malware" : null,
        messageParts = new[] { new { filename = file, contentType = "application/zip", sandboxStatus = "threat" } },
        threatsInfoMap = new[] { new { classification, threatType = "attachment", threatStatus = "active" } },
    };

    [Fact]
    public void Proofpoint_tap_is_read_by_its_guid_and_its_event_type_with_the_classification()
    {
        var alert = FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(Tap("messagesBlocked", "noreply@parcel-track.example", "a.zip")), true, "")], Context())[0].Alert!;
        Assert.Equal("7c1d0e5a2b", alert.Id);
        Assert.Equal("Proofpoint TAP: message blocked (malware)", alert.Rule);
    }

    [Fact]
    public void Blocked_generic_malware_closes_but_the_same_mail_delivered_stays_malicious()
    {
        var blocked = Assess(Tap("messagesBlocked", "noreply@parcel-track.example", "Invoice_55120.zip"));
        Assert.Equal(Classification.Benign, blocked.Classification);
        Assert.Contains(blocked.Evidence, e => e.Key == "blocked_before_delivery");
        var delivered = Assess(Tap("messagesDelivered", "noreply@parcel-track.example", "Invoice_55120.zip"));
        Assert.Equal(Classification.Malicious, delivered.Classification);
        Assert.DoesNotContain(delivered.Evidence, e => e.Key == "blocked_before_delivery");
    }

    [Fact]
    public void Blocked_mail_aimed_at_the_organisation_stays_open()
    {
        // A look-alike of the organisation's own domain.
        var lookalike = Assess(Tap("messagesBlocked", "it@globex-helpdesk.example", "Invoice_55120.zip"));
        Assert.True(lookalike.Classification != Classification.Benign, Keys(lookalike));
        // HTML smuggling: a file built to slip past filters.
        var smuggling = Assess(Tap("messagesBlocked", "noreply@parcel-track.example", "Remittance.html"));
        Assert.True(smuggling.Classification != Classification.Benign, Keys(smuggling));
        // An executive recipient.
        var whaling = Assess(Tap("messagesBlocked", "noreply@parcel-track.example", "Invoice_55120.zip", to: "ceo@globex.com"));
        Assert.True(whaling.Classification != Classification.Benign, Keys(whaling));
        Assert.DoesNotContain(whaling.Evidence, e => e.Key == "blocked_before_delivery");
    }

    private static object Abnormal(string attackType, string strategy, string from, string name, bool autoRemediated = true, string subject = "New voicemail (0:42)") => new
    {
        threatId = "3f1c2b7e-8d11", attackType, attackStrategy = strategy, impersonatedParty = "None / Others", autoRemediated, postRemediated = false,
        remediationStatus = autoRemediated ? "Auto-Remediated" : "No Action Done", fromAddress = from, fromName = name, recipientAddress = "reception@globex.com",
        receivedTime = "2026-11-20T11:02:30Z", senderIpAddress = "203.0.113.19", subject, urls = new[] { $"https://{from[(from.IndexOf('@') + 1)..]}/play" },
        attachmentNames = Array.Empty<string>(), replyToEmails = Array.Empty<string>(),
    };

    [Fact]
    public void Auto_remediated_generic_phish_closes_but_internal_impersonation_or_a_delivered_copy_does_not()
    {
        var generic = Assess(Abnormal("Phishing: Credential", "Brand Impersonation", "voicemail@vm-notice.example", "Voice Mail"));
        Assert.Equal(Classification.Benign, generic.Classification);
        var inside = Assess(Abnormal("Phishing: Credential", "Internal Impersonation", "it-support@vm-notice.example", "IT Service Desk"));
        Assert.DoesNotContain(inside.Evidence, e => e.Key == "blocked_before_delivery");
        var delivered = Assess(Abnormal("Phishing: Credential", "Brand Impersonation", "voicemail@vm-notice.example", "Voice Mail", autoRemediated: false));
        Assert.DoesNotContain(delivered.Evidence, e => e.Key == "blocked_before_delivery");
    }

    [Fact]
    public void Abnormals_spam_attack_type_is_a_bulk_verdict()
    {
        var spam = Assess(Abnormal("Spam", "None / Others", "offers@pcparts-deals.example", "PC Parts Deals", subject: "Black Friday: 30% off GPUs"));
        Assert.Contains(spam.Evidence, e => e.Key == "bulk_mail");
        var phish = Assess(Abnormal("Phishing: Credential", "None / Others", "offers@pcparts-deals.example", "PC Parts Deals", autoRemediated: false));
        Assert.DoesNotContain(phish.Evidence, e => e.Key == "bulk_mail");
    }

    [Theory]
    [InlineData("billing@marcdupuis-music.example", "Marc Dupuis Music", false)]   // the name's words run together
    [InlineData("news@pixelforge-mail.example", "PixelForge", false)]              // the company's mailing channel
    [InlineData("hello@pixelforge-agency.example", "PixelForge", false)]           // the kind of business
    [InlineData("support@pixelforge-renewals.example", "PixelForge", true)]        // an official service's word
    [InlineData("team@pixelforge-secure.example", "PixelForge", true)]
    public void Display_name_combination_domains(string from, string name, bool flagged)
    {
        var a = Assess(Abnormal("Spam", "None / Others", from, name, autoRemediated: false, subject: "Hello"));
        Assert.Equal(flagged, a.Evidence.Any(e => e.Key == "display_name_combo_domain"));
    }

    [Fact]
    public void A_removed_crypto_payout_scam_without_a_link_closes()
    {
        var scam = new
        {
            threatId = "55a1", attackType = "Scam", autoRemediated = true, postRemediated = false, remediationStatus = "Auto-Remediated",
            fromAddress = "payout@coin-rewards.example", fromName = "Coin Rewards", recipientAddress = "community@globex.com", receivedTime = "2026-11-17T08:05:09Z",
            subject = "You have received 0.42 BTC", urls = Array.Empty<string>(), attachmentNames = Array.Empty<string>(),
        };
        var a = Assess(scam);
        Assert.Contains(a.Evidence, e => e.Key == "scam_spam_no_action");
        Assert.Equal(Classification.Benign, a.Classification);
    }

    /// <summary>A message-tracking row (Cisco Secure Email's tracking API: verdicts per engine, messageStatus keyed by the message id).</summary>
    private static object Tracking(string status, string from, string to = "office@globex.com", string amp = "Malicious", string direction = "incoming") => new
    {
        alert_id = "trk-1", attributes = new
        {
            mid = new[] { 77001 }, hostName = "gw1.globex.com", timestamp = "17 Nov 2026 03:12:44 (GMT +01:00)", sender = from, recipient = $"[\"{to}\"]",
            subject = "Overdue invoice 4471", senderIp = "203.0.113.30", direction,
            messageStatus = new Dictionary<string, string> { ["77001"] = status },
            verdicts = new { spf = "Fail", dkim = "None", dmarc = "None", antispam = "Positive", antivirus = "Positive: W97M.Downloader", amp },
        },
    };

    [Fact]
    public void A_tracking_status_that_dropped_malware_closes_but_the_same_mail_delivered_or_to_an_executive_stays_open()
    {
        var dropped = Assess(Tracking("Dropped (AMP: Malicious)", "accounts@freight-billing.example"));
        Assert.Equal(Classification.Benign, dropped.Classification);
        Assert.Contains(dropped.Evidence, e => e.Key == "blocked_before_delivery");
        var delivered = Assess(Tracking("Delivered", "accounts@freight-billing.example"));
        Assert.True(delivered.Classification != Classification.Benign, Keys(delivered));
        Assert.DoesNotContain(delivered.Evidence, e => e.Key == "blocked_before_delivery");
        var released = Assess(Tracking("Released from quarantine (AMP: Malicious)", "accounts@freight-billing.example"));
        Assert.DoesNotContain(released.Evidence, e => e.Key == "blocked_before_delivery");
        var whaling = Assess(Tracking("Dropped (AMP: Malicious)", "accounts@freight-billing.example", to: "ceo@globex.com"));
        Assert.DoesNotContain(whaling.Evidence, e => e.Key == "blocked_before_delivery");
        var lookalike = Assess(Tracking("Dropped (AMP: Malicious)", "accounts@globex-billing.example"));
        Assert.True(lookalike.Classification != Classification.Benign, Keys(lookalike));
    }

    [Fact]
    public void Quarantined_spam_by_its_tracking_status_closes_but_outbound_spam_from_an_own_mailbox_does_not()
    {
        var spam = Assess(WithoutVirus(Tracking("Quarantined (Spam)", "win@lucky-draw.example", amp: "Clean")));
        Assert.Equal(Classification.Benign, spam.Classification);
        Assert.Contains(spam.Evidence, e => e.Key == "blocked_before_delivery");
        // A hijacked mailbox of the organisation caught spamming partners: its own domain, never the background.
        var outbound = Assess(WithoutVirus(Tracking("Quarantined (Outbound spam)", "j.doe@globex.com", to: "buyer@partner.example", amp: "Clean", direction: "outgoing")));
        Assert.DoesNotContain(outbound.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.True(outbound.Classification != Classification.Benign, Keys(outbound));
    }

    private static JsonElement WithoutVirus(object tracking)
    {
        var json = JsonSerializer.Serialize(tracking).Replace("Positive: W97M.Downloader", "Negative", StringComparison.Ordinal);
        return JsonSerializer.Deserialize<JsonElement>(json);
    }
}
