using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Web and network alerts whose meaning is in how the product states it (tests/data/families/web-transfer.jsonl): a
/// Zeek notice with no connection uid (src/dst only) is still a network notice; a threat-intel match names a threat; a
/// blocked probe's product may be named by the control's rule rather than the path; "path traversal" is an exploit name;
/// a scanner detection is a scan; PAN-OS's block-url is a block; the sensor's capture-loss notice is about the sensor. Each benign reason closes its
/// case and the attack wearing the same clothes (internal source, not stopped, a listed bad address, a command-and-control category) stays open.
/// </summary>
public sealed class WebTransferTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context() => FamilyFixtures.Context("web-transfer-context.yaml");

    [Fact]
    public void Each_benign_reason_closes_its_case_and_the_attack_riding_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("web-transfer").Where(f => !f.Id.StartsWith("wt-n", StringComparison.Ordinal)).ToList();
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, new Dictionary<string, string>
        {
            ["wt-b01"] = "internet_guessing",
            ["wt-a01"] = "internal_guessing",
            ["wt-b02"] = "posture_notice",
            ["wt-a02"] = "threat_named",
            ["wt-a03"] = "threat_named",
            ["wt-b04"] = "blocked_probe",
            ["wt-b06"] = "blocked_product_exploit",
            ["wt-a06"] = "ids_attack_signature",
            ["wt-b07"] = "internet_scan",
            ["wt-a07"] = "internal_scan",
            ["wt-b08"] = "gateway_blocked",
            ["wt-a08"] = "blocked_callout",
            ["wt-b09"] = "internet_scan",
            ["wt-a10"] = "detector_severity", // no scanner credit: scanners never run Impacket
            ["wt-a11"] = "path_traversal", // a null byte truncating a file name is the inclusion trick; a bare one (wt-b11) is not
        }));
    }

    [Theory]
    [InlineData("wt-b01")]
    [InlineData("wt-b02")]
    [InlineData("wt-a02")]
    public void A_zeek_notice_without_a_connection_is_a_network_alert(string id)
    {
        var fixtures = FamilyFixtures.Load("web-transfer").Where(f => f.Id == id).ToList();
        Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(FamilyFixtures.Triage(fixtures, Context())[0].Alert!));
    }

    [Fact]
    public void A_url_in_the_firewalls_misc_field_is_not_the_products_threat_claim_but_its_threat_name_is()
    {
        var fixtures = FamilyFixtures.Load("web-transfer").Where(f => f.Id.StartsWith("wt-n", StringComparison.Ordinal)).ToList();
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        foreach (var o in outcomes) output.WriteLine($"{o.Alert!.Id} {o.Alert.Rule}: " + string.Join(" | ", o.Assessment!.Evidence.Select(e => e.Key)));
        Assert.DoesNotContain(outcomes[0].Assessment!.Evidence, e => e.Key == "threat_named");
        Assert.NotEqual(Classification.Benign, outcomes[1].Assessment!.Classification);
        Assert.Contains(outcomes[1].Assessment!.Evidence, e => e.Key == "rule_names_threat");
    }
}
