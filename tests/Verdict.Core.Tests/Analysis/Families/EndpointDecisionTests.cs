using System.Text.Json;
using Verdict.Analysis;
using Verdict.Ingest;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// How an endpoint product states its own decision, read by field rather than by product wording
/// (tests/data/families/endpoint-decision.jsonl, hand-written Sentinel SecurityAlert, SentinelOne and Sophos Central shapes
/// for a fictional company): a decision field (mitigationStatus "mitigated") or a description that opens with the product's
/// action ("Blocked potentially unwanted application") lets blocked_unwanted close stopped unwanted software; snapshot_cleanup
/// closes a listed service account deleting one shadow copy by its id. Each with the attacks that wear its clothes.
/// </summary>
public sealed class EndpointDecisionTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["dec-b01"] = "snapshot_cleanup",
        ["dec-b02"] = "blocked_unwanted",
        ["dec-b03"] = "blocked_unwanted",
    };

    [Fact]
    public void Each_benign_case_closes_for_its_reason_and_each_attack_wearing_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("endpoint-decision");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, Reasons));
    }

    [Theory]
    [InlineData("dec-a01", "snapshot_cleanup")] // an account the context file does not list as a service
    [InlineData("dec-a02", "snapshot_cleanup")] // every shadow copy (/all)
    [InlineData("dec-a03", "snapshot_cleanup")] // a loop over ids
    [InlineData("dec-a04", "snapshot_cleanup")] // one snapshot and a download run
    [InlineData("dec-a05", "blocked_unwanted")] // a trojan quarantined is not unwanted software
    [InlineData("dec-a06", "blocked_unwanted")] // not mitigated
    [InlineData("dec-a07", "blocked_unwanted")] // a remote-access tool
    [InlineData("dec-a08", "blocked_unwanted")] // the product failed to block it
    public void The_attack_does_not_get_the_benign_reason(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("endpoint-decision").Where(f => f.Id == id).ToList();
        Assert.Single(fixtures);
        var outcome = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"))[0];
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == key);
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    [Fact]
    public void A_not_mitigated_status_is_not_the_product_stopping_it()
    {
        var fixtures = FamilyFixtures.Load("endpoint-decision").Where(f => f.Id == "dec-a06").ToList();
        var outcome = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"))[0];
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == "attempt_failed");
    }

    [Fact]
    public void Sentinel_ExtendedProperties_json_text_is_flattened_like_Entities()
    {
        using var doc = JsonDocument.Parse("""{"AlertName":"x","ExtendedProperties":"{\"File Name\":\"vssadmin.exe\",\"Detail\":{\"Count\":2}}","Description":"{not json"}""");
        var fields = JsonFlattener.Flatten(doc.RootElement);
        Assert.Contains(fields, f => f.Key == "ExtendedProperties.File Name" && f.Value == "vssadmin.exe");
        Assert.Contains(fields, f => f.Key == "ExtendedProperties.Detail.Count" && f.Value == "2");
        Assert.Contains(fields, f => f.Key == "Description" && f.Value == "{not json");
    }
}
