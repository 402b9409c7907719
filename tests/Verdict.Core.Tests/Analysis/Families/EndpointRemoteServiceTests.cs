using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A service binary kept in the Windows folder itself, started by the service control manager (what PsExec clones,
/// Impacket's psexec/smbexec and Metasploit leave), read from a Sentinel SecurityAlert's Entities (a process whose
/// ParentProcess carries only a command line, its image a $ref to a file entity) and from Graph alerts_v2 evidence[]
/// (tests/data/families/endpoint-remote-service.jsonl, hand-written for a fictional company). A listed service
/// account's name does not close it; Windows' own services in System32 and PsExec's PSEXESVC do not get the reason.
/// </summary>
public sealed class EndpointRemoteServiceTests(ITestOutputHelper output)
{
    private static IReadOnlyList<Verdict.Pipeline.AlertOutcome> Outcomes(params string[] ids)
    {
        var fixtures = FamilyFixtures.Load("endpoint-remote-service").Where(f => ids.Length == 0 || ids.Contains(f.Id)).ToList();
        return FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
    }

    [Fact]
    public void Each_case_is_decided_as_labeled()
    {
        var fixtures = FamilyFixtures.Load("endpoint-remote-service");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, new Dictionary<string, string> { ["rsv-a01"] = "service_in_windows_root", ["rsv-a02"] = "service_in_windows_root", ["rsv-a03"] = "service_in_windows_root" }));
    }

    [Fact]
    public void A_sentinel_process_entity_gives_its_own_command_and_image_and_its_parent_is_the_parent()
    {
        var alert = Outcomes("rsv-a01")[0].Alert!;
        Assert.Equal(@"C:\Windows\kqvmzt.exe", alert.CommandLine);
        Assert.Equal(@"C:\Windows\kqvmzt.exe", alert.Process);
        Assert.Equal(@"C:\Windows\system32\services.exe", alert.ParentProcess);
        // A grandparent nested in the parent is not the parent.
        Assert.Equal(@"C:\Windows\system32\services.exe", Outcomes("rsv-a03")[0].Alert!.ParentProcess);
    }

    [Theory]
    [InlineData("rsv-b01")] // Windows' own service in System32
    [InlineData("rsv-b02")] // PsExec's own service, judged as an admin tool
    public void A_system32_service_or_psexesvc_does_not_get_the_reason(string id)
    {
        var outcome = Outcomes(id)[0];
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == "service_in_windows_root");
    }

    [Fact]
    public void A_listed_service_account_does_not_close_a_random_named_service_in_the_windows_folder()
    {
        var outcome = Outcomes("rsv-a01")[0];
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == "service_account");
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    [Fact]
    public void A_trend_vision_one_src_indicator_is_the_source_address()
    {
        var trend = new
        {
            schemaVersion = "1.12", id = "WB-9-20261120-1", status = "Open", investigationResult = "No Findings", model = "Remote Service Creation", severity = "medium",
            score = 45, createdDateTime = "2026-11-20T10:03:40Z", description = "A service was created on a remote host.",
            workbenchLink = "https://portal.xdr.trendmicro.com/#/workbench/alerts/WB-9",
            impactScope = new { entities = new object[] { new { entityType = "host", entityValue = new { guid = "g9", name = "GX-SRV-APP07", ips = new[] { "10.10.20.7" } } } } },
            indicators = new object[]
            {
                new { id = 1, type = "ip", field = "src", value = "10.50.0.10" },
                new { id = 2, type = "command_line", field = "objectCmd", value = @"C:\Windows\TEMP\agent_svc.exe" },
            },
        };
        var alert = FamilyFixtures.Triage([new FamilyFixture("t9", System.Text.Json.JsonSerializer.Serialize(trend), false, "")], FamilyFixtures.Context("endpoint-transfer-context.yaml"))[0].Alert!;
        Assert.Equal("10.50.0.10", alert.SourceIp);
    }
}
