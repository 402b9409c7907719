using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A product's own decision read the same way whatever product states it: a verdict it withdrew (Proofpoint TAP
/// threatStatus falsePositive, Abnormal remediationStatus Released) no longer lets the rule named after that verdict
/// hold the alert open; a simulation tag a reporting platform set counts once the context file vouches for the sender and
/// every link; a Mimecast SIEM sandbox hold that ended safe; a link to a name only an internal resolver answers is no
/// look-alike. Each beside the attack wearing its clothes.
/// </summary>
public sealed class EmailWithdrawnVerdictTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["shipline.example", "awareness-vendor.example"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Tap(string status) => new
    {
        GUID = "4b7d20e1c9", QID = "6C21AB0F11", type = "messagesDelivered", messageTime = "2026-11-17T10:44:51Z", sender = "bookings@shipline.example",
        fromAddress = new[] { "bookings@shipline.example" }, recipient = new[] { "ops@globex.com" }, subject = "Booking confirmation 55120", senderIP = "198.51.100.20",
        phishScore = 5, malwareScore = 10, spamScore = 0, impostorScore = 0,
        messageParts = new[] { new { filename = "Booking_55120.pdf", contentType = "application/pdf", sandboxStatus = "clean" } },
        threatsInfoMap = new[] { new { classification = "malware", threatType = "attachment", threatStatus = status } },
    };

    [Fact]
    public void A_malware_verdict_the_gateway_marked_a_false_positive_closes_but_an_active_one_stays_open()
    {
        var withdrawn = Assess(Tap("falsePositive"));
        Assert.True(withdrawn.Classification == Classification.Benign, Keys(withdrawn));
        Assert.Contains(withdrawn.Evidence, e => e.Key == "rule_names_threat" && e.Supports == Leaning.Context && !e.Strong);

        var active = Assess(Tap("active"));
        Assert.NotEqual(Classification.Benign, active.Classification);
        Assert.Contains(active.Evidence, e => e.Key == "rule_names_threat" && e.Strong);
    }

    private static object Abnormal(string status, string from) => new
    {
        threatId = "9a2e41c0-51b7",
        messages = new[]
        {
            new
            {
                attackType = "Invoice/Payment Fraud (BEC)", attackStrategy = "Unknown Sender", attackVector = "Text", impersonatedParty = "None / Others",
                autoRemediated = false, postRemediated = status == "Post-Remediated", remediationStatus = status, fromAddress = from, fromName = "Shipline Billing",
                recipientAddress = "ap@globex.com", receivedTime = "2026-11-18T08:33:40Z", senderIpAddress = "198.51.100.21", subject = "Invoice 7712 - handling charges",
                urls = Array.Empty<string>(), attachmentNames = Array.Empty<string>(), replyToEmails = Array.Empty<string>(), summaryInsights = new[] { "Invoice Language" },
            },
        },
    };

    [Fact]
    public void A_message_released_after_review_closes_but_the_same_verdict_pulled_from_the_mailbox_does_not()
    {
        var released = Assess(Abnormal("Released", "billing@shipline.example"));
        Assert.True(released.Classification == Classification.Benign, Keys(released));
        Assert.Contains(released.Evidence, e => e.Key == "verdict_reverted");

        var pulled = Assess(Abnormal("Post-Remediated", "billing@shipline.example"));
        Assert.NotEqual(Classification.Benign, pulled.Classification);
        Assert.DoesNotContain(pulled.Evidence, e => e.Key == "verdict_reverted");
    }

    private static object PhishEr(string from, string link, string tag) => new
    {
        id = "5b1c2d3e-0000-4000-8000-000000000002", actionStatus = "RECEIVED", category = "THREAT", severity = "MEDIUM", from,
        subject = "Action required: mailbox quota exceeded", reportedBy = "ann@globex.com", pipelineStatus = "PROCESSED",
        phishmlReport = new { confidenceClean = 0.02, confidenceSpam = 0.03, confidenceThreat = 0.95 },
        links = new[] { new { url = link, dispositions = Array.Empty<string>() } }, attachments = Array.Empty<object>(),
        tags = new[] { new { name = tag, type = "STANDARD" } },
    };

    [Fact]
    public void A_simulation_tag_closes_a_drill_from_a_listed_sender_but_not_from_an_unlisted_one_or_with_a_link_elsewhere()
    {
        var drill = Assess(PhishEr("helpdesk@psm.awareness-vendor.example", "https://psm.awareness-vendor.example/XJ3k2", "KB4:SIMULATED_PHISHING"));
        Assert.True(drill.Classification == Classification.Benign, Keys(drill));
        Assert.Contains(drill.Evidence, e => e.Key == "phishing_simulation");

        var stranger = Assess(PhishEr("helpdesk@mailbox-quota.example", "https://mailbox-quota.example/XJ3k2", "KB4:SIMULATED_PHISHING"));
        Assert.NotEqual(Classification.Benign, stranger.Classification);
        Assert.DoesNotContain(stranger.Evidence, e => e.Key == "phishing_simulation");

        // A spoof of the listed sender cannot make its link lead to the listed platform.
        var spoof = Assess(PhishEr("helpdesk@psm.awareness-vendor.example", "https://mailbox-quota.example/XJ3k2", "KB4:SIMULATED_PHISHING"));
        Assert.NotEqual(Classification.Benign, spoof.Classification);
        Assert.DoesNotContain(spoof.Evidence, e => e.Key == "phishing_simulation");
    }

    private static object MimecastSiem(string result, string action) => new
    {
        datetime = "2026-11-19T07:31:02Z", aCode = "924f0afb58", acc = "C0A0", Type = "Attachment Protect", Sender = "bookings@shipline.example",
        Recipient = "ops@globex.com", Subject = "Load list 446W", Route = "Inbound", IP = "198.51.100.22", fileName = "Loadlist_446W.xlsm",
        sha256 = "59772841cfe0080fe0939787ca2a3d7bf71a1d9f606877b18e1feb7b9f11e052", fileType = "application/vnd.ms-excel.sheet.macroEnabled.12",
        Result = result, Action = action, Definition = "Default Attachment Protect",
    };

    [Fact]
    public void A_mimecast_siem_sandbox_hold_that_ended_safe_is_the_routine_hold_but_a_malicious_one_is_not()
    {
        var safe = Assess(MimecastSiem("safe", "sandbox"));
        Assert.Contains(safe.Evidence, e => e.Key == "sandbox_released");

        var bad = Assess(MimecastSiem("malicious", "hold"));
        Assert.DoesNotContain(bad.Evidence, e => e.Key == "sandbox_released");
        Assert.NotEqual(Classification.Benign, bad.Classification);
    }

    private static object Reported(string link) => new
    {
        id = "5b1c2d3e-0000-4000-8000-000000000003", actionStatus = "RECEIVED", category = "UNKNOWN", severity = "UNKNOWN_SEVERITY",
        from = "it-communications@globex.com", subject = "MFA rollout: install the authenticator app", reportedBy = "ann@globex.com", pipelineStatus = "PROCESSED",
        phishmlReport = new { confidenceClean = 0.7, confidenceSpam = 0.05, confidenceThreat = 0.25 },
        links = new[] { new { url = link, dispositions = Array.Empty<string>() } }, attachments = Array.Empty<object>(), tags = Array.Empty<object>(),
    };

    [Fact]
    public void A_link_to_an_internal_only_name_is_no_look_alike_but_the_same_name_under_a_public_suffix_is()
    {
        var intranet = Assess(Reported("https://intranet.globex.local/it/mfa"));
        Assert.DoesNotContain(intranet.Evidence, e => e.Key == "lookalike_link");

        var outside = Assess(Reported("https://intranet.globex.co/it/mfa"));
        Assert.Contains(outside.Evidence, e => e.Key == "lookalike_link");
        Assert.NotEqual(Classification.Benign, outside.Classification);
    }
    private static object TapPhish(string from, string url) => new
    {
        // No QID: a collector that keeps only some of the SIEM API's fields; threatsInfoMap still says TAP.
        GUID = "63e80dc494", _event = "messagesDelivered", messageTime = "2026-11-18T08:00:00Z", sender = from, fromAddress = new[] { from },
        recipient = new[] { "ops@globex.com" }, subject = "Action required: update your benefits", senderIP = "198.51.100.30", phishScore = 85, spamScore = 40,
        threatsInfoMap = new[] { new { classification = "phish", threatType = "url", threatStatus = "active", threat = url, threatUrl = "https://threatinsight.example/t/1" } },
    };

    private static Assessment AssessWith(object input, params string[] trusted) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")],
            Context() with { TrustedSenders = new HashSet<string>(trusted, StringComparer.OrdinalIgnoreCase) })[0].Assessment!;

    [Fact]
    public void A_simulation_platform_listed_as_a_trusted_sender_runs_the_drill_but_a_spoof_of_it_or_an_unlisted_platform_does_not()
    {
        var drill = AssessWith(TapPhish("training@knowbe4.com", "https://training.knowbe4.com/phish/a1"), "knowbe4.com");
        Assert.True(drill.Classification == Classification.Benign, Keys(drill));
        Assert.Contains(drill.Evidence, e => e.Key == "phishing_simulation");

        // The TAP URL threat is the message's link: a spoof of the platform's address cannot make it lead to the platform.
        var spoof = AssessWith(TapPhish("training@knowbe4.com", "https://benefits-portal.example/login"), "knowbe4.com");
        Assert.NotEqual(Classification.Benign, spoof.Classification);
        Assert.DoesNotContain(spoof.Evidence, e => e.Key == "phishing_simulation");

        var unlisted = AssessWith(TapPhish("training@knowbe4.com", "https://training.knowbe4.com/phish/a1"), "shipline.example");
        Assert.NotEqual(Classification.Benign, unlisted.Classification);
        Assert.DoesNotContain(unlisted.Evidence, e => e.Key == "phishing_simulation");

        // Any other trusted sender flagged for phish with its links on its own domain is no drill.
        var supplier = AssessWith(TapPhish("billing@shipline.example", "https://portal.shipline.example/login"), "shipline.example");
        Assert.NotEqual(Classification.Benign, supplier.Classification);
        Assert.DoesNotContain(supplier.Evidence, e => e.Key == "phishing_simulation");
    }
}
