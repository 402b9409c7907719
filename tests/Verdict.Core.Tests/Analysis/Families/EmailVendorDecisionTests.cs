using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A mail product's own decision about a message: a click its link protection blocked (Proofpoint TAP clicksBlocked),
/// Sublime's spam-only rule tags with the message moved to junk, a TAP URL threat whatever the case of threatType,
/// and a payload-free message from the organisation's simulation domain reported through a Graph alerts_v2 record.
/// Each benign reading beside the attack that wears its clothes.
/// </summary>
public sealed class EmailVendorDecisionTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        PhishingSimulationDomains = new HashSet<string>(["globex-awareness.example"], StringComparer.OrdinalIgnoreCase),
        VipAccounts = new HashSet<string>(["ceo@globex.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static AlertOutcome Run(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("v0", JsonSerializer.Serialize(input), true, "")], Context())[0];

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object TapClick(string kind, string from, string url) => new
    {
        GUID = "41c7aa0e93", id = "0b7e2c51-77aa", classification = "PHISH", clickIP = "203.0.113.40", clickTime = "2026-11-18T10:02:11Z",
        messageID = "<q7@mail>", recipient = "ops@globex.com", sender = from, senderIP = "198.51.100.140", threatStatus = "active", url,
        userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", eventType = kind,
    };

    [Fact]
    public void Click_the_link_protection_blocked_closes_but_a_permitted_or_aimed_one_stays_open()
    {
        var blocked = Run(TapClick("clicksBlocked", "noreply@fileshare-notice.example", "https://fileshare-notice.example/view?d=1"));
        Assert.Contains(blocked.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, blocked.Assessment.Classification);
        // The same click let through reached the page.
        var permitted = Run(TapClick("clicksPermitted", "noreply@fileshare-notice.example", "https://fileshare-notice.example/view?d=1"));
        Assert.DoesNotContain(permitted.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.NotEqual(Classification.Benign, permitted.Assessment.Classification);
        // A blocked click on a look-alike of the organisation: the campaign is aimed at it.
        var aimed = Run(TapClick("clicksBlocked", "it@g1obex.com", "https://g1obex.com/login"));
        Assert.DoesNotContain(aimed.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.True(aimed.Assessment.Classification != Classification.Benign, Keys(aimed.Assessment));
    }

    private static object TapDelivered(string from, string threat, string threatType) => new
    {
        GUID = "77d0c1e5aa", QID = "4C77D0C1E5", messageTime = "2026-11-18T09:00:00Z", sender = from, fromAddress = new[] { from },
        recipient = new[] { "ops@globex.com" }, subject = "You have 2 pending voicemails", senderIP = "198.51.100.12", phishScore = 88,
        quarantineFolder = (string?)null, threatsInfoMap = new[] { new { classification = "PHISH", threat, threatType, threatStatus = "active" } },
        eventType = "messagesDelivered",
    };

    [Fact]
    public void Tap_url_threat_is_read_as_a_link_whatever_the_case_of_its_threat_type()
    {
        var drill = Run(TapDelivered("notify@globex-awareness.example", "https://globex-awareness.example/v/9", "URL"));
        Assert.Contains(drill.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.Equal(Classification.Benign, drill.Assessment.Classification);
        // The simulation sender spoofed, its condemned link leading elsewhere.
        var spoof = Run(TapDelivered("notify@globex-awareness.example", "https://voicemail-globex.example/login", "URL"));
        Assert.DoesNotContain(spoof.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.NotEqual(Classification.Benign, spoof.Assessment.Classification);
    }

    private static object Sublime(string from, string[] tags, string action) => new
    {
        id = "c0ffee01", type = "message.flagged", created_at = "2026-11-17T04:12:58Z",
        data = new
        {
            message = new
            {
                id = "5a5a5a5a",
                mdm = new
                {
                    sender = new { display_name = "Billing Dept", email = new { email = from } },
                    subject = new { subject = "Invoice #4410 overdue" },
                    headers = new { auth_summary = new { spf = new { pass = false }, dmarc = new { pass = false } } },
                    attachments = Array.Empty<object>(),
                },
            },
            flagged_rules = new[] { new { name = "Fake invoice lure", severity = "low", tags } },
            triggered_actions = new[] { new { name = action, type = action } },
        },
    };

    [Fact]
    public void Sublime_spam_only_tags_moved_to_junk_close_but_a_phish_moved_to_junk_or_an_aimed_spam_do_not()
    {
        var spam = Run(Sublime("billing@inv-notice-41.example", ["Spam"], "move_to_spam"));
        Assert.Contains(spam.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, spam.Assessment.Classification);
        // Moving to junk is what Sublime does to phish too: a phishing tag is no spam-only verdict.
        var phish = Run(Sublime("billing@inv-notice-41.example", ["Spam", "Credential Phishing"], "move_to_spam"));
        Assert.DoesNotContain(phish.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.NotEqual(Classification.Benign, phish.Assessment.Classification);
        // Spam-tagged but left in the inbox with a banner: not filed away.
        var banner = Run(Sublime("billing@inv-notice-41.example", ["Spam"], "warning_banner"));
        Assert.DoesNotContain(banner.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        // Spam-tagged from a look-alike of the organisation: aimed at it.
        var aimed = Run(Sublime("billing@g1obex.com", ["Spam"], "move_to_spam"));
        Assert.DoesNotContain(aimed.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.True(aimed.Assessment.Classification != Classification.Benign, Keys(aimed.Assessment));
    }

    private static object GraphReport(string from, string[] urls) => new
    {
        id = "da0b1c2d3e4f", providerAlertId = "77aa", status = "new", severity = "informational", serviceSource = "microsoftDefenderForOffice365",
        title = "Email reported by user as malware or phish", category = "InitialAccess", createdDateTime = "2026-11-19T09:06:41Z",
        evidence = new object[]
        {
            new Dictionary<string, object?>
            {
                ["@odata.type"] = "#microsoft.graph.security.analyzedMessageEvidence", ["verdict"] = "suspicious", ["remediationStatus"] = "none",
                ["subject"] = "You have 3 pending voicemails", ["recipientEmailAddress"] = "ops@globex.com", ["deliveryAction"] = "Delivered",
                ["deliveryLocation"] = "Inbox", ["urls"] = urls, ["urlCount"] = urls.Length, ["attachmentsCount"] = 0,
                ["p1Sender"] = new { emailAddress = from }, ["p2Sender"] = new { emailAddress = from },
            },
        },
    };

    [Fact]
    public void Reported_simulation_mail_that_carries_nothing_closes_but_one_with_a_link_elsewhere_does_not()
    {
        var drill = Run(GraphReport("notify@globex-awareness.example", []));
        Assert.Contains(drill.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.Equal(Classification.Benign, drill.Assessment.Classification);
        var spoof = Run(GraphReport("notify@globex-awareness.example", ["https://voicemail-globex.example/login"]));
        Assert.DoesNotContain(spoof.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.NotEqual(Classification.Benign, spoof.Assessment.Classification);
    }
}
