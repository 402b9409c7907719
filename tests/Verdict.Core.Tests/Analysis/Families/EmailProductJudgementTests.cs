using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// How a mail product states its own decision, read by shape rather than by product: a final judgement on the whole
/// message (safe overrides the attack type it lists), an object of per-engine verdicts ("positive" meaning what the
/// engine looks for), a scan result that says clean, a final action that stopped the message, and a phish class the
/// product itself scores low. Each benign reading beside the attack that wears its clothes.
/// </summary>
public sealed class EmailProductJudgementTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static AlertOutcome Run(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("j0", JsonSerializer.Serialize(input), true, "")], Context())[0];

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Judged(string from, string judgement, string subject) => new
    {
        threatId = "5d1e0c2a-0a11-4c7e-9f00-2b7d11aa0001", receivedTime = "2026-11-18T14:00:00Z", fromAddress = from,
        toAddresses = new[] { "ops@globex.com" }, subject, attackType = "Credential Phishing", attackStrategy = "Brand Impersonation",
        attackVector = "Link", remediationStatus = "No Action Done", judgement,
    };

    [Fact]
    public void A_final_judgement_of_safe_overrides_the_attack_type_but_a_judgement_of_attack_does_not()
    {
        var safe = Run(Judged("no-reply@webinar-host.example", "safe", "Your webinar recording is ready"));
        Assert.Contains(safe.Assessment!.Evidence, e => e.Key == "verdict_reverted");
        Assert.DoesNotContain(safe.Assessment.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.Equal(Classification.Benign, safe.Assessment.Classification);
        // The same record judged an attack: the attack type stands and the judgement confirms it.
        var attack = Run(Judged("no-reply@webinar-host.example", "attack", "Your webinar recording is ready"));
        Assert.Contains(attack.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.True(attack.Assessment.Classification != Classification.Benign, Keys(attack.Assessment));
    }

    private static object Scanned(string from, string result, string subject, string action = "Delivered") => new
    {
        aCode = "x81kQe0aZ1", datetime = "2026-11-19T09:15:00Z", senderAddress = from, recipientAddress = "ops@globex.com", subject,
        route = "Inbound", senderIp = "203.0.113.77", action, definition = "Inbound protection", scanResults = result,
    };

    [Fact]
    public void A_clean_scan_result_closes_but_not_a_look_alike_sender_nor_a_malicious_one()
    {
        var clean = Run(Scanned("orders@bookshop.example", "Clean - links rewritten", "Your order has shipped"));
        Assert.Contains(clean.Assessment!.Evidence, e => e.Key == "vendor_clean");
        Assert.Equal(Classification.Benign, clean.Assessment.Classification);
        var sandbox = Run(Scanned("orders@bookshop.example", "Attachment Protect: sandbox clean", "Your order has shipped"));
        Assert.Contains(sandbox.Assessment!.Evidence, e => e.Key == "vendor_clean");
        // Clean by the scanner, but sent from a look-alike of the organisation asking for new bank details.
        var aimed = Run(Scanned("payroll@g1obex.com", "Clean - links rewritten", "Updated bank details for payroll"));
        Assert.True(aimed.Assessment!.Classification != Classification.Benign, Keys(aimed.Assessment));
        // "Unclean" wording is no clean verdict.
        var bad = Run(Scanned("orders@bookshop.example", "URL Protect: malicious URL", "Your order has shipped"));
        Assert.DoesNotContain(bad.Assessment!.Evidence, e => e.Key == "vendor_clean");
    }

    private static object Engines(string from, string amp, string outbreak, string finalAction, string spf) => new
    {
        mid = "7730001", timestamp = "2026-11-20T06:00:00Z", sender = from, recipients = new[] { "ap@globex.com" }, subject = "Statement 4471 attached",
        verdicts = new { spam = "positive", graymail = "negative", amp, outbreak }, final_action = finalAction, sender_ip = "192.0.2.61",
        spf, dmarc = spf, direction = "incoming",
    };

    [Fact]
    public void A_malicious_message_the_final_action_dropped_closes_but_not_one_delivered_nor_one_aimed_at_the_organisation()
    {
        var dropped = Run(Engines("statements@billing-notice-88.example", "malicious", "negative", "drop", "fail"));
        Assert.Contains(dropped.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.Equal(Classification.Benign, dropped.Assessment.Classification);
        // Delivered: the outbreak engine's "positive" is its threat verdict, and nothing stopped the message.
        var delivered = Run(Engines("statements@billing-notice-88.example", "clean", "positive", "deliver", "fail"));
        Assert.Contains(delivered.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict");
        Assert.DoesNotContain(delivered.Assessment.Evidence, e => e.Key is "blocked_before_delivery" or "vendor_clean");
        Assert.True(delivered.Assessment.Classification != Classification.Benign, Keys(delivered.Assessment));
        // Dropped, but from a look-alike of the organisation: aimed at it.
        var aimed = Run(Engines("statements@globex-billing.com", "malicious", "negative", "drop", "fail"));
        Assert.DoesNotContain(aimed.Assessment!.Evidence, e => e.Key == "blocked_before_delivery");
        Assert.True(aimed.Assessment.Classification != Classification.Benign, Keys(aimed.Assessment));
    }

    private static object Tap(int phishScore) => new
    {
        GUID = "9e1f00aa17", messageTime = "2026-11-18T09:00:00Z", sender = "alerts@parcel-desk.example", fromAddress = new[] { "alerts@parcel-desk.example" },
        recipient = new[] { "ops@globex.com" }, subject = "Delivery attempt failed", senderIP = "198.51.100.19", phishScore,
        quarantineFolder = (string?)null, eventType = "messagesDelivered",
        threatsInfoMap = new[] { new { classification = "phish", threat = "https://parcel-desk.example/signin", threatType = "url", threatStatus = "active" } },
    };

    [Fact]
    public void A_phish_class_the_product_scores_low_weighs_less_but_still_keeps_an_unknown_sender_open()
    {
        var high = Run(Tap(92));
        Assert.Contains(high.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict" && e.Weight == 1.5);
        var low = Run(Tap(25));
        Assert.Contains(low.Assessment!.Evidence, e => e.Key == "gateway_threat_verdict" && e.Weight == 0.75);
        // Delivered from an unknown sender with a sign-in link: a low score alone closes nothing.
        Assert.True(low.Assessment.Classification != Classification.Benign, Keys(low.Assessment));
    }
}
