using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Analysis.Families.Email;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Products whose record shapes were checked against real sample events (Elastic integrations' pipeline test logs for
/// AWS WAF, Cloudflare Logpush firewall events, Graph alerts_v2, Proofpoint TAP and Sublime; Datadog's Cofense Triage
/// log tests) and written with made-up values for a fictional company (tests/data/families/readings18b-products.jsonl):
/// AWS WAF logs with count-mode matches, Cloudflare firewall events from Logpush and from GraphQL, Defender for Office
/// 365 alerts with analyzedMessageEvidence, Proofpoint TAP messages and clicks, Cofense Triage reports and Sublime
/// message.flagged webhooks. Each product's rule, recipient and sender are read from its own fields; each benign record
/// closes for the reason its own action or verdict gives, and each attack stays open, those the WAF only counted included.
/// </summary>
public sealed class ReadingsRoundEighteenBTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["r18b-waf-b02"] = "scanner", ["r18b-cf-b03"] = "blocked_probe",
        ["r18b-mdo-b01"] = "blocked_before_delivery", ["r18b-mdo-b02"] = "bulk_mail",
        ["r18b-tap-b01"] = "blocked_before_delivery", ["r18b-tap-b02"] = "blocked_before_delivery",
        ["r18b-cof-b01"] = "user_reported_no_threat", ["r18b-cof-b02"] = "phishing_simulation",
        ["r18b-sub-b01"] = "blocked_before_delivery",
    };

    private static (List<FamilyFixture> Fixtures, IReadOnlyList<AlertOutcome> Outcomes) Run()
    {
        var fixtures = FamilyFixtures.Load("readings18b-products");
        return (fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()));
    }

    [Fact]
    public void Each_benign_record_closes_for_its_products_reason_and_each_attack_stays_open()
    {
        var (fixtures, outcomes) = Run();
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, Reason, idsRead: false));
    }

    [Fact]
    public void A_waf_rule_that_only_counted_names_the_alert_and_the_request_still_reached_the_application()
    {
        var (fixtures, outcomes) = Run();
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);
        // The default action let it through: the rule is what matched in count mode, not "Default_Action".
        Assert.Equal("AWS#AWSManagedRulesSQLiRuleSet#SQLi_QUERYARGUMENTS (count)", alerts["r18b-waf-a01"].Rule);
        Assert.Equal(("45.95.169.45", "ALLOW"), (alerts["r18b-waf-a01"].SourceIp, alerts["r18b-waf-a01"].Field(CanonicalField.Result)));
        Assert.Equal("AWS#AWSManagedRulesCommonRuleSet#SizeRestrictions_BODY (count)", alerts["r18b-waf-b01"].Rule);
        Assert.Equal("AWS#AWSManagedRulesCommonRuleSet#NoUserAgent_HEADER (count)", alerts["r18b-waf-b02"].Rule);
        Assert.Equal("globex-log4j-header-count (count)", alerts["r18b-waf-a02"].Rule);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 9, 15, 0, TimeSpan.Zero), alerts["r18b-waf-a01"].Time);
        // A terminating rule group names the rule inside it.
        Assert.Equal("AWS-AWSManagedRulesKnownBadInputsRuleSet#ExploitablePaths_URIPATH", alerts["r18b-waf-a03"].Rule);
        // The counted SQL injection is not taken for a blocked one.
        var counted = outcomes[fixtures.FindIndex(f => f.Id == "r18b-waf-a01")].Assessment!;
        Assert.DoesNotContain(counted.Evidence, e => e.Key is "attempt_failed" or "blocked_probe");
        Assert.Equal(Classification.Malicious, counted.Classification);
    }

    [Fact]
    public void A_cloudflare_event_without_a_description_is_named_by_its_security_feature()
    {
        var (fixtures, outcomes) = Run();
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);
        Assert.Equal("Cloudflare securitylevel", alerts["r18b-cf-b01"].Rule);
        Assert.Equal(("73.162.40.140", "managed_challenge", "8e1f0a2b3c4d5e01"), (alerts["r18b-cf-b01"].SourceIp, alerts["r18b-cf-b01"].Field(CanonicalField.Result), alerts["r18b-cf-b01"].Id));
        Assert.Equal("/products/chairs?color=black", alerts["r18b-cf-b01"].Field(CanonicalField.Url));
        // GraphQL's own names for the method and the country.
        Assert.Equal(("GET", "US"), (alerts["r18b-cf-b01"].Field(CanonicalField.HttpMethod), alerts["r18b-cf-b01"].Field(CanonicalField.Country)));
        // A description, when the event has one, stays the rule.
        Assert.Equal("Command Injection - Common Attack Commands", alerts["r18b-cf-a01"].Rule);
        Assert.Equal("log", alerts["r18b-cf-a01"].Field(CanonicalField.Result));
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 11, 20, 41, TimeSpan.Zero), alerts["r18b-cf-a01"].Time);
    }

    [Fact]
    public void Each_mail_product_names_the_recipient_sender_and_subject()
    {
        var (fixtures, outcomes) = Run();
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);
        // Graph alerts_v2: the analyzed message's recipient, header sender, subject and sending server.
        var mdo = alerts["r18b-mdo-b01"];
        Assert.Equal(("marge.b", "notice@parcel-notice.example", "Your parcel is waiting", "203.0.113.150"), (mdo.User, EmailFields.From(mdo), EmailFields.Subject(mdo), mdo.SourceIp));
        Assert.Equal("moe.s", alerts["r18b-mdo-a02"].User);
        // Proofpoint TAP: the first recipient of a message, the recipient of a click.
        Assert.Equal(("smithers.w", "lisa.s", "milhouse.v"), (alerts["r18b-tap-b01"].User, alerts["r18b-tap-a01"].User, alerts["r18b-tap-a02"].User));
        // Cofense Triage: the reporter received the message.
        Assert.Equal(("terri.m", "docs@esign-portal.example"), (alerts["r18b-cof-a02"].User, EmailFields.From(alerts["r18b-cof-a02"])));
        // Sublime: the message object's id, mailbox, sender and subject.
        var sublime = alerts["r18b-sub-a01"];
        Assert.Equal(("089b2e97-0000-4000-8000-0000000000a1", "edna.k", "security@microsoft-alerts.example", "Unusual sign-in activity"),
            (sublime.Id, sublime.User, EmailFields.From(sublime), EmailFields.Subject(sublime)));
    }

    [Fact]
    public void A_graph_message_delivered_to_the_inbox_is_no_stop()
    {
        var (fixtures, outcomes) = Run();
        foreach (var id in new[] { "r18b-mdo-a01", "r18b-mdo-a02" })
        {
            var alert = outcomes[fixtures.FindIndex(f => f.Id == id)].Alert!;
            var assessment = outcomes[fixtures.FindIndex(f => f.Id == id)].Assessment!;
            Assert.Null(alert.Raw("finalaction"));
            Assert.DoesNotContain(assessment.Evidence, e => e.Key == "blocked_before_delivery");
        }
    }
}
