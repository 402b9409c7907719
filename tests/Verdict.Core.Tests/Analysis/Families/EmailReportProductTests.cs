using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Sublime Security message.flagged webhooks (flagged_rules[], the message data model under data.message.mdm), Cofense
/// Triage v2 reports (JSON:API, category and reporter in included[]) and Graph alerts_v2 with analyzedMessageEvidence
/// (p1Sender / p2Sender, threats[], alertWebUrl), read by their documented names; each benign reading beside the attack
/// that would ride it.
/// </summary>
public sealed class EmailReportProductTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com", "globex.onmicrosoft.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["surf.nl", "zoom.us"], StringComparer.OrdinalIgnoreCase),
    };

    private static AlertOutcome Run(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("r0", JsonSerializer.Serialize(input), true, "")], Context())[0];

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Sublime(string from, string name, string link, string rule) => new
    {
        id = "8b0e7153", type = "message.flagged", created_at = "2026-11-17T08:41:10Z",
        data = new
        {
            message = new
            {
                id = "9a6656c9",
                mdm = new
                {
                    sender = new { display_name = name, email = new { email = from } },
                    subject = new { subject = "Maintenance on 24 November: sign in again" },
                    headers = new { auth_summary = new { spf = new { pass = true }, dmarc = new { pass = true } }, hops = new[] { new { authentication_results = new { dkim = "pass" } } } },
                    body = new { links = new[] { new { href_url = new { url = link } } } },
                    attachments = Array.Empty<object>(),
                },
            },
            flagged_rules = new[] { new { name = rule, severity = "medium" } },
        },
    };

    [Fact]
    public void Sublime_is_named_by_its_flagged_rule_and_a_trusted_authenticated_notice_closes_but_a_combination_look_alike_does_not()
    {
        var notice = Run(Sublime("servicedesk@surf.nl", "SURF Servicedesk", "https://wiki.surf.nl/display/maintenance", "Link: Credential phishing keywords with login link"));
        Assert.Equal("Link: Credential phishing keywords with login link", notice.Alert!.Rule);
        Assert.Equal(Classification.Benign, notice.Assessment!.Classification);
        Assert.Contains(notice.Assessment.Evidence, e => e.Key == "trusted_sender");

        var combo = Run(Sublime("teruggave@belastingdienst-online.example", "Belastingdienst", "https://refund-portal.example/mijn", "Brand impersonation"));
        Assert.Contains(combo.Assessment!.Evidence, e => e.Key == "display_name_combo_domain");
        Assert.NotEqual(Classification.Benign, combo.Assessment.Classification);
        // The company's own name in its hyphenated domain is no combination look-alike.
        var own = Run(Sublime("m.lenaerts@labsupply-benelux.example", "Marc Lenaerts | LabSupply Benelux", "https://labsupply-benelux.example/po", "Reply-chain"));
        Assert.DoesNotContain(own.Assessment!.Evidence, e => e.Key == "display_name_combo_domain");
    }

    private static object Cofense(string category, bool malicious, string from, string url) => new
    {
        data = new
        {
            id = "89550", type = "reports",
            attributes = new { location = "Processed", risk_score = malicious ? 80 : 0, from_address = from, subject = "Newsletter", reported_at = "2026-11-16T09:40:00Z",
                raw_headers = $"Authentication-Results: spf=pass; dkim=pass; dmarc=pass header.from={from[(from.IndexOf('@') + 1)..]}" },
            relationships = new
            {
                reporter = new { data = new { type = "reporters", id = "7896" } },
                category = new { data = new { type = "categories", id = "2" } },
                urls = new { data = new[] { new { type = "urls", id = "262466" } } },
            },
        },
        // Included resources without their ids, as some exports give them: the only one of each type is the one related.
        included = new object[]
        {
            new { type = "reporters", attributes = new { email = "ann@globex.com" } },
            new { type = "categories", attributes = new { name = category, malicious } },
            new { type = "urls", attributes = new { url } },
        },
    };

    [Fact]
    public void A_cofense_report_categorised_spam_or_a_simulation_closes_but_one_categorised_crimeware_does_not()
    {
        var spam = Run(Cofense("Spam", false, "events@dh-summit.example", "https://dh-summit.example/tickets"));
        Assert.Equal("Message reported by user (Spam)", spam.Alert!.Rule);
        Assert.Equal(Classification.Benign, spam.Assessment!.Classification);
        var drill = Run(Cofense("Phishing Simulation", false, "parcel@track-delivery.example", "https://track-delivery.example/p/8ccd"));
        Assert.Contains(drill.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.Equal(Classification.Benign, drill.Assessment.Classification);

        var crime = Run(Cofense("Crimeware", true, "p.verhaegen@partner-university.example", "https://partner-my.sharepoint.com/:u:/g/personal/x?download=1"));
        Assert.Contains(crime.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.NotEqual(Classification.Benign, crime.Assessment.Classification);
    }

    private static Dictionary<string, object> Graph(string from, string verdict, string[] threats, string[] urls, string severity = "informational") => new Dictionary<string, object>
    {
        ["id"] = "fa36", ["severity"] = severity, ["serviceSource"] = "microsoftDefenderForOffice365", ["createdDateTime"] = "2026-11-16T10:02:00Z",
        ["title"] = "Email reported by user as malware or phish", ["alertWebUrl"] = "https://security.microsoft.com/alerts/fa36",
        ["evidence"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["@odata.type"] = "#microsoft.graph.security.analyzedMessageEvidence", ["verdict"] = verdict, ["subject"] = "Invitation: monthly call",
                ["recipientEmailAddress"] = "ann@globex.com", ["deliveryAction"] = "Delivered", ["threats"] = threats, ["urls"] = urls,
                ["p1Sender"] = new { emailAddress = from }, ["p2Sender"] = new { emailAddress = from, displayName = "Zoom" },
            },
        },
    };

    [Fact]
    public void A_graph_report_is_read_by_its_p2_sender_and_its_console_link_is_no_look_alike_but_its_threats_are_a_verdict()
    {
        var zoom = Run(Graph("no-reply@zoom.us", "unknown", [], ["https://us06web.zoom.us/j/81234567890"]));
        Assert.DoesNotContain(zoom.Assessment!.Evidence, e => e.Key == "lookalike_link");
        Assert.Contains(zoom.Assessment.Evidence, e => e.Key == "trusted_sender");
        Assert.Equal(Classification.Benign, zoom.Assessment.Classification);

        var phish = Run(Graph("voicemail@callcenter-vm.example", "unknown", ["Phish"], [], "medium"));
        Assert.Contains(phish.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.NotEqual(Classification.Benign, phish.Assessment.Classification);
    }

    [Fact]
    public void A_link_that_downloads_an_installer_keeps_a_report_open()
    {
        var update = Run(Graph("ict-security@globex.com", "unknown", [], ["https://globex.sharepoint.com/sites/ict/Shared%20Documents/SecurityUpdate.msi"]));
        Assert.Contains(update.Assessment!.Evidence, e => e.Key == "executable_link");
        Assert.True(update.Assessment.Classification != Classification.Benign, Keys(update.Assessment));
    }

    private static object Unread(string verdict) => new
    {
        event_id = "m1", detected_at = "2026-11-18T09:00:00Z", rule = "Inbound message review", sender = "news@publisher.example",
        subject = "Call for papers", recipient = "ann@globex.com", final_verdict = verdict,
    };

    [Fact]
    public void An_unknown_products_own_spam_verdict_closes_and_its_phish_verdict_stays_open()
    {
        var spam = Run(Unread("spam"));
        Assert.Contains(spam.Assessment!.Evidence, e => e.Key == "bulk_mail");
        Assert.Equal(Classification.Benign, spam.Assessment.Classification);
        var phish = Run(Unread("phishing"));
        Assert.Contains(phish.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.NotEqual(Classification.Benign, phish.Assessment.Classification);
    }
}
