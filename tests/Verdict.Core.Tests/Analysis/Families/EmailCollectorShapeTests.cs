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

    private static object CofenseUncategorised(string from, string subject, int matchPriority, int riskScore) => new
    {
        data = new
        {
            id = "842577", type = "reports",
            attributes = new { location = "Inbox", risk_score = riskScore, match_priority = matchPriority, from_address = from, subject, tags = Array.Empty<string>(),
                received_at = "2026-11-16T09:00:00Z", reported_at = "2026-11-16T09:40:00Z" },
            relationships = new
            {
                reporter = new { data = new { type = "reporters", id = "7896" } },
                category = new { data = (object?)null },
            },
        },
        included = new object[] { new { type = "reporters", id = "7896", attributes = new { email = "ann@globex.com", reports_count = 12 } } },
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
        var matched = Run(CofenseUncategorised("messages-noreply@social-network.example", "You appeared in 9 searches this week", 3, 80));
        Assert.DoesNotContain(matched.Assessment!.Evidence, e => e.Key == "user_reported_no_threat");
        Assert.NotEqual(Classification.Benign, matched.Assessment.Classification);
        var lookalike = Run(CofenseUncategorised("it-helpdesk@g1obex.com", "Re-enrol your MFA by Friday", 0, 0));
        Assert.True(lookalike.Assessment!.Classification != Classification.Benign, Keys(lookalike.Assessment));
    }
}
