using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Mail records in the shape collectors deliver them: Proofpoint TAP elements whose event kind a collector keeps in a
/// field of its own (<c>_tap_event</c>) and whose condemned URLs sit in threatsInfoMap[]; the organisation's phishing
/// simulation recognised by its links when no authentication result is given; Mimecast attachment protection's
/// actionTriggered block; a Cofense Triage report nobody categorised and no Triage rule matched. Each benign reading
/// beside the attack that wears its clothes.
/// </summary>
public sealed class EmailCollectorShapeTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        PhishingSimulationDomains = new HashSet<string>(["globex-awareness.example"], StringComparer.OrdinalIgnoreCase),
        VipAccounts = new HashSet<string>(["ceo@globex.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static AlertOutcome Run(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("m0", JsonSerializer.Serialize(input), true, "")], Context())[0];

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object TapMessage(string kind, string from, string threat, string threatType, string classification, string? file = null) => new
    {
        GUID = "5e0b2a9c41", QID = "7B11C0DE22", messageTime = "2026-11-18T19:30:15Z", sender = from, fromAddress = new[] { from },
        headerFrom = $"Payroll <{from}>", recipient = new[] { "ops@globex.com" }, subject = "Confirm your payroll details", senderIP = "203.0.113.250",
        phishScore = classification == "phish" ? 85 : 0, malwareScore = classification == "malware" ? 100 : 0,
        quarantineFolder = kind == "messagesBlocked" ? "Malware" : null,
        messageParts = new[] { new { filename = file ?? "text.html", contentType = file is null ? "text/html" : "application/pdf", sandboxStatus = file is null ? null : "threat" } },
        threatsInfoMap = new[] { new { classification, threat, threatType, threatStatus = "active" } },
        _tap_event = kind,
    };

    private static object TapClick(string from, string url) => new
    {
        GUID = "9d4f1e2b77", id = "c1a2b3c4-0001", classification = "phish", clickIP = "203.0.113.10", clickTime = "2026-11-18T19:45:31Z",
        messageID = "<a1@mail>", recipient = "ops@globex.com", sender = from, senderIP = "209.85.220.41", threatStatus = "active", url,
        userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", _tap_event = "clicksPermitted",
    };

    [Fact]
    public void Tap_event_kind_kept_by_the_collector_in_its_own_field_is_read()
    {
        var blocked = Run(TapMessage("messagesBlocked", "accounts@ferreteria.example", "Factura.pdf", "attachment", "malware", "Factura.pdf"));
        Assert.Equal("Proofpoint TAP: message blocked (malware)", blocked.Alert!.Rule);
        Assert.Contains(blocked.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, blocked.Assessment.Classification);
        // The same mail delivered is the attack.
        var delivered = Run(TapMessage("messagesDelivered", "accounts@ferreteria.example", "Factura.pdf", "attachment", "malware", "Factura.pdf"));
        Assert.Equal("Proofpoint TAP: message delivered (malware)", delivered.Alert!.Rule);
        Assert.Equal(Classification.Malicious, delivered.Assessment!.Classification);
    }

    [Fact]
    public void Blocked_macro_document_is_commodity_malspam_but_a_filter_evading_file_stays_open()
    {
        var macro = Run(TapMessage("messagesBlocked", "accounts@ferreteria.example", "Factura_2026.docm", "attachment", "malware", "Factura_2026.docm"));
        Assert.Equal(Classification.Benign, macro.Assessment!.Classification);
        var delivered = Run(TapMessage("messagesDelivered", "accounts@ferreteria.example", "Factura_2026.docm", "attachment", "malware", "Factura_2026.docm"));
        Assert.Equal(Classification.Malicious, delivered.Assessment!.Classification);
        // OneNote and disk images are built to slip past the gateway: aimed, even when blocked.
        var onenote = Run(TapMessage("messagesBlocked", "accounts@ferreteria.example", "Factura_2026.one", "attachment", "malware", "Factura_2026.one"));
        Assert.True(onenote.Assessment!.Classification != Classification.Benign, Keys(onenote.Assessment));
        var disguised = Run(TapMessage("messagesBlocked", "accounts@ferreteria.example", "Factura_2026.pdf.docm", "attachment", "malware", "Factura_2026.docm, Scan.iso"));
        Assert.True(disguised.Assessment!.Classification != Classification.Benign, Keys(disguised.Assessment));
    }

    [Fact]
    public void Simulation_sender_whose_links_lead_to_the_simulation_platform_closes_without_an_authentication_result()
    {
        var drill = Run(TapMessage("messagesDelivered", "payroll@globex-awareness.example", "https://globex-awareness.example/l/nov/payroll", "url", "phish"));
        Assert.Contains(drill.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.Equal(Classification.Benign, drill.Assessment.Classification);
        var click = Run(TapClick("payroll@globex-awareness.example", "https://globex-awareness.example/l/nov/payroll"));
        Assert.Equal(Classification.Benign, click.Assessment!.Classification);
    }

    [Fact]
    public void Spoofed_simulation_sender_with_a_link_elsewhere_stays_open()
    {
        var spoof = Run(TapMessage("messagesDelivered", "payroll@globex-awareness.example", "https://payroll-globex.example/login.php", "url", "phish"));
        Assert.DoesNotContain(spoof.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.NotEqual(Classification.Benign, spoof.Assessment.Classification);
        var click = Run(TapClick("payroll@globex-awareness.example", "https://payroll-globex.example/login.php"));
        Assert.DoesNotContain(click.Assessment!.Evidence, e => e.Key == "phishing_simulation");
        Assert.NotEqual(Classification.Benign, click.Assessment.Classification);
    }

    private static object MimecastAttachment(string file, string result, string action, string to = "ap@globex.com") => new
    {
        fileName = file, fileType = file[(file.LastIndexOf('.') + 1)..], result, actionTriggered = action, date = "2026-11-14T03:20:52+13:00",
        details = $"Sandbox {result}", route = "Inbound", messageId = "<7d8d@billing-mail.example>", subject = "Remittance advice",
        recipientAddress = to, senderAddress = "invoice@billing-mail.example", definition = "Default Attachment Protection",
        fileHash = "7d8ddb64643acbcf03594016b84a870e", alert_id = "mc-att-7d8d",
    };

    [Fact]
    public void Mimecast_attachment_blocked_at_the_gateway_closes_but_allowed_or_filter_evading_does_not()
    {
        var blocked = Run(MimecastAttachment("Remittance_Advice.pdf", "malicious", "block"));
        Assert.Contains(blocked.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, blocked.Assessment.Classification);
        // Delivered after a late verdict: the recipient has it.
        var allowed = Run(MimecastAttachment("Remittance_Advice.pdf", "malicious", "allow"));
        Assert.Equal(Classification.Malicious, allowed.Assessment!.Classification);
        // A held message is released later, not refused.
        var held = Run(MimecastAttachment("Remittance_Advice.pdf", "malicious", "hold"));
        Assert.NotEqual(Classification.Benign, held.Assessment!.Classification);
        // HTML smuggling or an executive recipient aims it at the organisation.
        var smuggling = Run(MimecastAttachment("Remittance_Advice.html", "malicious", "block"));
        Assert.True(smuggling.Assessment!.Classification != Classification.Benign, Keys(smuggling.Assessment));
        var whaling = Run(MimecastAttachment("Remittance_Advice.pdf", "malicious", "block", to: "ceo@globex.com"));
        Assert.NotEqual(Classification.Benign, whaling.Assessment!.Classification);
    }

    [Fact]
    public void Mimecast_attachment_held_and_found_safe_is_the_routine_sandbox_hold_but_an_unsafe_one_is_not()
    {
        var safe = Run(MimecastAttachment("Tag_export_template.xlsm", "safe", "hold"));
        Assert.Contains(safe.Assessment!.Evidence, e => e.Key == "sandbox_released");
        Assert.Contains(safe.Assessment.Evidence, e => e.Key == "sandbox_clean");
        var unsafeFile = Run(MimecastAttachment("Tag_export_template.xlsm", "malicious", "hold"));
        Assert.DoesNotContain(unsafeFile.Assessment!.Evidence, e => e.Key is "sandbox_released" or "sandbox_clean");
        Assert.NotEqual(Classification.Benign, unsafeFile.Assessment.Classification);
        // Safe but delivered without a hold: no routine hold to explain the alert.
        var allowed = Run(MimecastAttachment("Tag_export_template.xlsm", "safe", "allow"));
        Assert.DoesNotContain(allowed.Assessment!.Evidence, e => e.Key == "sandbox_released");
    }

    private static object CofenseUncategorised(string from, string subject, int matchPriority, int riskScore, string[]? tags = null, string? rule = null, string[]? urls = null) => new
    {
        data = new
        {
            id = "842577", type = "reports",
            attributes = new { location = "Inbox", risk_score = riskScore, match_priority = matchPriority, from_address = from, subject, tags = tags ?? Array.Empty<string>(),
                report_urls = urls ?? Array.Empty<string>(), received_at = "2026-11-16T09:00:00Z", reported_at = "2026-11-16T09:40:00Z" },
            relationships = rule is null
                ? (object)new { reporter = new { data = new { type = "reporters", id = "7896" } }, category = new { data = (object?)null } }
                : new { reporter = new { data = new { type = "reporters", id = "7896" } }, category = new { data = (object?)null }, rules = new { data = new[] { new { type = "rules", id = "31" } } } },
        },
        included = rule is null
            ? new object[] { new { type = "reporters", id = "7896", attributes = new { email = "ann@globex.com", reports_count = 12 } } }
            : [new { type = "reporters", id = "7896", attributes = new { email = "ann@globex.com", reports_count = 12 } }, new { type = "rules", id = "31", attributes = new { name = rule, priority = matchPriority } }],
    };

    [Fact]
    public void Cofense_report_no_triage_rule_matched_is_judged_as_a_user_report()
    {
        var notice = Run(CofenseUncategorised("messages-noreply@social-network.example", "You appeared in 9 searches this week", 0, 0));
        Assert.Equal("Message reported by user", notice.Alert!.Rule);
        Assert.Contains(notice.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.Equal(Classification.Benign, notice.Assessment.Classification);
    }

    [Fact]
    public void Cofense_report_a_triage_rule_matched_or_from_a_lookalike_stays_open()
    {
        // A rule Triage lists as matched, or a tag it set with the priority: its rules saw something.
        var matched = Run(CofenseUncategorised("messages-noreply@social-network.example", "You appeared in 9 searches this week", 3, 80, rule: "ZIP attachment with LNK"));
        Assert.DoesNotContain(matched.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.NotEqual(Classification.Benign, matched.Assessment.Classification);
        var tagged = Run(CofenseUncategorised("messages-noreply@social-network.example", "You appeared in 9 searches this week", 3, 80, tags: ["credential-phish"]));
        Assert.DoesNotContain(tagged.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.NotEqual(Classification.Benign, tagged.Assessment.Classification);
        var lookalike = Run(CofenseUncategorised("it-helpdesk@g1obex.com", "Re-enrol your MFA by Friday", 0, 0));
        Assert.True(lookalike.Assessment!.Classification != Classification.Benign, Keys(lookalike.Assessment));
    }

    [Fact]
    public void Cofense_report_with_a_bare_priority_naming_no_rule_or_tag_is_judged_as_a_user_report()
    {
        // Some exports give every report a standing match_priority: with no matched rule and no tag it names nothing seen.
        var notice = Run(CofenseUncategorised("orders@shop-mail.example", "Your order has shipped", 3, 30));
        Assert.Contains(notice.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.Equal(Classification.Benign, notice.Assessment.Classification);
        // The same bare priority on a look-alike sender, or on a report whose link asks for a sign-in elsewhere, stays open.
        var lookalike = Run(CofenseUncategorised("it-helpdesk@g1obex.com", "Re-enrol your MFA by Friday", 3, 30));
        Assert.True(lookalike.Assessment!.Classification != Classification.Benign, Keys(lookalike.Assessment));
        var signIn = Run(CofenseUncategorised("rosters@crew-portal.example", "Your roster changed", 3, 30, urls: ["https://crew-portal.example/login"]));
        Assert.DoesNotContain(signIn.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.NotEqual(Classification.Benign, signIn.Assessment.Classification);
    }

    [Fact]
    public void Reported_notice_linking_to_the_organisations_own_tenant_sign_in_is_no_external_credential_page()
    {
        // globex.okta.com is the organisation's tenant on a trusted sender's service: no one else can put a page there.
        var genuine = RunTrusted(CofenseUncategorised("noreply@okta.com", "Your password was reset", 0, 0, urls: ["https://globex.okta.com/signin"]));
        Assert.DoesNotContain(genuine.Assessment!.Evidence, e => e.Key == "credential_link");
        Assert.Contains(genuine.Assessment.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.Equal(Classification.Benign, genuine.Assessment.Classification);
        // A tenant-looking host on another service, or an app-consent link on the real tenant, still asks for a check.
        var elsewhere = RunTrusted(CofenseUncategorised("noreply@okta.com", "Your password was reset", 0, 0, urls: ["https://globex.okta-login.example/signin"]));
        Assert.DoesNotContain(elsewhere.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.NotEqual(Classification.Benign, elsewhere.Assessment.Classification);
        var consent = RunTrusted(CofenseUncategorised("noreply@okta.com", "Approve the new roster app", 0, 0, urls: ["https://globex.okta.com/oauth2/v1/authorize?client_id=x"]));
        Assert.DoesNotContain(consent.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
    }

    private static AlertOutcome RunTrusted(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("m0", JsonSerializer.Serialize(input), true, "")],
            Context() with { TrustedSenders = new HashSet<string>(["okta.com"], StringComparer.OrdinalIgnoreCase) })[0];

    private static object MimecastUrlClick(string url, string scanResult, string action, string from = "deals@prize-mail.example", string to = "ops@globex.com",
        string category = "Phishing & Fraud") => new
    {
        id = "mc-url-51a0", datetime = "2026-11-10T04:30:00Z", userEmailAddress = to, fromUserEmailAddress = from, url,
        ttpDefinition = "Default URL Protection Definition", subject = "You have been selected", action, scanResult,
        category, sendingIp = "198.51.100.23", route = "inbound", creationMethod = "User Click",
    };

    [Fact]
    public void Newly_observed_subdomain_of_the_organisations_own_domain_is_no_new_domain()
    {
        // The organisation's marketing platform tracks clicks on a new subdomain of a domain it owns: no one outside can register it.
        var own = Run(MimecastUrlClick("https://links.mc2.globex.com/c/8137a856", "suspicious", "warn", from: "campaigns@globex.com", category: "Newly Observed Domain"));
        Assert.DoesNotContain(own.Assessment!.Evidence, e => e.Key == "new_domain");
        Assert.Equal(Classification.Benign, own.Assessment.Classification);
        // The attacker's domain that merely begins with the organisation's name is a new domain all the same, and stays open.
        var lookalike = Run(MimecastUrlClick("https://links.globex.com.track-mc2.example/c/8137a856", "suspicious", "warn", from: "campaigns@globex.com", category: "Newly Observed Domain"));
        Assert.Contains(lookalike.Assessment!.Evidence, e => e.Key == "new_domain");
        Assert.NotEqual(Classification.Benign, lookalike.Assessment.Classification);
        // So is a click on a new domain of one's own name with a hyphen (globex-com.example is not globex.com).
        var hyphen = Run(MimecastUrlClick("https://links.globex-com.example/c/8137a856", "suspicious", "warn", from: "campaigns@globex.com", category: "Newly Observed Domain"));
        Assert.Contains(hyphen.Assessment!.Evidence, e => e.Key == "new_domain");
        Assert.NotEqual(Classification.Benign, hyphen.Assessment.Classification);
    }

    [Fact]
    public void Clean_click_to_a_single_sign_on_path_on_a_newly_observed_domain_stays_open()
    {
        // Clean at click time means little for a domain too young for a reputation that serves an SSO page (an AiTM proxy's shape).
        var aitm = Run(MimecastUrlClick("https://remit-portal.example/sso/okta", "clean", "allow", from: "remittance@remit-portal.example", category: "Newly observed domain"));
        Assert.Contains(aitm.Assessment!.Evidence, e => e.Key == "new_domain");
        Assert.Contains(aitm.Assessment.Evidence, e => e.Key == "credential_link");
        Assert.NotEqual(Classification.Benign, aitm.Assessment.Classification);
        // A category that is not about the domain's age adds nothing; a plain article link has no sign-in path.
        var news = Run(MimecastUrlClick("https://trade-news.example/articles/winter-schedule", "clean", "allow", from: "editor@trade-news.example", category: "News and Media"));
        Assert.DoesNotContain(news.Assessment!.Evidence, e => e.Key is "new_domain" or "credential_link");
    }

    [Fact]
    public void Mimecast_click_the_url_protection_blocked_closes_but_a_permitted_or_aimed_one_does_not()
    {
        var blocked = Run(MimecastUrlClick("https://prize-mail.example/win", "malicious", "block"));
        Assert.DoesNotContain(blocked.Assessment!.Evidence, e => e.Key == "clicked_threat");
        Assert.Contains(blocked.Assessment.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, blocked.Assessment.Classification);
        // The same click let through reached the page.
        var allowed = Run(MimecastUrlClick("https://prize-mail.example/win", "malicious", "allow"));
        Assert.Contains(allowed.Assessment!.Evidence, e => e.Key == "clicked_threat");
        Assert.Equal(Classification.Malicious, allowed.Assessment.Classification);
        // Blocked, but from a look-alike of the organisation: aimed at it.
        var aimed = Run(MimecastUrlClick("https://globex-payroll.example/login", "malicious", "block", from: "payroll@globex-hr.com"));
        Assert.True(aimed.Assessment!.Classification != Classification.Benign, Keys(aimed.Assessment));
    }

    [Fact]
    public void Mimecast_attachment_blocked_written_as_attachment_blocked_is_read_as_the_block()
    {
        var blocked = Run(MimecastAttachment("Order_9981.doc", "malicious", "attachment blocked"));
        Assert.Contains(blocked.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, blocked.Assessment.Classification);
        var held = Run(MimecastAttachment("Order_9981.doc", "malicious", "attachment held"));
        Assert.NotEqual(Classification.Benign, held.Assessment!.Classification);
    }

    private static object AbnormalRemoved(string attachment, bool isRead, string from = "tracking@parcel-notice.example", string strategy = "Brand Impersonation") => new
    {
        threatId = "9b1f3c2e-5a6d-4e7f-8a9b-0c1d2e3f4a5b", attachmentCount = 1, attachmentNames = new[] { attachment }, attackStrategy = strategy,
        attackType = "Malware", attackVector = "Attachment", autoRemediated = true, postRemediated = false, fromAddress = from, fromName = "Parcel",
        isRead, receivedTime = "2026-11-18T06:00:00Z", recipientAddress = "cargo@globex.com", remediationStatus = "Auto-Remediated",
        senderDomain = from[(from.IndexOf('@') + 1)..], subject = "Delivery attempt failed", toAddresses = new[] { "cargo@globex.com" }, urlCount = 0, urls = Array.Empty<string>(),
    };

    [Fact]
    public void Removed_unread_script_attachment_is_commodity_malspam_but_a_read_or_evading_one_stays_open()
    {
        var script = Run(AbnormalRemoved("Parcel_Label.js", isRead: false));
        Assert.Contains(script.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, script.Assessment.Classification);
        // Read before removal: someone had it in front of them.
        var read = Run(AbnormalRemoved("Parcel_Label.js", isRead: true));
        Assert.NotEqual(Classification.Benign, read.Assessment!.Classification);
        // A shortcut, or a script behind a decoy extension, is built to slip past filters.
        var shortcut = Run(AbnormalRemoved("Parcel_Label.lnk", isRead: false));
        Assert.True(shortcut.Assessment!.Classification != Classification.Benign, Keys(shortcut.Assessment));
        var disguised = Run(AbnormalRemoved("Parcel_Label.pdf.js", isRead: false));
        Assert.True(disguised.Assessment!.Classification != Classification.Benign, Keys(disguised.Assessment));
        // The vendor says it impersonates a supplier or colleague: aimed.
        var supplier = Run(AbnormalRemoved("Parcel_Label.js", isRead: false, strategy: "Supplier Impersonation"));
        Assert.NotEqual(Classification.Benign, supplier.Assessment!.Classification);
    }

    private static object MimecastImpersonation(string from, string to) => new
    {
        id = "mc-imp-40cd", eventTime = "2026-11-13T07:40:00Z", senderAddress = from, recipientAddress = to, subject = "slides for Thursday",
        definition = "Impersonation Protection - Default", hits = 1, identifiers = new[] { "internal_user_name" }, action = "tag",
        taggedExternal = true, taggedMalicious = false, senderIpAddress = "209.85.220.41",
    };

    [Fact]
    public void Staff_name_on_free_mail_sent_to_that_staff_members_own_account_is_a_forward_to_self()
    {
        var self = Run(MimecastImpersonation("ann.lee.home@gmail.com", "ann.lee@globex.com"));
        Assert.DoesNotContain(self.Assessment!.Evidence, e => e.Key == "staff_name_free_mail");
        Assert.Contains(self.Assessment.Evidence, e => e.Key == "forward_to_self");
        Assert.Equal(Classification.Benign, self.Assessment.Classification);
        // The same name on free mail to someone else is the impersonation the check is for.
        var other = Run(MimecastImpersonation("ann.lee.home@gmail.com", "payroll@globex.com"));
        Assert.Contains(other.Assessment!.Evidence, e => e.Key == "staff_name_free_mail");
        Assert.NotEqual(Classification.Benign, other.Assessment.Classification);
    }
}
