using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A secure web gateway's records of users browsing out (tests/data/families/web-gateway.jsonl: a Splunk HEC envelope
/// around a proxy log, and a flat proxy record): a block of a page or download closes with the gateway's reason; an
/// allowed upload, a blocked callout, a DLP block and a blocked upload stay open, and a request to the organisation's own
/// site is read as a WAF request.
/// </summary>
public sealed class WebGatewayTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context()
    {
        var loaded = ContextLoader.Load(TestData.Fixture("families/web-gateway-context.yaml"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    [Fact]
    public void A_block_of_browsing_closes_and_what_the_device_or_user_sent_out_stays_open()
    {
        var fixtures = FamilyFixtures.Load("web-gateway");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.All(outcomes, o => Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(o.Alert!)));
        var reasons = fixtures.Where(f => !f.Attack).ToDictionary(f => f.Id, _ => "gateway_blocked");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, reasons));
    }

    [Theory]
    [InlineData("wg-a01", "outbound_browsing")]
    [InlineData("wg-a02", "blocked_callout")]
    [InlineData("wg-a03", "dlp_block")]
    [InlineData("wg-a04", "outbound_browsing")]
    [InlineData("wg-a05", "sql_injection")]
    public void The_attack_wearing_a_blocked_or_internal_request_says_why_it_stays_open(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("web-gateway").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.NotEqual(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key);
        Assert.DoesNotContain(assessment.Evidence, e => e.Key is "gateway_blocked" or "no_attack_payload" || (e.Key == "internal_source" && e.Supports == Leaning.Benign));
    }

    [Fact]
    public void A_splunk_hec_event_is_read_as_its_event_and_keeps_the_values_beside_it()
    {
        var fixtures = FamilyFixtures.Load("web-gateway").Where(f => f.Id == "wg-b01").ToList();
        var alert = FamilyFixtures.Triage(fixtures, Context())[0].Alert!;
        Assert.Equal("10.8.3.21", alert.SourceIp);
        Assert.Equal("p.gibbons", alert.User);
        Assert.Equal("zscalernss-web", alert.Raw("sourcetype"));
        Assert.Equal("lucky-spins.example.net/play", alert.Raw("url"));
    }
}
