using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Mail records from products Verdict has no reader for, read by generic key names: the sender in sender_email, fromEmail
/// or a header object; an engine's own *_verdict; a reason written "Category: detail"; authentication as a list of
/// method/result objects; a direction field with a DLP rule; the EICAR test named by the product's detection. Each reason
/// that closes sits beside the attack wearing its clothes (a free-mail impostor with an executive's name, a file called
/// eicar with another detection, DLP data sent to a free-mail account, a "forward to self" with a web-page attachment,
/// a trusted supplier's real mailbox carrying a sandbox-confirmed dropper, a fresh cloud tenant's default domain that
/// passes authentication).
/// </summary>
public sealed class EmailSchemaReadingTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["docusign.net", "acme-steel.com", "expensecloud.com"], StringComparer.OrdinalIgnoreCase),
        VipAccounts = new HashSet<string>(["mbauer"], StringComparer.OrdinalIgnoreCase),
    };

    private static (Assessment Assessment, Verdict.Alerts.Alert Alert) Triage(object input, EnvironmentContext? context = null)
    {
        var outcome = FamilyFixtures.Triage([new FamilyFixture("s0", JsonSerializer.Serialize(input), true, "")], context ?? Context())[0];
        return (outcome.Assessment!, outcome.Alert!);
    }

    private static Assessment Assess(object input, EnvironmentContext? context = null) => Triage(input, context).Assessment;

    /// <summary>A user-report incident as report-triage products export it (no vendor reader: generic names only).</summary>
    private static Dictionary<string, object> Report(string sender, string verdict, string auth = "pass") => new()
    {
        ["incident_id"] = 90211, ["incident_type"] = "Report", ["created"] = "2026-11-18T14:05:00Z", ["reported_by_end_user"] = true,
        ["reporter_name"] = "lwong@globex.com", ["sender_email"] = sender, ["reply_to"] = sender, ["spf_result"] = auth, ["dkim_result"] = auth,
        ["dmarc_result"] = auth, ["email_subject"] = "Are you available?", ["engine_verdict"] = verdict, ["links"] = Array.Empty<object>(),
        ["attachments"] = Array.Empty<object>(),
    };

    /// <summary>A gateway policy event: direction, policy, rule, a "Category: detail" reason, recipients, attachments.</summary>
    private static Dictionary<string, object> Policy(string direction, string sender, string recipient, string policy, string reason, params string[] files) => new()
    {
        ["eventTime"] = "2026-11-19T09:12:00Z", ["msgId"] = "d81f-22", ["direction"] = direction, ["sender"] = sender, ["recipients"] = new[] { recipient },
        ["subject"] = "Documents", ["senderIP"] = "198.51.100.44", ["policyName"] = policy, ["ruleName"] = policy, ["reason"] = reason,
        ["policyAction"] = "Quarantine", ["attachments"] = files.Select(f => new { fileName = f, fileSize = 2048 }).ToArray(), ["embeddedUrls"] = Array.Empty<string>(),
    };

    [Fact]
    public void A_reported_free_mail_impostor_with_a_dotted_executive_name_and_an_engine_verdict_stays_open_but_a_legit_report_closes()
    {
        var (fake, alert) = Triage(Report("m.bauer.office@gmail.com", "phishing"));
        Assert.NotEqual(Classification.Benign, fake.Classification);
        Assert.Contains(fake.Evidence, e => e.Key == "vip_name_free_mail");
        Assert.Contains(fake.Evidence, e => e.Key == "gateway_threat_verdict");
        // Free mail authenticates anyone: its SPF/DKIM/DMARC pass is no benign evidence.
        Assert.DoesNotContain(fake.Evidence, e => e.Key == "auth_pass");
        // reported_by_end_user is a flag, not the user.
        Assert.NotEqual("true", alert.User);

        var real = Assess(Report("notifications@travelportal.example", "legit"));
        Assert.Equal(Classification.Benign, real.Classification);
        Assert.Contains(real.Evidence, e => e.Key == "user_reported_no_threat");
    }

    [Fact]
    public void A_report_without_a_readable_sender_or_with_an_unjudged_verdict_is_not_closed_as_reported_with_no_threat()
    {
        var report = Report("", "legit");
        report.Remove("sender_email");
        report.Remove("reply_to");
        var blind = Assess(report);
        Assert.DoesNotContain(blind.Evidence, e => e.Key is "auth_pass" or "user_reported_no_threat");
        Assert.NotEqual(Classification.Benign, blind.Classification);

        var unjudged = Assess(Report("notifications@travelportal.example", "unknown"));
        Assert.DoesNotContain(unjudged.Evidence, e => e.Key == "user_reported_no_threat");
    }

    private static Dictionary<string, object> MessageLog(string envelopeFrom, string headerFrom, string result) => new()
    {
        ["alert_id"] = "ml-1", ["rule_name"] = "Gateway: message log", ["ts"] = "2026-11-17T11:00:00Z",
        ["envelope"] = new { from = envelopeFrom, rcpts = new[] { "ap@globex.com" } },
        ["msg"] = new { header = new { from = new[] { $"Sender <{headerFrom}>" }, subject = new[] { "Statement for October" } } },
        ["filter"] = new
        {
            routeDirection = "inbound", disposition = "continue",
            modules = new { dmarc = new { authResults = new[] { new { method = "spf", result = result }, new { method = "dkim", result = result }, new { method = "dmarc", result = result } } } },
        },
    };

    [Fact]
    public void The_header_from_and_a_method_result_list_are_read_so_a_spoofed_own_domain_fails_and_a_trusted_supplier_passes()
    {
        var spoof = Assess(MessageLog("bounce@mailer-relay.example", "payroll@globex.com", "fail"));
        Assert.Contains(spoof.Evidence, e => e.Key == "auth_failed" && e.Description.Contains("DMARC fail", StringComparison.Ordinal));
        Assert.NotEqual(Classification.Benign, spoof.Classification);

        var supplier = Assess(MessageLog("billing@acme-steel.com", "billing@acme-steel.com", "pass"));
        Assert.Contains(supplier.Evidence, e => e.Key == "trusted_sender" && e.Description.Contains("passes sender authentication", StringComparison.Ordinal));
        Assert.Equal(Classification.Benign, supplier.Classification);
    }

    [Fact]
    public void A_cloud_tenants_default_domain_passing_authentication_is_no_vouch_unless_the_context_lists_it_as_the_organisations()
    {
        var fresh = Assess(MessageLog("billing@payments-dept7.onmicrosoft.com", "billing@payments-dept7.onmicrosoft.com", "pass"));
        Assert.Contains(fresh.Evidence, e => e.Key == "default_tenant_sender");
        Assert.DoesNotContain(fresh.Evidence, e => e.Key == "auth_pass");
        Assert.NotEqual(Classification.Benign, fresh.Classification);

        // A tenant named after the organisation is anyone's to register until the context file lists it as its own.
        var named = MessageLog("it@globex.onmicrosoft.com", "it@globex.onmicrosoft.com", "pass");
        Assert.Contains(Assess(named).Evidence, e => e.Key == "default_tenant_sender");
        var listed = Context() with { Domains = new HashSet<string>(["globex.com", "globex.onmicrosoft.com"], StringComparer.OrdinalIgnoreCase) };
        Assert.DoesNotContain(Assess(named, listed).Evidence, e => e.Key == "default_tenant_sender");
    }

    [Fact]
    public void The_eicar_test_named_by_the_detection_closes_but_a_file_called_eicar_with_another_detection_does_not()
    {
        var test = Assess(Policy("in", "it-admin@globex.com", "it-admin@globex.com", "Virus", "Virus: EICAR-Test-File", "eicar.com"));
        Assert.Contains(test.Evidence, e => e.Key == "eicar_test");
        Assert.Equal(Classification.Benign, test.Classification);

        var renamed = Assess(Policy("in", "hr@careers-mail.example", "it-admin@globex.com", "Virus", "Virus: Trojan.GenericKD.71", "eicar_test_file.exe"));
        Assert.DoesNotContain(renamed.Evidence, e => e.Key == "eicar_test");
        Assert.NotEqual(Classification.Benign, renamed.Classification);

        var both = Assess(Policy("in", "hr@careers-mail.example", "it-admin@globex.com", "Virus", "Virus: EICAR_TEST_FILE, Trojan.Agent", "eicar.com", "cv.exe"));
        Assert.DoesNotContain(both.Evidence, e => e.Key == "eicar_test");
        Assert.NotEqual(Classification.Benign, both.Classification);
    }

    [Fact]
    public void A_spam_category_in_the_reason_is_bulk_and_a_bec_category_is_the_gateways_threat_verdict()
    {
        var spam = Assess(Policy("in", "deals@cheap-toner.example", "stores@globex.com", "Spam", "Spam: high"));
        Assert.Contains(spam.Evidence, e => e.Key == "bulk_mail");

        var bec = Assess(Policy("in", "ceo.office.globex@outlook.com", "ap@globex.com", "Business Email Compromise", "BEC: executive impersonation, request for payment"));
        Assert.Contains(bec.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.NotEqual(Classification.Benign, bec.Classification);
    }

    [Fact]
    public void Outgoing_spam_from_an_own_mailbox_is_not_vouched_for_by_its_authentication_but_incoming_spam_is_bulk()
    {
        var leaving = Assess(Policy("outgoing", "t.winther@globex.com", "ap@partner-co.example", "Outbound spam", "antispam: Positive"));
        Assert.Contains(leaving.Evidence, e => e.Key == "outbound_threat");
        Assert.NotEqual(Classification.Benign, leaving.Classification);

        var arriving = Assess(Policy("in", "deals@cheap-toner.example", "stores@globex.com", "Spam", "Spam: high"));
        Assert.DoesNotContain(arriving.Evidence, e => e.Key == "outbound_threat");
    }

    [Fact]
    public void Outgoing_dlp_data_to_a_listed_partner_is_the_business_flow_but_to_free_mail_it_is_not()
    {
        var partner = Assess(Policy("out", "treasury@globex.com", "feeds@expensecloud.com", "Data Loss Prevention", "DLP: card numbers x 9", "recon.xlsx"));
        Assert.Contains(partner.Evidence, e => e.Key == "dlp_to_known_partner");

        var personal = Assess(Policy("out", "treasury@globex.com", "k.lee.1990@gmail.com", "Data Loss Prevention", "DLP: card numbers x 9", "recon.xlsx"));
        Assert.Contains(personal.Evidence, e => e.Key == "dlp_to_personal_mail");
        Assert.NotEqual(Classification.Benign, personal.Classification);
    }

    [Fact]
    public void A_forward_from_ones_own_personal_mailbox_is_explained_but_not_to_someone_else_nor_with_a_web_page_attached()
    {
        var self = Assess(Policy("in", "rnakamura77@gmail.com", "rnakamura@globex.com", "Impostor", "Impostor: free-mail invoice", "INV-4410.pdf"));
        Assert.Contains(self.Evidence, e => e.Key == "forward_to_self");

        var colleague = Assess(Policy("in", "rnakamura77@gmail.com", "ap@globex.com", "Impostor", "Impostor: free-mail invoice", "INV-4410.pdf"));
        Assert.DoesNotContain(colleague.Evidence, e => e.Key == "forward_to_self");

        var page = Assess(Policy("in", "rnakamura77@gmail.com", "rnakamura@globex.com", "Impostor", "Impostor: free-mail invoice", "INV-4410.html"));
        Assert.DoesNotContain(page.Evidence, e => e.Key == "forward_to_self");
        Assert.NotEqual(Classification.Benign, page.Classification);
    }

    [Fact]
    public void A_trusted_suppliers_real_mailbox_with_a_sandbox_confirmed_dropper_is_not_vouched_for()
    {
        var report = Report("invoices@acme-steel.com", "phishing");
        report["reported_by_end_user"] = false;
        report["attachments"] = new[] { new { file_name = "Invoice_correction.zip", scan_result = "malicious" } };
        var hijack = Assess(report);
        Assert.Contains(hijack.Evidence, e => e.Key == "trusted_sender" && e.Weight <= 0.5);
        Assert.Equal(Classification.Malicious, hijack.Classification);
    }
    /// <summary>A gateway log line from a product with no reader: a route field instead of a direction, no authentication results.</summary>
    private static Dictionary<string, object> Routed(string route, string ip, string sender, string recipient, string reason, params string[] urls) => new()
    {
        ["datetime"] = "2026-11-19T12:00:00Z", ["aCode"] = "x81f2", ["senderAddress"] = sender, ["recipientAddress"] = recipient,
        ["subject"] = "Team update", ["reason"] = reason, ["action"] = "Hold", ["route"] = route, ["senderIp"] = ip,
        ["definition"] = "Default Threat Protection", ["urls"] = urls,
    };

    [Fact]
    public void Own_domain_mail_sent_from_inside_is_vouched_for_without_authentication_results_but_not_from_outside_nor_with_an_imitating_link()
    {
        var inside = Assess(Routed("Internal", "10.40.2.80", "events@globex.com", "all-staff@globex.com", "Web reputation: untested URL", "https://summit-tickets.example/register"));
        Assert.Contains(inside.Evidence, e => e.Key == "internal_authenticated");
        Assert.Equal(Classification.Benign, inside.Classification);

        // The same own-domain From arriving from the internet with no authentication result: a spoofer's shape.
        var outside = Assess(Routed("Inbound", "203.0.113.50", "events@globex.com", "all-staff@globex.com", "Web reputation: untested URL", "https://summit-tickets.example/register"));
        Assert.DoesNotContain(outside.Evidence, e => e.Key == "internal_authenticated");
        Assert.NotEqual(Classification.Benign, outside.Classification);

        // A compromised mailbox inside linking to an imitation of the organisation is not vouched for by where it came from.
        var hijacked = Assess(Routed("Internal", "10.40.2.80", "events@globex.com", "all-staff@globex.com", "Web reputation: untested URL", "https://globex-sso-login.com/verify"));
        Assert.Contains(hijacked.Evidence, e => e.Key == "lookalike_link");
        Assert.NotEqual(Classification.Benign, hijacked.Classification);
    }

    [Fact]
    public void A_route_field_and_a_data_leak_prevention_reason_are_read_as_outgoing_dlp()
    {
        var personal = Assess(Routed("Outbound", "40.107.135.135", "k.osei@globex.com", "k.osei.backup@proton.me", "Data Leak Prevention: 450 card numbers"));
        Assert.Contains(personal.Evidence, e => e.Key == "dlp_to_personal_mail");
        Assert.NotEqual(Classification.Benign, personal.Classification);

        var partner = Assess(Routed("Outbound", "40.107.135.135", "treasury@globex.com", "feeds@expensecloud.com", "Data Leak Prevention: 450 card numbers"));
        Assert.Contains(partner.Evidence, e => e.Key == "dlp_to_known_partner");
        Assert.Equal(Classification.Benign, partner.Classification);
    }
}
