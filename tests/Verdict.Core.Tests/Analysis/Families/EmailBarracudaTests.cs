using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Barracuda Email Gateway Defense message-log records (hdr_from, env_from, subject, attachments[], recipients[] with
/// action / reason / reason_extra) read by their documented names: the gateway's reason explains the record (bulk, a
/// reputation-list block, rate control, a clean sandbox hold, the EICAR test file, a list's DMARC break), each beside the
/// attack that would ride it (intent analysis, a real virus, a look-alike sender, a spoof of the sender's own domain).
/// </summary>
public sealed class EmailBarracudaTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        TrustedSenders = new HashSet<string>(["instructure.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static AlertOutcome Run(string from, string action, string reason, string extra, string[]? attachments = null, string subject = "Hello") =>
        FamilyFixtures.Triage([new FamilyFixture("b0", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["account_id"] = "ESS1", ["timestamp"] = "2026-11-16T14:02:11+0000", ["message_id"] = "e97ebf7aaa-15fc5d-176892", ["src_ip"] = "198.51.100.9",
            ["env_from"] = from, ["hdr_from"] = from, ["hdr_to"] = "ann@globex.com", ["dst_domain"] = "globex.com", ["subject"] = subject,
            ["attachments"] = (attachments ?? []).Select(n => new { name = n }).ToArray(),
            ["recipients"] = new[] { new { email = "ann@globex.com", action, reason, reason_extra = extra, delivered = "not_delivered" } },
        }), true, "")], Context())[0];

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    [Fact]
    public void The_record_is_read_as_an_email_alert_named_by_the_gateways_action_and_reason()
    {
        var outcome = Run("\"Springer Webinars\" <webinars@email.springer.example>", "quarantined", "bulk", "Bulk Email Detection");
        Assert.Equal("Barracuda: quarantined (bulk: Bulk Email Detection)", outcome.Alert!.Rule);
        Assert.Equal(Classification.Benign, outcome.Assessment!.Classification);
        Assert.Contains(outcome.Assessment.Evidence, e => e.Key == "bulk_mail");
    }

    [Fact]
    public void Intent_analysis_is_the_gateways_threat_verdict_and_stays_open()
    {
        var bec = Run("\"Finance\" <cfo@globex-billing.com>", "quarantined", "intent", "Intent Analysis: payment fraud", subject: "Overdue invoice");
        Assert.NotEqual(Classification.Benign, bec.Assessment!.Classification);
        Assert.Contains(bec.Assessment.Evidence, e => e.Key == "gateway_threat_verdict");
    }

    [Fact]
    public void The_eicar_test_file_closes_but_a_real_virus_does_not()
    {
        var test = Run("\"Gateway test\" <test@mailtest.example.org>", "blocked", "virus", "Virus: EICAR-Test-File", ["eicar.com.txt"]);
        Assert.Equal(Classification.Benign, test.Assessment!.Classification);
        Assert.Contains(test.Assessment.Evidence, e => e.Key == "eicar_test");
        var both = Run("\"Gateway test\" <test@mailtest.example.org>", "blocked", "virus", "Virus: EICAR-Test-File, Trojan.Emotet", ["eicar.com.txt"]);
        Assert.DoesNotContain(both.Assessment!.Evidence, e => e.Key == "eicar_test");
        Assert.NotEqual(Classification.Benign, both.Assessment.Classification);
    }

    [Fact]
    public void A_reputation_block_closes_unless_the_sender_imitates_the_organisation()
    {
        var seo = Run("\"Growth\" <info@rankfast-seo.example>", "blocked", "rbl", "Barracuda Reputation");
        Assert.Equal(Classification.Benign, seo.Assessment!.Classification);
        Assert.Contains(seo.Assessment.Evidence, e => e.Key == "reputation_block");
        var lookalike = Run("\"Payroll\" <hr@globex-payroll.com>", "blocked", "rbl", "Barracuda Reputation");
        Assert.NotEqual(Classification.Benign, lookalike.Assessment!.Classification);
    }

    [Fact]
    public void Rate_control_and_a_clean_sandbox_hold_close_but_a_sandbox_finding_does_not()
    {
        Assert.Equal(Classification.Benign, Run("\"Canvas\" <notifications@instructure.com>", "deferred", "rate_control", "Rate Control").Assessment!.Classification);
        var held = Run("\"Quotes\" <quotes@labvendor.example>", "allowed", "atp", "ATP: clean", ["Quote_118734.xlsx"]);
        Assert.Equal(Classification.Benign, held.Assessment!.Classification);
        Assert.Contains(held.Assessment.Evidence, e => e.Key == "sandbox_released");
        var found = Run("\"Voicemail\" <vm@voicebox.example>", "allowed", "atp", "ATP: Suspicious PDF (phishing link) - verdict after delivery", ["VM_0042.pdf"]);
        Assert.True(found.Assessment!.Classification != Classification.Benign, Keys(found.Assessment));
        Assert.DoesNotContain(found.Assessment.Evidence, e => e.Key == "sandbox_released");
    }

    [Fact]
    public void A_dmarc_verdict_about_a_list_members_domain_is_no_spoof_of_the_sender_but_one_about_the_sender_is()
    {
        var list = Run("\"Prof. Moreau via Cardio-Net\" <cardio-net@googlegroups.com>", "deferred", "dmarc", "DMARC policy quarantine for inserm.fr");
        Assert.Contains(list.Assessment!.Evidence, e => e.Key == "dmarc_other_domain");
        Assert.DoesNotContain(list.Assessment.Evidence, e => e.Key == "auth_failed");
        Assert.Equal(Classification.Benign, list.Assessment.Classification);
        var spoof = Run("\"IT\" <it@globex.com>", "blocked", "dmarc", "DMARC policy reject for globex.com");
        Assert.Contains(spoof.Assessment!.Evidence, e => e.Key == "auth_failed");
        Assert.NotEqual(Classification.Benign, spoof.Assessment.Classification);
    }
}
