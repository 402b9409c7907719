using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Network products in the raw shapes their real sample events have (Elastic integrations' pipeline test logs):
/// Zeek notice.log and weird.log, Suricata EVE alerts, Cisco FTD and ASA syslog and Check Point Log Exporter syslog as a
/// collector forwards them (the line in its <c>message</c>), Citrix NetScaler AppFW CEF and ModSecurity v3 audit JSON
/// (tests/data/families/network17-products.jsonl, fictional values). Each product's rule, addresses, user, severity and
/// own action are read from its own names, each benign case closes for the reason those readings give, and each attack stays open.
/// </summary>
public sealed class NetworkRealSampleTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["n17-zk-b1"] = "scanner", ["n17-su-b1"] = "scanner", ["n17-su-b2"] = "blocked_probe", ["n17-ftd-b1"] = "scanner",
        ["n17-cp-b1"] = "blocked_product_exploit", ["n17-ns-b1"] = "no_attack_payload", ["n17-ms-b1"] = "health_check",
    };

    // Read correctly but left open: an ASA access-list deny of an inbound probe and a Check Point Anti-Virus EICAR block
    // carry no benign reason the network analysis knows yet; they are asserted on their readings only.
    private static readonly HashSet<string> ReadOnly = ["n17-asa-b1", "n17-cp-b2"];

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("network17-products").Where(f => !ReadOnly.Contains(f.Id)).ToList();
        // ModSecurity's unique_id and Suricata's transaction are the products' own ids, not the fixture's.
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()), output, Reason, idsRead: false));
    }

    [Fact]
    public void Each_product_names_its_rule_addresses_user_and_action()
    {
        var fixtures = FamilyFixtures.Load("network17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);

        // Cisco FTD intrusion event (430001): "Key: Value" pairs; the Snort rule's Message, Priority 1 = high, InlineResult.
        var ftd = alerts["n17-ftd-a1"];
        Assert.Equal(("MALWARE-CNC Win.Trojan.Emotet outbound connection", "10.20.4.31", "185.225.17.40"), (ftd.Rule, ftd.SourceIp, ftd.Field(CanonicalField.DestinationIp)));
        Assert.Equal((Severity.High, "detected"), (ftd.DetectorSeverity, ftd.Field(CanonicalField.Result)));
        Assert.Equal("GLOBEX\\bob", ftd.Raw("User"));
        Assert.Null(alerts["n17-ftd-b1"].User); // "No Authentication Required" is FTD's placeholder, not a person
        Assert.Equal(Severity.Medium, alerts["n17-ftd-b1"].DetectorSeverity);
        // Cisco ASA prose messages: the message id and first clause, ASA's own address and user phrasings.
        var deny = alerts["n17-asa-b1"];
        Assert.Equal(("ASA-4-106023 Deny tcp", "193.42.33.14", "denied"), (deny.Rule, deny.SourceIp, deny.Field(CanonicalField.Result)));
        Assert.Null(deny.DetectorSeverity); // the syslog level is not the event's severity
        var aaa = alerts["n17-asa-a1"];
        Assert.Equal(("ASA-6-113005 AAA user authentication Rejected", "45.155.205.233", "it.admin"), (aaa.Rule, aaa.SourceIp, aaa.User));
        Assert.Equal("10.20.4.31", alerts["n17-asa-a2"].SourceIp);
        // Check Point Log Exporter syslog: protection_name, the Anti-Bot's user and machine, the blade's action.
        var bot = alerts["n17-cp-a1"];
        Assert.Equal(("Emotet.TC.a", "10.20.4.31", "bob", "ws-fin-014", "detected"), (bot.Rule, bot.SourceIp, bot.User, bot.Host, bot.Field(CanonicalField.Result)));
        Assert.Equal(("EICAR-Test-File", "blocked"), (alerts["n17-cp-b2"].Rule, alerts["n17-cp-b2"].Field(CanonicalField.Result)));
        // Zeek weird.log: the connection's originator and responder.
        var weird = alerts["n17-zk-b2"];
        Assert.Equal(("dns_unmatched_reply", "10.20.4.12", "10.20.0.53"), (weird.Rule, weird.SourceIp, weird.Field(CanonicalField.DestinationIp)));
        Assert.Equal("SSH::Password_Guessing", alerts["n17-zk-a1"].Rule);
        // Suricata EVE: alert.signature, alert.severity 1 = high, the product's own alert.action, http.hostname/url.
        var eve = alerts["n17-su-a1"];
        Assert.Equal(("ET MALWARE Cobalt Strike Beacon Observed", Severity.High, "allowed"), (eve.Rule, eve.DetectorSeverity, eve.Field(CanonicalField.Result)));
        Assert.Equal("/jquery-3.3.1.min.js", eve.Field(CanonicalField.Url));
        Assert.Equal(Severity.Medium, alerts["n17-su-b1"].DetectorSeverity);
        // NetScaler AppFW CEF and ModSecurity: the request and the product's action.
        Assert.Equal(("45.155.205.233", "blocked"), (alerts["n17-ns-a1"].SourceIp, alerts["n17-ns-a1"].Raw("act")));
        Assert.Equal("185.225.17.40", alerts["n17-ms-a1"].SourceIp);
    }

    [Fact]
    public void A_Cisco_line_without_a_Cisco_message_id_is_left_as_text()
    {
        var fields = new List<KeyValuePair<string, string>> { new("message", "Nov 18 10:22:41 fw01 : Deny tcp src outside:193.42.33.14/51000 dst inside:10.30.1.20/3389") };
        SyslogLineFields.Complete(fields);
        Assert.Single(fields);
    }
}
