using System.Text.Json;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// E-mail alerts as Cisco Secure Email (consolidated event log, CEF keys as JSON) and KnowBe4 PhishER export them: each
/// general reason a SOC closes one (a sender's own mailing list breaking DKIM, a trusted vendor sending as the
/// organisation, a simulation from the gateway's simulation sender group or PhishER's PST tag, data mailed to a listed
/// partner, a reported notification PhishER judged clean) beside the attack that would ride it.
/// </summary>
public sealed class EmailGatewayProductTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["surveyhost.example", "auditfirm.example"], StringComparer.OrdinalIgnoreCase),
        VipAccounts = new HashSet<string>(["hcarter"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static Dictionary<string, object> Esa(string from, string envelope, string subject, string spf, string dkim, string dmarc) => new()
    {
        ["cefVersion"] = "0", ["deviceVendor"] = "Cisco", ["deviceProduct"] = "Email Security Appliance", ["name"] = "Consolidated Log Event", ["severity"] = "5",
        ["ESAMID"] = "771203", ["startTime"] = "Wed Nov 18 15:20:01 2026", ["ESAFriendlyFrom"] = from, ["suser"] = envelope, ["duser"] = "ann@globex.com",
        ["msg"] = $"'{subject}'", ["ESASPFVerdict"] = $"{{'mailfrom': {{'result': '{spf}', 'sender': '{envelope}'}}}}", ["ESADKIMVerdict"] = dkim,
        ["ESADMARCVerdict"] = dmarc, ["ESAAMPVerdict"] = "NOT_EVALUATED", ["ESAAVVerdict"] = "NEGATIVE", ["ESAASVerdict"] = "NEGATIVE", ["ESAGMVerdict"] = "NEGATIVE",
        ["ESAOFVerdict"] = "NEGATIVE", ["ESADLPVerdict"] = "NOT_EVALUATED", ["act"] = "DELIVERED", ["ESASenderGroup"] = "UNKNOWNLIST", ["ESAMailFlowPolicy"] = "ACCEPT",
        ["cs1Label"] = "MailPolicy", ["cs1"] = "DEFAULT", ["cfp1Label"] = "SBRSScore", ["cfp1"] = "2.0", ["cs6Label"] = "SDRRepScore", ["cs6"] = "Neutral",
        ["ESASDRDomainAge"] = "30 days (or greater)", ["sourceAddress"] = "198.51.100.40",
    };

    [Fact]
    public void Cisco_fields_are_read_an_amp_conviction_is_strong_and_cef_severity_runs_to_ten()
    {
        Assert.Equal(Severity.Medium, SeverityScale.Read("severity", "5", cef: true));
        var m = Esa("Billing <billing@invoice-desk.example>", "billing@invoice-desk.example", "Overdue invoice 4471", "Fail", "none", "None");
        m["ESAAttachmentDetails"] = "{'INV-4471.xlsm': {'AMP': {'Verdict': 'MALICIOUS', 'fileHash': 'ab12'}}}";
        m["ESAAMPVerdict"] = "MALICIOUS";
        m["ESASDRDomainAge"] = "2 days";
        m["act"] = "QUARANTINED";
        var bad = Assess(m);
        Assert.Equal(Classification.Malicious, bad.Classification);
        Assert.Contains(bad.Evidence, e => e.Key == "sandbox_malicious" && e.Strong);
        Assert.Contains(bad.Evidence, e => e.Key == "new_domain");
        Assert.Contains(bad.Evidence, e => e.Key == "risky_attachment");
        Assert.DoesNotContain(bad.Evidence, e => e.Key == "detector_severity");
    }

    [Fact]
    public void A_mailing_list_breaking_dkim_closes_but_a_spoof_passing_spf_for_another_domain_does_not()
    {
        var list = Esa("Logistics Guild <news@logisticsguild.example>", "digest@lists.logisticsguild.example", "[LG-IT] Weekly digest", "Pass", "fail", "Fail");
        list["act"] = "QUARANTINED";
        var closed = Assess(list);
        Assert.Equal(Classification.Benign, closed.Classification);
        Assert.Contains(closed.Evidence, e => e.Key == "spf_own_organisation");

        var spoof = Assess(Esa("Logistics Guild <news@logisticsguild.example>", "bounce@bulk-sender.example", "[LG-IT] Weekly digest", "Pass", "fail", "Fail"));
        Assert.NotEqual(Classification.Benign, spoof.Classification);
        Assert.Contains(spoof.Evidence, e => e.Key == "auth_failed");
    }

    [Fact]
    public void A_trusted_vendor_sending_as_the_organisation_closes_but_an_unlisted_platform_does_not()
    {
        var vendor = Assess(Esa("Globex <survey@globex.com>", "bounces+77@surveyhost.example", "Two-minute customer survey", "Pass", "fail", "Fail"));
        Assert.Equal(Classification.Benign, vendor.Classification);
        Assert.Contains(vendor.Evidence, e => e.Key == "trusted_service_for_org");

        var other = Assess(Esa("Globex <survey@globex.com>", "bounces+77@mass-mailer.example", "Two-minute customer survey", "Pass", "fail", "Fail"));
        Assert.NotEqual(Classification.Benign, other.Classification);
        Assert.Contains(other.Evidence, e => e.Key == "auth_failed");
    }

    [Fact]
    public void The_gateways_simulation_sender_group_closes_a_drill_but_the_same_lure_from_elsewhere_stays_open()
    {
        Dictionary<string, object> Lure()
        {
            var m = Esa("Globex IT <it@globex-servicedesk.example>", "it@globex-servicedesk.example", "Action required: re-enrol your MFA today", "Pass", "pass", "Pass");
            m["ESAURLDetails"] = "{'https://secure-web.cisco.com/5a1': {'ExpandedUrl': 'https://globex-servicedesk.example/k7/mfa', 'UrlCategory': 'Computers and Internet', 'WBRS': '1.0'}}";
            return m;
        }
        var drill = Lure();
        drill["ESASenderGroup"] = "PHISHSIM-PST";
        drill["cs1"] = "Phishing-Simulation";
        var closed = Assess(drill);
        Assert.Equal(Classification.Benign, closed.Classification);
        Assert.Contains(closed.Evidence, e => e.Key == "phishing_simulation");
        Assert.Contains(closed.Evidence, e => e.Key == "lookalike_sender" && e.Supports == Leaning.Context);

        var attack = Assess(Lure());
        Assert.NotEqual(Classification.Benign, attack.Classification);
        Assert.Contains(attack.Evidence, e => e.Key == "lookalike_sender" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void Data_mailed_to_a_listed_partner_closes_but_to_a_personal_free_mail_account_it_does_not()
    {
        Dictionary<string, object> Outbound(string to)
        {
            var m = Esa("Ann Lee <alee@globex.com>", "alee@globex.com", "Q4 evidence", "None", "pass", "Pass");
            m["duser"] = to;
            m["ESADLPVerdict"] = "HIGH";
            m["ESAMailFlowPolicy"] = "RELAY";
            m["ESASenderGroup"] = "RELAYLIST";
            m["deviceOutboundInterface"] = "OutgoingMail";
            m["ESAAttachmentDetails"] = "{'customers.csv': {'AMP': {'Verdict': 'FILE UNKNOWN'}}}";
            return m;
        }
        var partner = Assess(Outbound("fieldwork@auditfirm.example"));
        Assert.Equal(Classification.Benign, partner.Classification);
        Assert.Contains(partner.Evidence, e => e.Key == "dlp_to_known_partner");

        var personal = Assess(Outbound("ann.lee.home@gmail.com"));
        Assert.NotEqual(Classification.Benign, personal.Classification);
        Assert.Contains(personal.Evidence, e => e.Key == "dlp_to_personal_mail");
    }

    private static Dictionary<string, object> PhishEr(string category, string from, string subject, object[] links, string[] tags) => new()
    {
        ["id"] = "5b1c2d3e-0000-4000-8000-000000000001", ["actionStatus"] = "RECEIVED", ["category"] = category, ["severity"] = "LOW", ["from"] = from,
        ["subject"] = subject, ["reportedBy"] = "ann@globex.com", ["pipelineStatus"] = "PROCESSED", ["rawUrl"] = "https://phisher.example/raw/1",
        ["phishmlReport"] = new { confidenceClean = 0.5, confidenceSpam = 0.1, confidenceThreat = 0.4 }, ["links"] = links,
        ["attachments"] = Array.Empty<object>(), ["tags"] = tags.Select(t => new { name = t, type = "STANDARD" }).ToArray(),
    };

    private static object Link(string url, string disposition, int positives) =>
        new { url, dispositions = new[] { disposition }, virustotal = new { positives, scanned = 90 } };

    [Fact]
    public void PhishERs_PST_tag_closes_a_reported_drill_but_not_when_an_engine_flags_its_link()
    {
        var drill = Assess(PhishEr("THREAT", "it@globex-servicedesk.example", "Action required: re-enrol your MFA", [Link("https://globex-servicedesk.example/k7/mfa", "UNKNOWN", 0)], ["PST"]));
        Assert.Equal(Classification.Benign, drill.Classification);
        Assert.Contains(drill.Evidence, e => e.Key == "phishing_simulation");

        var flagged = Assess(PhishEr("THREAT", "it@globex-servicedesk.example", "Action required: re-enrol your MFA", [Link("https://globex-servicedesk.example/k7/mfa", "MALICIOUS", 6)], ["PST"]));
        Assert.NotEqual(Classification.Benign, flagged.Classification);
        Assert.DoesNotContain(flagged.Evidence, e => e.Key == "phishing_simulation");
    }

    [Fact]
    public void A_reported_notification_PhishER_judged_clean_closes_but_an_undecided_one_and_an_executives_name_on_free_mail_do_not()
    {
        var clean = Assess(PhishEr("CLEAN", "events@vendor-news.example", "Register for the release webinar", [Link("https://www.vendor-news.example/events/rel", "CLEAN", 0)], []));
        Assert.Equal(Classification.Benign, clean.Classification);
        Assert.Contains(clean.Evidence, e => e.Key == "user_reported_no_threat");

        var undecided = Assess(PhishEr("UNKNOWN", "events@vendor-news.example", "Register for the release webinar", [Link("https://www.vendor-news.example/events/rel", "UNKNOWN", 1)], []));
        Assert.NotEqual(Classification.Benign, undecided.Classification);
        Assert.DoesNotContain(undecided.Evidence, e => e.Key == "user_reported_no_threat");

        var ceo = Assess(PhishEr("CLEAN", "hcarter.office@gmail.com", "Quick favour?", [], []));
        Assert.NotEqual(Classification.Benign, ceo.Classification);
        Assert.Contains(ceo.Evidence, e => e.Key == "vip_name_free_mail");
    }
}
