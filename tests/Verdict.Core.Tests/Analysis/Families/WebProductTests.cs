using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// WAF, firewall and NDR records in their products' own shapes (tests/data/families/web-products.jsonl: Akamai App &amp;
/// API Protector SIEM records with base64 rule fields, the Fastly Next-Gen WAF request feed, Check Point Log Exporter,
/// Darktrace model breaches, Vectra detections): they are read as network alerts, each benign reason closes its case
/// with its evidence, and the attack riding the same reason stays open.
/// </summary>
public sealed class WebProductTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context()
    {
        var loaded = ContextLoader.Load(TestData.Fixture("families/web-products-context.yaml"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    [Fact]
    public void Each_benign_reason_closes_its_case_and_the_attack_riding_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("web-products");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.All(outcomes, o => Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(o.Alert!)));
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output));
    }

    [Theory]
    [InlineData("wp-b01", "blocked_probe")]
    [InlineData("wp-b02", "blocked_probe")]
    [InlineData("wp-b03", "blocked_probe")]
    [InlineData("wp-b04", "business_app_query")]
    [InlineData("wp-b06", "policy_signature")]
    [InlineData("wp-b07", "blocked_product_exploit")]
    [InlineData("wp-b08", "security_dns_lookup")]
    [InlineData("wp-b09", "matched_text_ordinary")]
    public void A_closed_case_says_why(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("web-products").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Benign);
    }

    [Theory]
    [InlineData("wp-a01", "path_traversal")]
    [InlineData("wp-a02", "sql_injection")]
    [InlineData("wp-a03", "ssrf")]
    [InlineData("wp-a04", "sql_injection")]
    [InlineData("wp-a05", "malware_signature")]
    [InlineData("wp-a06", "detector_severity")]
    [InlineData("wp-a08", "malware_signature")]
    [InlineData("wp-a09", "path_traversal")]
    [InlineData("wp-a10", "sql_injection")]
    public void The_products_own_fields_are_read_for_the_attack(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("web-products").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.NotEqual(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void A_redacted_match_is_not_judged_ordinary()
    {
        var fixtures = FamilyFixtures.Load("web-products").Where(f => f.Id == "wp-a11").ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.NotEqual(Classification.Benign, assessment.Classification);
        Assert.DoesNotContain(assessment.Evidence, e => e.Key == "matched_text_ordinary");
    }

    [Fact]
    public void A_vectra_api_link_is_no_request_and_an_ndr_device_being_internal_is_not_a_point_for_it()
    {
        var fixtures = FamilyFixtures.Load("web-products").Where(f => f.Id is "wp-a06" or "wp-a07").ToList();
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.DoesNotContain(outcomes[0].Assessment!.Evidence, e => e.Key == "no_attack_payload");
        Assert.Equal("lab-pc-07", outcomes[0].Alert!.Host);
        Assert.DoesNotContain(outcomes[1].Assessment!.Evidence, e => e.Key == "internal_source" && e.Supports == Leaning.Benign);
        Assert.Equal("10.45.14.108", outcomes[1].Alert!.SourceIp);
    }

    [Fact]
    public void The_origin_header_of_a_developers_local_front_end_is_not_ssrf()
    {
        var fixtures = FamilyFixtures.Load("web-products").Where(f => f.Id == "wp-b05").ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.DoesNotContain(assessment.Evidence, e => e.Key == "ssrf");
        Assert.Equal(Classification.Benign, assessment.Classification);
    }
}
