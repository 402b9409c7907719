using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// E-mail alerts as the Defender XDR alerts API (evidence[]), the Google Alert Center, Abnormal and Mimecast give them:
/// a user report the gateway found nothing in, removed text-only extortion spam, the organisation's own tenant on a
/// trusted service; each beside the attack that would ride it (a report of a look-alike sign-in page, a file shared by a
/// stranger through a sharing service, an extortion mail with a link, a colleague's name on a free-mail address).
/// </summary>
public sealed class EmailReportBehaviourTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["servicenow.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static Dictionary<string, object> Xdr(string from, string url, string verdict = "unknown", string dmarc = "pass") => new Dictionary<string, object>
    {
        ["id"] = "fa01", ["severity"] = "informational", ["serviceSource"] = "microsoftDefenderForOffice365",
        ["title"] = "Email reported by user as malware or phish", ["createdDateTime"] = "2026-11-18T23:02:14Z",
        ["evidence"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["@odata.type"] = "#microsoft.graph.security.analyzedMessageEvidence", ["verdict"] = verdict, ["subject"] = "Your trial ends in 3 days",
                ["sender"] = new { emailAddress = from }, ["recipientEmailAddress"] = "ann@globex.com", ["senderIp"] = "198.51.100.7",
                ["deliveryAction"] = "Delivered", ["authenticationDetails"] = new { spf = "pass", dkim = "pass", dmarc },
                ["urls"] = url.Length == 0 ? Array.Empty<string>() : new[] { url },
            },
        },
        ["additionalData"] = new { ReportedBy = "ann@globex.com" },
    };

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Gmail(string from) => new
    {
        alertId = "g1", createTime = "2026-11-18T01:05:55Z", type = "User reported phishing", source = "Gmail phishing",
        data = new { systemActionType = "NO_OPERATION", maliciousEntity = new { fromHeader = from }, messages = new[] { new { recipient = "ann@globex.com", subjectText = "Invitation: steering group" } } },
    };

    [Fact]
    public void A_user_report_the_gateway_found_nothing_in_closes_but_a_report_of_a_sign_in_lure_does_not()
    {
        var trial = Assess(Xdr("noreply@vendor-analytics.com", ""));
        Assert.Equal(Classification.Benign, trial.Classification);
        Assert.Contains(trial.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.Equal(Classification.Benign, Assess(Gmail("no-reply@zoom.us")).Classification);

        var lure = Assess(Xdr("noreply@mailbox-quota.com", "https://login.m365-storage-upgrade.com/common/oauth2/v2.0/authorize?client_id=1"));
        Assert.True(lure.Classification != Classification.Benign, Keys(lure));
        Assert.DoesNotContain(lure.Evidence, e => e.Key == "user_reported_no_threat");
        var bad = Assess(Xdr("noreply@vendor-analytics.com", "", verdict: "malicious"));
        Assert.True(bad.Classification != Classification.Benign, Keys(bad));
        var failed = Assess(Xdr("noreply@vendor-analytics.com", "", dmarc: "fail"));
        Assert.True(failed.Classification != Classification.Benign, Keys(failed));
    }

    [Fact]
    public void A_reported_file_share_from_a_stranger_stays_open()
    {
        var share = Assess(Xdr("noreply@dropbox.com", "https://www.dropbox.com/scl/fi/x1/Invoice_Nov.pdf"));
        Assert.DoesNotContain(share.Evidence, e => e.Key == "user_reported_no_threat");
    }

    private static object Abnormal(string[] urls) => new
    {
        threatId = "ab1", attackType = "Extortion", threatType = "Extortion", autoRemediated = true, remediationStatus = "Auto-Remediated",
        fromAddress = "support@k9qz-mail.example", recipientAddress = "liam@globex.com", receivedTime = "2026-11-20T10:41:08Z",
        senderIpAddress = "203.0.113.17", subject = "Your device has been hacked", attachmentCount = 0, attachmentNames = Array.Empty<string>(),
        urlCount = urls.Length, urls, replyToEmails = Array.Empty<string>(),
    };

    [Fact]
    public void Removed_text_only_extortion_spam_closes_but_one_with_a_link_does_not()
    {
        var spam = Assess(Abnormal([]));
        Assert.Equal(Classification.Benign, spam.Classification);
        Assert.Contains(spam.Evidence, e => e.Key == "extortion_spam_removed");
        Assert.DoesNotContain(Assess(Abnormal(["https://pay-now.example/btc"])).Evidence, e => e.Key == "extortion_spam_removed");
    }

    private static object Impersonation(string from, string identifiers) => new
    {
        id = "mc1", rule_name = "Impersonation Protect", eventTime = "2026-11-17T21:58:12+0000", senderAddress = from, recipientAddress = "olivia@globex.com",
        subject = "Your request RITM0084412 is awaiting approval", identifiers = new[] { identifiers }, action = "Tag", taggedMalicious = false,
        senderIpAddress = "198.51.100.118", logType = "ttp-impersonation",
    };

    [Fact]
    public void The_organisations_tenant_on_a_trusted_service_is_no_look_alike_but_a_colleagues_name_on_free_mail_is_flagged()
    {
        var tenant = Assess(Impersonation("itservicedesk@globex.service-now.com", "internal_user_name"));
        Assert.DoesNotContain(tenant.Evidence, e => e.Key == "lookalike_sender");
        var other = Assess(Impersonation("itservicedesk@globex.servicenow-support.com", "internal_user_name"));
        Assert.Contains(other.Evidence, e => e.Key == "lookalike_sender");

        var free = Assess(Impersonation("ceo.home@gmail.com", "internal_user_name"));
        Assert.Contains(free.Evidence, e => e.Key == "staff_name_free_mail");
        Assert.NotEqual(Classification.Benign, free.Classification);
    }
}
