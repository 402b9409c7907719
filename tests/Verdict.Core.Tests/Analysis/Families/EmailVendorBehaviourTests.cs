using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// E-mail alerts as Defender for Office 365 and Proofpoint TAP export them: the general reasons a SOC closes them (a
/// user-reported notification that authenticates and links only to its own service, the organisation's phishing
/// simulation, bulk mail, a verdict the vendor withdrew, a supplier's help desk in the reply-to), each beside the attack
/// that would ride it (a look-alike of a trusted sender, a simulation policy on an unlisted sender, a payment change
/// from a real mailbox, a phish verdict still standing, a look-alike reply-to domain).
/// </summary>
public sealed class EmailVendorBehaviourTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com", "globex.sharepoint.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["docusign.net", "phishtrainer.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input)
    {
        var fixture = new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "");
        return FamilyFixtures.Triage([fixture], Context())[0].Assessment!;
    }

    private static Dictionary<string, object> Mdo(string title, string from, string urls, string auth = "spf=pass; dkim=pass; dmarc=pass", bool reported = true) => new()
    {
        ["AlertId"] = "m1", ["Timestamp"] = "2026-11-18T10:02:00Z", ["Title"] = title, ["Severity"] = "Informational",
        ["ServiceSource"] = "Microsoft Defender for Office 365", ["SenderFromAddress"] = from, ["SenderIPv4"] = "198.51.100.20",
        ["RecipientEmailAddress"] = "ann@globex.com", ["Subject"] = "You have 3 unread messages", ["ThreatTypes"] = "", ["DetectionMethods"] = "",
        ["DeliveryAction"] = "Delivered", ["AuthenticationDetails"] = auth, ["Urls"] = new[] { urls }, ["AttachmentNames"] = Array.Empty<string>(), ["UserReported"] = reported,
    };

    private static Dictionary<string, object> Proofpoint(string from, string replyTo, string subject, object[] parts, int phishScore = 3, string body = "") => new()
    {
        ["GUID"] = "pp-1", ["messageTime"] = "2026-11-19T08:40:12Z", ["rule_name"] = "Proofpoint TAP: message delivered", ["sender"] = from,
        ["headerFrom"] = $"Sender <{from}>", ["replyToAddress"] = replyTo, ["recipient"] = new[] { "ap@globex.com" }, ["subject"] = subject,
        ["senderIP"] = "203.0.113.9", ["spamScore"] = 10, ["phishScore"] = phishScore, ["threatsInfoMap"] = Array.Empty<object>(), ["messageParts"] = parts,
        ["authResults"] = "spf=pass; dkim=pass; dmarc=pass", ["bodySnippet"] = body,
    };

    [Fact]
    public void A_reported_service_notification_closes_but_a_look_alike_of_a_trusted_sender_does_not()
    {
        var real = Assess(Mdo("Email reported by user as malware or phish", "noreply@pagerduty.com", "https://globex.pagerduty.com/incidents/Q1"));
        Assert.Equal(Classification.Benign, real.Classification);
        Assert.DoesNotContain(real.Evidence, e => e.Key == "rule_names_threat");

        var fake = Assess(Mdo("Email reported by user as malware or phish", "dse@docusign-esign.net", "https://docusign-esign.net/Signing/EmailStart.aspx"));
        Assert.NotEqual(Classification.Benign, fake.Classification);
        Assert.Contains(fake.Evidence, e => e.Key == "lookalike_sender");
    }

    [Fact]
    public void The_gateways_phishing_simulation_policy_closes_only_for_a_listed_authenticated_sender()
    {
        object Sim(string from)
        {
            var m = Mdo("Email reported by user as malware or phish", from, "https://parcel-status-track.com/lp/91af2");
            m["ThreatTypes"] = "Phish";
            m["DetectionMethods"] = "Phish simulation";
            m["OrgLevelPolicy"] = "Phishing simulation (Advanced delivery)";
            return m;
        }
        var drill = Assess(Sim("it@phishtrainer.com"));
        Assert.Equal(Classification.Benign, drill.Classification);
        Assert.Contains(drill.Evidence, e => e.Key == "phishing_simulation");

        Assert.NotEqual(Classification.Benign, Assess(Sim("it@parcel-status-track.com")).Classification);
    }

    [Fact]
    public void Bulk_mail_and_a_withdrawn_verdict_close_but_a_standing_phish_verdict_does_not()
    {
        var bulk = Mdo("Email reported by user as junk", "news@freightweekly.example", "https://freightweekly.us12.list-manage.com/track/click?u=a1");
        bulk["ThreatTypes"] = "Spam";
        bulk["DetectionMethods"] = "Bulk";
        bulk["BulkComplaintLevel"] = 7;
        bulk["DeliveryAction"] = "Moved to junk folder";
        var closed = Assess(bulk);
        Assert.Equal(Classification.Benign, closed.Classification);
        Assert.Contains(closed.Evidence, e => e.Key == "bulk_mail");

        var zap = Mdo("Email messages containing malicious URL removed after delivery (ZAP)", "service@payments.example", "https://www.payments.example/receipt/5KX", reported: false);
        zap["ThreatTypes"] = "Phish";
        zap["DeliveryAction"] = "Removed (ZAP)";
        Assert.NotEqual(Classification.Benign, Assess(zap).Classification);
        zap["ZapReason"] = "URL verdict reverted to clean (false positive)";
        var reverted = Assess(zap);
        Assert.Equal(Classification.Benign, reverted.Classification);
        Assert.Contains(reverted.Evidence, e => e.Key == "verdict_reverted");
    }

    [Fact]
    public void A_suppliers_invoice_with_its_help_desk_as_reply_to_closes_but_a_bank_change_in_a_real_thread_does_not()
    {
        var invoice = Assess(Proofpoint("ap@northbridge-pallets.co.uk", "northbridgepallets@zendesk.com", "Invoice INV-30412",
            [new { filename = "text.html", contentType = "text/html" }, new { filename = "INV-30412.pdf", contentType = "application/pdf", sandboxStatus = "clean" }], phishScore: 0));
        Assert.Equal(Classification.Benign, invoice.Classification);
        Assert.DoesNotContain(invoice.Evidence, e => e.Key is "risky_attachment" or "reply_to_mismatch");

        var hijack = Assess(Proofpoint("ap@northbridge-pallets.co.uk", "", "RE: Invoice INV-30388 - updated bank details",
            [new { filename = "Bank_letter.pdf", contentType = "application/pdf", sandboxStatus = "clean" }], phishScore: 12,
            body: "Following our audit we have moved banks, please update our details before paying"));
        Assert.NotEqual(Classification.Benign, hijack.Classification);
        Assert.Contains(hijack.Evidence, e => e.Key == "payment_diversion");

        var lookalikeReply = Assess(Proofpoint("docs@docusign.net", "review@docusign-review-center.com", "Please sign",
            [new { filename = "text.html", contentType = "text/html" }]));
        Assert.Contains(lookalikeReply.Evidence, e => e.Key == "reply_to_mismatch" && e.Weight >= 1.5);
    }

    [Fact]
    public void A_proofpoint_sandbox_threat_is_strong_and_an_internal_mailbox_asking_for_gift_cards_is_not_closed()
    {
        var threat = Assess(Proofpoint("docs@carrier-bl.example", "", "Bill of lading",
            [new { filename = "BL.r00", contentType = "application/x-rar", sandboxStatus = "threat", containedFiles = new[] { "BL.exe" } }]));
        Assert.Contains(threat.Evidence, e => e.Key == "sandbox_malicious" && e.Strong);
        Assert.Equal(Classification.Malicious, threat.Classification);

        var gift = Mdo("Email reported by user as malware or phish", "director@globex.com", "");
        gift["Subject"] = "Quick favour";
        gift["bodySnippet"] = "Are you at your desk? I need 6 Apple gift cards for a client, send me the codes";
        Assert.NotEqual(Classification.Benign, Assess(gift).Classification);
        gift["bodySnippet"] = "Season's greetings from all of us";
        Assert.Equal(Classification.Benign, Assess(gift).Classification);
    }

    [Fact]
    public void The_service_behind_a_tenant_domain_is_not_a_look_alike_but_a_hyphenated_imitation_of_it_is()
    {
        var share = Assess(Mdo("Email reported by user as malware or phish", "no-reply@sharepointonline.com", "https://globex.sharepoint.com/:p:/s/Sales/EaB1"));
        Assert.Equal(Classification.Benign, share.Classification);
        Assert.Contains(share.Evidence, e => e.Key == "links_to_org");

        var fake = Assess(Mdo("Email reported by user as malware or phish", "no-reply@sharepointonline-files.com", "https://sharepointonline-files.com/sites/globex"));
        Assert.Contains(fake.Evidence, e => e.Key == "lookalike_sender");
        Assert.NotEqual(Classification.Benign, fake.Classification);

        var hosted = Assess(Mdo("Email reported by user as malware or phish", "alex@partner.example", "https://globex-redlines.webflow.io/view"));
        Assert.Contains(hosted.Evidence, e => e.Key == "lookalike_link");
        Assert.NotEqual(Classification.Benign, hosted.Classification);
    }

    [Fact]
    public void Links_under_a_country_suffix_are_on_the_senders_domain_only_when_the_registrable_names_agree()
    {
        Assert.Equal("amazon.co.uk", Verdict.Analysis.Families.Email.EmailFields.Registrable("www.amazon.co.uk"));
        var other = Assess(Mdo("Email reported by user as junk", "order-update@amazon.co.uk", "https://amazon-orders.co.uk/account/login"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "links_to_sender_domain");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }
}
