using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Network and cloud products' records in the shapes Elastic's integration test logs show (tests/data/families/
/// verify18w-products.jsonl, made-up values): FortiGate UTM syslog (<c>key=value</c>) and PAN-OS THREAT syslog (CSV)
/// as a collector forwards them in its <c>message</c> field, and GuardDuty findings as the API returns them. Each
/// product's rule, level, source address, user and own action are read; each benign case closes for the reason those
/// readings give, and each attack stays open.
/// </summary>
public sealed class VerifyNetworkCloudTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["v18w-fg-b1"] = "nothing_served", ["v18w-fg-b2"] = "blocked_probe", ["v18w-pa-b1"] = "nothing_served", ["v18w-pa-b2"] = "blocked_probe",
        ["v18w-gd-b1"] = "public_web_port_probe",
    };

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("verify18w-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()), output, Reason, idsRead: false));
    }

    [Fact]
    public void Each_product_names_its_rule_level_source_user_and_action()
    {
        var fixtures = FamilyFixtures.Load("verify18w-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);
        foreach (var (id, a) in alerts)
            output.WriteLine($"{id}: rule={a.Rule} sev={a.DetectorSeverity} src={a.SourceIp} user={a.User} host={a.Host} time={a.Time:O} result={a.Field(CanonicalField.Result)}");

        // FortiGate IPS: attack is the rule, severity the attack's rating, action what the firewall did.
        var ips = alerts["v18w-fg-a1"];
        Assert.Equal(("Apache.Log4j.Error.Log.Remote.Code.Execution", "91.92.240.18", Severity.Critical), (ips.Rule, ips.SourceIp, ips.DetectorSeverity));
        Assert.Equal("detected", ips.Raw("action"));
        Assert.Equal("dropped", alerts["v18w-fg-b2"].Raw("action"));
        // FortiGate webfilter: the user, the client address and the category the policy denied.
        var web = alerts["v18w-fg-b1"];
        Assert.Equal(("URL belongs to a denied category in policy", "k.yamada", "10.40.2.31", "Gambling", "blocked"), (web.Rule, web.User, web.SourceIp, web.Raw("catdesc"), web.Raw("action")));
        // PAN-OS THREAT CSV: threatid is the rule (not the security policy), srcuser the user, action the firewall's.
        var c2 = alerts["v18w-pa-a1"];
        Assert.StartsWith("Cobalt Strike Beacon Command and Control Traffic Detection", c2.Rule);
        Assert.Equal(("10.40.2.57", "alert", "spyware", Severity.Critical), (c2.SourceIp, c2.Raw("action"), c2.Raw("subtype"), c2.DetectorSeverity));
        Assert.Contains("t.ng", c2.User);
        // A URL log's placeholder threat id "(9999)" reads as its category.
        Assert.Equal(("gambling", "block-url", "gambling"), (alerts["v18w-pa-b1"].Rule, alerts["v18w-pa-b1"].Raw("action"), alerts["v18w-pa-b1"].Raw("category")));
        Assert.Equal(("45.148.10.63", "reset-both"), (alerts["v18w-pa-b2"].SourceIp, alerts["v18w-pa-b2"].Raw("action")));
        // GuardDuty: type is the rule, severity on its 1-8.9 scale, the caller's address from service.action.
        var creds = alerts["v18w-gd-a1"];
        Assert.Equal(("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "91.92.242.9", "nw-web-instance-role"), (creds.Rule, creds.SourceIp, creds.User));
        Assert.Equal((Severity.High, Severity.Low, Severity.Medium), (creds.DetectorSeverity, alerts["v18w-gd-b1"].DetectorSeverity, alerts["v18w-gd-a2"].DetectorSeverity));
    }

    [Fact]
    public void A_text_that_merely_mentions_logid_or_THREAT_is_not_read_as_a_firewall_line()
    {
        var fields = new List<KeyValuePair<string, string>> { new("message", "the ticket says logid and type were missing; THREAT, reviewed,") };
        SyslogLineFields.Complete(fields);
        Assert.Single(fields);
    }
}
