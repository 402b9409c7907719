using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Analysis.Families.Email;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Mail products whose record shapes were checked against real sample events (Elastic integrations' pipeline test logs)
/// and written with made-up values for a fictional company (tests/data/families/email17-products.jsonl): Defender XDR
/// advanced-hunting e-mail rows as Sentinel stores them and as the streaming API nests them, FortiMail history, spam and
/// virus logs, Proofpoint on Demand message logs and IRONSCALES incidents. Each product's rule, time, recipient, sending
/// address and sender are read from its own fields; each benign record closes for the reason its own action or verdict
/// gives, and each attack stays open, those wearing a benign record's clothes (a discarded message carrying a
/// filter-evading file, a blocked phish later released to the inbox) included.
/// </summary>
public sealed class EmailRealSampleTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["e17-md-b01"] = "blocked_before_delivery", ["e17-md-b02"] = "blocked_before_delivery", ["e17-md-b03"] = "blocked_before_delivery",
        ["e17-fm-b01"] = "bulk_mail", ["e17-fm-b02"] = "blocked_before_delivery",
        ["e17-pp-b01"] = "blocked_before_delivery", ["e17-pp-b02"] = "blocked_before_delivery",
        ["e17-is-b01"] = "user_reported_no_threat", ["e17-is-b02"] = "bulk_mail",
    };

    [Fact]
    public void Each_benign_record_closes_for_its_products_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("email17-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()), output, Reason, idsRead: false));
    }

    [Fact]
    public void Each_product_names_its_rule_time_recipient_sending_address_and_sender()
    {
        var fixtures = FamilyFixtures.Load("email17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);

        // Defender XDR: the table and what the row says happened, the event's Timestamp (not Sentinel's TimeGenerated),
        // the recipient's mailbox and the sending server; streamed rows read the same from under properties.
        Assert.Equal("EmailEvents: Malware, Blocked (Quarantine)", alerts["e17-md-b02"].Rule);
        Assert.Equal(("homer.s", "203.0.113.61"), (alerts["e17-md-b02"].User, alerts["e17-md-b02"].SourceIp));
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 10, 2, 55, TimeSpan.Zero), alerts["e17-md-b02"].Time);
        Assert.Equal("EmailPostDeliveryEvents: Phish ZAP, Moved to quarantine", alerts["e17-md-a02"].Rule);
        Assert.StartsWith("EmailAttachmentInfo: Malware (Trojan:Win32/AgentTesla)", alerts["e17-md-a04"].Rule);
        Assert.Equal(("EmailEvents: Spam, Junked (Junk folder)", "frink.j", "192.0.2.33"), (alerts["e17-md-b03"].Rule, alerts["e17-md-b03"].User, alerts["e17-md-b03"].SourceIp));
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 14, 2, 11, TimeSpan.Zero), alerts["e17-md-b03"].Time);
        // FortiMail: the classifier and disposition (not the log type), the header From.
        Assert.Equal(("FortiMail: AntiVirus (Reject)", "203.0.113.222"), (alerts["e17-fm-b02"].Rule, alerts["e17-fm-b02"].SourceIp));
        Assert.Equal("FortiMail: FortiGuard Phishing (Accept)", alerts["e17-fm-a01"].Rule);
        Assert.Equal("payroll@globex-payroll.example", EmailFields.From(alerts["e17-fm-a01"]));
        Assert.StartsWith("FortiMail virus: The file Scan_0042.xlsm is infected", alerts["e17-fm-a02"].Rule);
        // Proofpoint on Demand: final module and rule with the disposition, the connecting address, the attachment's name.
        Assert.Equal(("Proofpoint on Demand: spam/phish (discard)", "203.0.113.14"), (alerts["e17-pp-b02"].Rule, alerts["e17-pp-b02"].SourceIp));
        Assert.Equal("Remittance_Nov.pdf.html", alerts["e17-pp-a03"].Raw("attachmentnames"));
        // IRONSCALES: the classification, not the incident type every incident shares; the recipient and the sending server.
        Assert.Equal(("IRONSCALES: Phishing (Attack)", "waylon.s", "203.0.113.177"), (alerts["e17-is-a01"].Rule, alerts["e17-is-a01"].User, alerts["e17-is-a01"].SourceIp));
    }

    [Fact]
    public void A_product_action_that_lets_the_message_through_is_no_stop()
    {
        var fixtures = FamilyFixtures.Load("email17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        foreach (var id in new[] { "e17-fm-a01", "e17-pp-a01", "e17-md-a05" })
        {
            var assessment = outcomes[fixtures.FindIndex(f => f.Id == id)].Assessment!;
            Assert.DoesNotContain(assessment.Evidence, e => e.Key == "blocked_before_delivery");
            Assert.NotEqual(Classification.Benign, assessment.Classification);
        }
    }
}
