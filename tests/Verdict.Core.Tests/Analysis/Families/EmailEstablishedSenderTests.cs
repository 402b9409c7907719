using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Who a sender is, beyond "it authenticates": a link to the sender's own domain reassures only when that domain is
/// established (a trusted sender, the organisation's tenant on a trusted service, a listed simulation platform), never for
/// an unknown domain sending people to its own sign-in page; the organisation's phishing-simulation domains and its own
/// tenant on a trusted service close, each beside the attack that would ride it.
/// </summary>
public sealed class EmailEstablishedSenderTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["github.com", "servicenow.com"], StringComparer.OrdinalIgnoreCase),
        PhishingSimulationDomains = new HashSet<string>(["globex-awareness.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static Dictionary<string, object> Reported(string from, string url, string auth = "spf=pass; dkim=pass; dmarc=pass") => new()
    {
        ["AlertId"] = "m1", ["Timestamp"] = "2026-11-18T10:02:00Z", ["Title"] = "Email reported by user as malware or phish", ["Severity"] = "Informational",
        ["ServiceSource"] = "Microsoft Defender for Office 365", ["SenderFromAddress"] = from, ["SenderIPv4"] = "198.51.100.20",
        ["RecipientEmailAddress"] = "ann@globex.com", ["Subject"] = "Your payslip is ready to view", ["ThreatTypes"] = "", ["DetectionMethods"] = "",
        ["DeliveryAction"] = "Delivered", ["AuthenticationDetails"] = auth, ["Urls"] = new[] { url }, ["AttachmentNames"] = Array.Empty<string>(), ["UserReported"] = true,
    };

    [Fact]
    public void An_unknown_domain_linking_to_its_own_sign_in_page_stays_open_but_a_trusted_sender_doing_so_closes()
    {
        var lure = Assess(Reported("hr@payslip-portal-online.com", "https://payslip-portal-online.com/signin?u=ann"));
        Assert.NotEqual(Classification.Benign, lure.Classification);
        Assert.DoesNotContain(lure.Evidence, e => e.Key == "links_to_sender_domain");
        Assert.Contains(lure.Evidence, e => e.Key == "credential_link");

        var github = Assess(Reported("noreply@github.com", "https://github.com/login/device"));
        Assert.Equal(Classification.Benign, github.Classification);
        Assert.Contains(github.Evidence, e => e.Key == "links_to_sender_domain");
    }

    [Fact]
    public void A_listed_simulation_domain_closes_only_when_the_mail_really_comes_from_it()
    {
        var drill = Assess(Reported("payroll@globex-awareness.com", "https://globex-awareness.com/XZ1b9A/payslip"));
        Assert.Equal(Classification.Benign, drill.Classification);
        Assert.Contains(drill.Evidence, e => e.Key == "phishing_simulation");
        Assert.DoesNotContain(drill.Evidence, e => e.Key == "lookalike_sender");

        var spoofed = Assess(Reported("payroll@globex-awareness.com", "https://globex-awareness.com/XZ1b9A/payslip", "spf=fail; dkim=none; dmarc=fail"));
        Assert.NotEqual(Classification.Benign, spoofed.Classification);
        Assert.DoesNotContain(spoofed.Evidence, e => e.Key == "phishing_simulation");

        var unlisted = Assess(Reported("payroll@globex-security-awareness.com", "https://globex-security-awareness.com/XZ1b9A/payslip"));
        Assert.NotEqual(Classification.Benign, unlisted.Classification);
        Assert.Contains(unlisted.Evidence, e => e.Key == "lookalike_sender");
    }

    private static Dictionary<string, object> Impersonation(string from) => new()
    {
        ["id"] = "mc-1", ["eventTime"] = "2026-11-17T21:58:12+0000", ["senderAddress"] = from, ["recipientAddress"] = "ann@globex.com",
        ["subject"] = "Your request RITM0084412 is awaiting approval", ["identifiers"] = new[] { "internal_user_name" },
        ["definition"] = "Default Impersonation Definition", ["hits"] = 1, ["action"] = "Tag", ["taggedExternal"] = true, ["taggedMalicious"] = false,
        ["senderIpAddress"] = "149.96.6.118", ["logType"] = "ttp-impersonation",
    };

    [Fact]
    public void The_organisations_own_tenant_on_a_trusted_service_closes_but_a_look_alike_of_the_service_does_not()
    {
        var desk = Assess(Impersonation("itservicedesk@globex.service-now.com"));
        Assert.Equal(Classification.Benign, desk.Classification);
        Assert.Contains(desk.Evidence, e => e.Key == "trusted_sender");

        var fake = Assess(Impersonation("itservicedesk@globex.servicenow-support.com"));
        Assert.NotEqual(Classification.Benign, fake.Classification);
        Assert.DoesNotContain(fake.Evidence, e => e.Key == "trusted_sender");
    }

    private static Dictionary<string, object> Scam(string body, string[] urls, string from = "prize@intl-award-desk.top") => new()
    {
        ["id"] = "r-7", ["created_at"] = "2026-11-17T08:45:00Z", ["title"] = "User-reported phishing (Report Message add-in)", ["severity"] = "low",
        ["reported_by"] = "ann@globex.com", ["sender"] = from, ["reply_to"] = "award.office1@gmail.com", ["recipient"] = "ann@globex.com",
        ["subject"] = "Notification", ["urls"] = urls, ["attachments"] = Array.Empty<string>(),
        ["authentication_results"] = "spf=softfail; dkim=none; dmarc=fail", ["body_preview"] = body,
    };

    [Fact]
    public void Reported_text_only_scam_spam_closes_but_not_with_a_link_a_payment_change_or_an_imitated_sender()
    {
        var spam = Assess(Scam("You have won the sum of USD 1,500,000 in our online lottery. Reply with your name and address.", []));
        Assert.Equal(Classification.Benign, spam.Classification);
        Assert.Contains(spam.Evidence, e => e.Key == "scam_spam_no_action");

        var link = Assess(Scam("You have won USD 1,500,000 in our lottery. Claim at the link.", ["https://award-claims.top/login"]));
        Assert.NotEqual(Classification.Benign, link.Classification);

        var bec = Assess(Scam("You have been selected for a refund. Please update our bank details for the remittance.", []));
        Assert.NotEqual(Classification.Benign, bec.Classification);

        var imitation = Assess(Scam("You have won the staff lottery, reply to claim.", [], "hr@globex-payroll.com"));
        Assert.NotEqual(Classification.Benign, imitation.Classification);
        Assert.DoesNotContain(imitation.Evidence, e => e.Key == "scam_spam_no_action");
    }
    private static EnvironmentContext SigningContext() => Context() with
    {
        TrustedSenders = new HashSet<string>(["github.com", "servicenow.com", "esign-platform.net"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment AssessSigning(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], SigningContext())[0].Assessment!;

    // An alert with no authentication results (a detector's, or a user's report with the product's verdict): an envelope
    // from an e-signature service the organisation lists.
    private static Dictionary<string, object> Envelope(string from, string[] urls, string verdict = "") => new()
    {
        ["id"] = "env-1", ["created"] = "2026-11-18T09:12:00Z", ["title"] = verdict.Length > 0 ? "User-reported phishing" : "Suspicious link in message", ["severity"] = "low",
        ["sender"] = from, ["recipient"] = "ann@globex.com", ["subject"] = "Please sign: supply agreement 2027",
        ["urls"] = urls, ["verdict"] = verdict, ["reported_by"] = verdict.Length > 0 ? "ann@globex.com" : "",
    };

    [Fact]
    public void A_listed_service_linking_only_to_its_own_signing_page_is_no_credential_link_but_any_other_link_or_an_imitation_keeps_it()
    {
        var envelope = AssessSigning(Envelope("dse@esign-platform.net", ["https://eu2.esign-platform.net/Signing/EmailStart.aspx?a=41c2"]));
        Assert.DoesNotContain(envelope.Evidence, e => e.Key == "credential_link");
        Assert.Equal(Classification.Benign, envelope.Classification);

        // The abused envelope: the real service, and a document link to someone else's page.
        var abused = AssessSigning(Envelope("dse@esign-platform.net", ["https://eu2.esign-platform.net/Signing/EmailStart.aspx?a=41c2", "https://agreement-files-review.com/globex/view"]));
        Assert.Contains(abused.Evidence, e => e.Key == "credential_link");
        Assert.NotEqual(Classification.Benign, abused.Classification);

        var imitation = AssessSigning(Envelope("dse@esign-platform-review.net", ["https://esign-platform-review.net/Signing/EmailStart.aspx?a=41c2"]));
        Assert.Contains(imitation.Evidence, e => e.Key == "credential_link");
        Assert.NotEqual(Classification.Benign, imitation.Classification);
    }

    [Fact]
    public void A_users_report_the_product_has_not_judged_keeps_the_credential_check_on_a_listed_services_link()
    {
        var judged = AssessSigning(Envelope("dse@esign-platform.net", ["https://eu2.esign-platform.net/Signing/EmailStart.aspx?a=41c2"], verdict: "clean"));
        Assert.DoesNotContain(judged.Evidence, e => e.Key == "credential_link");
        Assert.Equal(Classification.Benign, judged.Classification);

        var unjudged = AssessSigning(Envelope("dse@esign-platform.net", ["https://eu2.esign-platform.net/Signing/EmailStart.aspx?a=41c2"], verdict: "unknown"));
        Assert.Contains(unjudged.Evidence, e => e.Key == "credential_link");
        Assert.NotEqual(Classification.Benign, unjudged.Classification);
    }
}
