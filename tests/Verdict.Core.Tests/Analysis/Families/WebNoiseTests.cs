using Verdict.Analysis;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Why ordinary web traffic trips WAF rules (tests/data/families/web-noise.jsonl, in the vendors' own shapes: Cloudflare
/// firewall events, AWS WAF logs, ModSecurity audit JSON): each reason closes its benign case, and the attack that rides
/// the same reason stays open.
/// </summary>
public sealed class WebNoiseTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context()
    {
        var loaded = ContextLoader.Load(TestData.Fixture("families/web-noise-context.yaml"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    [Fact]
    public void Each_benign_reason_closes_its_case_and_the_attack_riding_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("web-noise");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output));
    }

    [Theory]
    [InlineData("wn-b01", "blocked_probe")]
    [InlineData("wn-b02", "blocked_probe")]
    [InlineData("wn-b09", "blocked_probe")]
    [InlineData("wn-b03", "protocol_rule")]
    [InlineData("wn-b04", "search_text")]
    [InlineData("wn-b05", "automation_source")]
    [InlineData("wn-b06", "verified_crawler")]
    [InlineData("wn-b07", "first_party_script")]
    [InlineData("wn-b10", "access_policy_block")]
    [InlineData("wn-b11", "access_policy_block")]
    [InlineData("wn-b12", "listed_source_blocked")]
    [InlineData("wn-b13", "protocol_rule")]
    [InlineData("wn-b14", "protocol_rule")]
    [InlineData("wn-b15", "nothing_served")]
    [InlineData("wn-b16", "nothing_served")]
    public void A_closed_case_says_why(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("web-noise").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Benign);
    }

    [Fact]
    public void A_scripted_upload_to_a_file_sharing_service_stays_open()
    {
        var fixtures = FamilyFixtures.Load("web-noise").Where(f => f.Id == "wn-a12").ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.Equal(Classification.Suspicious, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == "file_share_upload" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void F5_query_string_is_read_when_the_raw_request_line_is_cut_short()
    {
        var fixtures = FamilyFixtures.Load("web-noise").Where(f => f.Id == "wn-a25").ToList();
        var assessment = FamilyFixtures.Triage(fixtures, Context())[0].Assessment!;
        Assert.Contains(assessment.Evidence, e => e.Key == "sql_injection");
        Assert.DoesNotContain(assessment.Evidence, e => e.Key == "nothing_served");
    }

    [Fact]
    public void Cloudflare_firewall_events_are_read_path_query_agent_status_and_referer_included()
    {
        var fixtures = FamilyFixtures.Load("web-noise").Where(f => f.Id is "wn-a06" or "wn-a11").ToList();
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.Contains(outcomes[0].Assessment!.Evidence, e => e.Key == "sql_injection");
        Assert.Contains(outcomes[1].Assessment!.Evidence, e => e.Key == "jndi_injection" && e.Weight > 2);
    }
}
