using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Endpoint reasons for admin tools, deployment, backup and build noise meant to hold for any organisation
/// (tests/data/families/endpoint-service-work.jsonl, hand-written Defender XDR alerts_v2, CrowdStrike Falcon, Elastic Defend
/// and Jamf Protect shapes), each benign case with the attacks that wear its clothes: blocked_unwanted for Defender's
/// "'X' unwanted software was prevented" and an adware family a product says it removed, unattended_bulk_work (the service manager, the task scheduler or the backup product's own service starting it), backup_agent,
/// a backup agent's VSS snapshot (backup_agent), build_output_low_confidence (a build tool or a person at a console), and official_download for a monitoring agent's documented install host.
/// </summary>
public sealed class EndpointServiceWorkTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["sw-b01"] = "blocked_unwanted",
        ["sw-b02"] = "blocked_unwanted",
        ["sw-b03"] = "unattended_bulk_work",
        ["sw-b04"] = "unattended_bulk_work",
        ["sw-b05"] = "backup_agent",
        ["sw-b06"] = "build_output_low_confidence",
        ["sw-b07"] = "official_download",
        ["sw-b08"] = "backup_agent",
        ["sw-b09"] = "build_output_low_confidence",
        ["sw-b10"] = "unattended_bulk_work",
        ["sw-b11"] = "backup_agent",
    };

    [Fact]
    public void Each_benign_case_closes_for_its_reason_and_each_attack_wearing_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("endpoint-service-work");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, Reasons));
    }

    [Theory]
    [InlineData("sw-a01", "blocked_unwanted")] // detected, not prevented
    [InlineData("sw-a02", "blocked_unwanted")] // a miner filed under unwanted software
    [InlineData("sw-a03", "blocked_unwanted")] // a stealer named beside the adware
    [InlineData("sw-a03b", "blocked_unwanted")] // found, not removed
    [InlineData("sw-a04", "unattended_bulk_work")] // the program lives in ProgramData
    [InlineData("sw-a05", "unattended_bulk_work")] // started from a console
    [InlineData("sw-a06", "unattended_bulk_work")] // an ordinary user's account
    [InlineData("sw-a06b", "unattended_bulk_work")] // a password-protected archive
    [InlineData("sw-a07", "unattended_bulk_work")] // a ransomware family named
    [InlineData("sw-a08", "backup_agent")] // the agent's name on a binary in /tmp
    [InlineData("sw-a09", "backup_agent")] // run from an interactive shell
    [InlineData("sw-a10", "build_output_low_confidence")] // a download a user started
    [InlineData("sw-a11", "build_output_low_confidence")] // dotnet running a library, not building
    [InlineData("sw-a12", "build_output_low_confidence")] // the model is highly confident
    [InlineData("sw-a13", "official_download")] // a look-alike of the vendor's host
    [InlineData("sw-a14", "backup_agent")] // a snapshot taken at a console
    [InlineData("sw-a15", "backup_agent")] // a snapshot and a copy of NTDS out of it
    [InlineData("sw-a16", "build_output_low_confidence")] // started by a batch file, not typed
    [InlineData("sw-a18", "unattended_bulk_work")] // the backup service starting a program in a user-writable folder
    [InlineData("sw-a19", "unattended_bulk_work")] // the backup service's job under an ordinary user's account
    [InlineData("sw-a20", "backup_agent")] // the snapshot helper's name on a program in Public
    [InlineData("sw-a21", "backup_agent")] // the snapshot helper's name on a program in Windows' Temp
    public void The_attack_does_not_get_the_benign_reason(string id, string key)
    {
        var outcome = Triage(id);
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == key);
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    [Fact]
    public void What_an_intruder_deleted_is_not_what_the_product_removed()
    {
        var outcome = Triage("sw-a17");
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == "attempt_failed");
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    [Fact]
    public void A_highly_confident_machine_learning_verdict_is_the_products_malicious_rating()
    {
        var outcome = Triage("sw-a12");
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == "product_rates_malicious" && e.Strong);
    }

    [Fact]
    public void The_product_rating_of_blocked_unwanted_software_no_longer_holds_it_open()
    {
        var outcome = Triage("sw-b01");
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == "product_rates_malicious" && !e.Strong && e.Weight <= 0.5);
    }

    private static Verdict.Pipeline.AlertOutcome Triage(string id)
    {
        var fixtures = FamilyFixtures.Load("endpoint-service-work").Where(f => f.Id == id).ToList();
        Assert.Single(fixtures);
        return FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"))[0];
    }
}
