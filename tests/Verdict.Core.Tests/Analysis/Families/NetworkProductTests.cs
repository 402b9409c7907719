using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// WAF, IDS and firewall threat logs in their own shapes (tests/data/families/network-products.jsonl: Azure Front Door
/// WAF, F5 ASM, Zeek notice.log, PAN-OS threat log, Snort 3 alert_json): each is read as a network alert, each benign
/// reason (the product's own verdict, a posture notice, internet background, the shared egress) closes its case, and the
/// attack that rides the same reason stays open.
/// </summary>
public sealed class NetworkProductTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context()
    {
        var loaded = ContextLoader.Load(TestData.Fixture("families/network-products-context.yaml"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    [Fact]
    public void Each_benign_reason_closes_its_case_and_the_attack_riding_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("network-products");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output));
    }

    [Theory]
    [InlineData("np-b01", "waf_below_threshold")]
    [InlineData("np-b02", "vendor_low_rating")]
    [InlineData("np-b03", "posture_notice")]
    [InlineData("np-b04", "internet_scan")]
    [InlineData("np-b05", "internet_guessing")]
    [InlineData("np-b06", "file_type_log")]
    [InlineData("np-b07", "blocked_probe")]
    [InlineData("np-b08", "shared_egress")]
    [InlineData("np-b09", "business_app_query")]
    [InlineData("np-b10", "automation_load_test")]
    [InlineData("np-b11", "file_type_log")]
    public void A_closed_case_says_why(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("network-products").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Benign);
    }

    [Theory]
    [InlineData("np-a01", "sql_injection")]
    [InlineData("np-a02", "deserialization")]
    [InlineData("np-a03", "exploit_success")]
    [InlineData("np-a05", "internal_scan")]
    [InlineData("np-a15", "internal_scan")]
    [InlineData("np-a06", "large_outbound")]
    [InlineData("np-a07", "malware_signature")]
    [InlineData("np-a08", "jndi_injection")]
    [InlineData("np-a09", "malware_signature")]
    public void The_products_own_fields_are_read_for_the_attack(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("network-products").Where(f => f.Id == id).ToList();
        var outcome = FamilyFixtures.Triage(fixtures, Context())[0];
        Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(outcome.Alert!));
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == key && e.Supports == Leaning.Malicious);
    }
}
