using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A sender the context file lists (trusted_senders) sends its own kind of mail: an e-signature request, an invoice from
/// a billing platform. Pressure in its subject is its routine when nothing else in the message is suspect; the same
/// subject from the same listed sender with replies going to free mail, a risky file, or from an unlisted sender stays open.
/// A product's "Not Remediated" is no removal from the inbox.
/// </summary>
public sealed class EmailTrustedRoutineTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["signflow.example", "ledgerly.example"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Delivered(string from, string subject, string[]? replyTo = null, string file = "text.html") => new
    {
        GUID = "7c1e0b3a9f", eventType = "messagesDelivered", messageTime = "2026-11-19T22:05:47Z", sender = from, fromAddress = new[] { from },
        headerFrom = $"\"Partner via SignFlow\" <{from}>", replyToAddress = replyTo ?? Array.Empty<string>(), recipient = new[] { "dana@globex.com" },
        subject, senderIP = "198.51.100.40", phishScore = 35, spamScore = 5, malwareScore = 0, impostorScore = 20,
        messageParts = new[] { new { filename = file, contentType = "text/html", disposition = "inline" } }, threatsInfoMap = Array.Empty<object>(),
    };

    [Fact]
    public void A_signature_request_from_a_listed_e_signature_service_closes()
    {
        var a = Assess(Delivered("envelopes@signflow.example", "Action required: please sign the campaign contract"));
        Assert.True(a.Classification == Classification.Benign, Keys(a));
        Assert.Contains(a.Evidence, e => e.Key == "pressure_subject" && e.Supports == Leaning.Context);
    }

    [Fact]
    public void The_same_request_from_a_listed_sender_with_replies_to_free_mail_stays_open()
    {
        var a = Assess(Delivered("envelopes@signflow.example", "Action required: please sign the campaign contract", ["contracts.desk@gmail.com"]));
        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "pressure_subject" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void The_same_request_from_an_unlisted_sender_keeps_its_pressure()
    {
        var a = Assess(Delivered("envelopes@contractsdesk.example", "Action required: please sign the campaign contract"));
        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "pressure_subject" && e.Supports == Leaning.Malicious);
    }

    private static object Abnormal(string status, string file = "INV-2231.pdf") => new
    {
        threatId = "3f0c5b7e-2a11",
        messages = new[]
        {
            new
            {
                attackType = "Invoice/Payment Fraud (BEC)", attackStrategy = "Unknown Sender", attackVector = "Attachment", remediationStatus = status,
                fromAddress = "billing@ledgerly.example", recipientAddress = "ap@globex.com", receivedTime = "2026-11-18T21:18:55Z",
                subject = "Invoice INV-2231 from a supplier", attachmentNames = new[] { file },
            },
        },
    };

    [Fact]
    public void An_invoice_from_a_listed_billing_platform_left_in_the_inbox_closes()
    {
        var a = Assess(Abnormal("Not Remediated"));
        Assert.True(a.Classification == Classification.Benign, Keys(a));
    }

    [Fact]
    public void The_same_invoice_pulled_from_the_mailbox_by_the_product_stays_open()
    {
        var a = Assess(Abnormal("Post-Remediated"));
        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "pressure_subject" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void The_same_invoice_with_a_macro_workbook_stays_open()
    {
        var a = Assess(Abnormal("Not Remediated", "INV-2231.xlsm"));
        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "pressure_subject" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void Not_remediated_is_not_read_as_removed_from_the_inbox()
    {
        Assert.DoesNotContain(Assess(Abnormal("Not Remediated")).Evidence, e => e.Key == "not_in_inbox");
        Assert.Contains(Assess(Abnormal("Auto-Remediated")).Evidence, e => e.Key == "not_in_inbox");
    }
}
