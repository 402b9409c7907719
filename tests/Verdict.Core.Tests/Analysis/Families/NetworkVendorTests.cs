using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// WAF and IPS logs in their vendors' own shapes (tests/data/families/network-vendors.jsonl: Imperva CEF as Sentinel
/// CommonSecurityLog, FortiWeb, FortiGate IPS, Cisco FTD 430001, Google Cloud Armor request logs): the vendor's fields are
/// read (query string, cookie, body, action, rating), each benign reason closes its case with its evidence, and the attack
/// riding the same reason stays open.
/// </summary>
public sealed class NetworkVendorTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context()
    {
        var loaded = ContextLoader.Load(TestData.Fixture("families/network-vendors-context.yaml"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    [Fact]
    public void Each_benign_reason_closes_its_case_and_the_attack_riding_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("network-vendors");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output));
    }

    [Theory]
    [InlineData("nv-b01", "same_site_referer")]
    [InlineData("nv-b02", "vendor_good_bot")]
    [InlineData("nv-b03", "blocked_probe")]
    [InlineData("nv-b05", "blocked_product_exploit")]
    [InlineData("nv-b06", "local_discovery")]
    [InlineData("nv-b08", "blocked_probe")]
    [InlineData("nv-b09", "automation_scan")]
    [InlineData("nv-b10", "test_site")]
    [InlineData("nv-b11", "blocked_probe")] // a raw CEF line in a syslog collector's message: act=REQ_BLOCKED is read
    [InlineData("nv-b12", "blocked_probe")] // CommonSecurityLog: the rule is the Message, DeviceAction "dropped" the action
    [InlineData("nv-b13", "internet_scan")] // "anomaly: tcp_port_scan" is a scan notice
    public void A_closed_case_says_why(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("network-vendors").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Benign);
    }

    [Theory]
    [InlineData("nv-a01", "sql_injection")]
    [InlineData("nv-a02", "path_traversal")]
    [InlineData("nv-a03", "credential_stuffing")]
    [InlineData("nv-a04", "dot_segment_path")]
    [InlineData("nv-a05", "path_traversal")]
    [InlineData("nv-a06", "ids_attack_signature")]
    [InlineData("nv-a07", "ids_attack_signature")]
    [InlineData("nv-a08", "dns_tunnel")]
    [InlineData("nv-a09", "cloud_storage_sync")]
    [InlineData("nv-a19", "cloud_storage_sync")] // ET POLICY names MEGA; the TLS server name is its storage
    [InlineData("nv-a10", "anonymizer")]
    [InlineData("nv-a11", "path_traversal")]
    [InlineData("nv-a12", "flagged_request_failed")]
    [InlineData("nv-a13", "attack_tool")]
    [InlineData("nv-a14", "xss")]
    [InlineData("nv-a15", "sql_injection")] // the raw CEF line's labelled cs9 (Cookie) is read as the request's cookie
    [InlineData("nv-a18", "internal_scan")]
    public void The_vendors_own_fields_are_read_for_the_attack(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("network-vendors").Where(f => f.Id == id).ToList();
        var outcome = FamilyFixtures.Triage(fixtures, Context())[0];
        Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(outcome.Alert!));
        Assert.NotEqual(Classification.Benign, outcome.Assessment!.Classification);
        Assert.Contains(outcome.Assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void Vendor_placeholders_are_no_user_and_the_ips_rating_is_the_attacks_not_the_logs()
    {
        var fixtures = FamilyFixtures.Load("network-vendors").Where(f => f.Id is "nv-a05" or "nv-b07").ToList();
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        var fortiweb = outcomes[0].Assessment!;
        Assert.DoesNotContain(fortiweb.Evidence, e => e.Key == "authenticated_session");
        var fortigate = outcomes[1].Assessment!;
        Assert.Contains(fortigate.Evidence, e => e.Key == "detector_severity" && e.Supports == Leaning.Benign);
    }

    [Fact]
    public void A_cef_extension_value_runs_to_the_next_key_and_a_labelled_value_is_read_by_its_label()
    {
        var ext = Verdict.Analysis.Families.Network.NetworkVendors.Extensions(
            "Customer=Globex Inc qstr=acct=1' OR '1'='1 cookie=a=1; session=xyz cs9=SQL Injection cs9Label=Rule name");
        Assert.Equal("Globex Inc", ext["Customer"]);
        Assert.Equal("acct=1' OR '1'='1", ext["qstr"]);
        Assert.Equal("a=1; session=xyz", ext["cookie"]);
        Assert.Equal("SQL Injection", ext["Rule name"]);
    }
}
