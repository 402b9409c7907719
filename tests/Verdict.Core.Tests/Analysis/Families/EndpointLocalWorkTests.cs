using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Endpoint readings and reasons meant to hold for any organisation (tests/data/families/endpoint-local.jsonl, hand-written
/// Elastic Defend, CrowdStrike Falcon and Defender XDR alerts_v2 shapes), each benign case with the attack that wears its
/// clothes: loopback_read, port_check, scheduled_backup, certificate_reload, blocked_unwanted (Falcon's "Prevention" disposition read),
/// CrowdStrike's folder-only FilePath completed by FileName (so admin_tool_by_admin and office_spawns_shell see the program),
/// own_share_script for a PowerShell -File script, a NETLOGON script's Run key to an installed program, and an installed
/// agent's module in its own ProgramData folder.
/// </summary>
public sealed class EndpointLocalWorkTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["el-b01"] = "loopback_read",
        ["el-b02"] = "port_check",
        ["el-b03"] = "scheduled_backup",
        ["el-b04"] = "blocked_unwanted",
        ["el-b05"] = "admin_tool_by_admin",
        ["el-b06"] = "own_share_script",
        ["el-b07"] = "logon_script",
        ["el-b08"] = "installed_parent",
        ["el-b09"] = "certificate_reload",
    };

    [Fact]
    public void Each_benign_case_closes_for_its_reason_and_each_attack_wearing_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("endpoint-local");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, Reasons));
    }

    [Theory]
    [InlineData("el-a01", "loopback_read")] // piped into a shell: the loopback address explains nothing
    [InlineData("el-a02", "port_check")] // a port range is a scan
    [InlineData("el-a02b", "port_check")] // an internet host is a way out
    [InlineData("el-a03", "scheduled_backup")] // a web server's account writing into the web root
    [InlineData("el-a03b", "scheduled_backup")] // piped to the network
    [InlineData("el-a03c", "scheduled_backup")] // another server's database
    [InlineData("el-a04", "blocked_unwanted")] // detected, not stopped
    [InlineData("el-a04b", "blocked_unwanted")] // a remote-access tool
    [InlineData("el-a06", "own_share_script")] // the document did not come from that server
    [InlineData("el-a09", "certificate_reload")] // the same reload under PHP is a web shell's
    [InlineData("el-a09b", "certificate_reload")] // a deploy hook that also fetches and runs
    public void The_attack_does_not_get_the_benign_reason(string id, string key)
    {
        var outcome = Triage(id);
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == key);
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    [Theory]
    [InlineData("el-a05", "office_spawns_shell")] // Falcon's FilePath is a folder: the program is in FileName
    [InlineData("el-a07", "persistence")] // a logon script pointing a Run key at AppData keeps its weight
    [InlineData("el-a08", "user_writable_path")] // a ProgramData folder that is not the parent's own
    public void The_attack_keeps_the_evidence_that_holds_it_open(string id, string key)
    {
        var outcome = Triage(id);
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == key && e.Supports == Leaning.Malicious && e.Weight >= 0.8);
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    private static Verdict.Pipeline.AlertOutcome Triage(string id)
    {
        var fixtures = FamilyFixtures.Load("endpoint-local").Where(f => f.Id == id).ToList();
        return FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"))[0];
    }
}
