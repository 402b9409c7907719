using Verdict.Alerts;
using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Endpoint readings and reasons meant to hold for any organisation (tests/data/families/endpoint-transfer.jsonl, hand-written
/// shapes: an antivirus console's syslog JSON, a Splunk notable carrying a Sysmon event, an EDR detection listing its users and
/// machines, a host firewall event), each benign case with the attack that wears its clothes: av_test_file (the detection read
/// from threat_name, not the event class), logon_script, deployment_tool (Ansible over WinRM), developer_tool,
/// public_network_probe and installed_unwanted (a potentially unwanted application installed under Program Files); and a
/// service account uploading an archive to a file-sharing service (upload_to_file_share), which its being automation does not explain.
/// </summary>
public sealed class EndpointTransferTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reasons = new()
    {
        ["et-b01"] = "av_test_file",
        ["et-b02"] = "logon_script",
        ["et-b03"] = "deployment_tool",
        ["et-b04"] = "developer_tool",
        ["et-b05"] = "public_network_probe",
        ["et-b06"] = "installed_unwanted",
        ["et-b06b"] = "installed_unwanted",
    };

    [Fact]
    public void Each_benign_case_closes_for_its_reason_and_each_attack_wearing_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("endpoint-transfer");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, Reasons));
    }

    [Theory]
    [InlineData("et-a01", "rule_names_threat")] // the threat_name, not the event class, is the rule: ransomware is named
    [InlineData("et-a02", "download_and_execute")] // the logon script's fetch from the internet counts in full
    [InlineData("et-a04", "download_and_execute")] // the build agent's fetch from the internet counts in full
    [InlineData("et-a05", "internal_scan")] // a blocked sweep on the Domain profile is still a sweep from inside
    [InlineData("et-a07", "upload_to_file_share")] // a service account's curl -T to a file-sharing service is data leaving
    public void The_attack_keeps_the_evidence_that_holds_it_open(string id, string key)
    {
        var fixtures = FamilyFixtures.Load("endpoint-transfer").Where(f => f.Id == id).ToList();
        var outcome = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"))[0];
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == key && e.Supports == Leaning.Malicious);
        Assert.NotEqual(Classification.Benign, outcome.Assessment.Classification);
    }

    [Fact]
    public void The_users_and_machines_an_EDR_lists_are_read_and_a_flag_is_never_a_user()
    {
        var fixtures = FamilyFixtures.Load("endpoint-transfer").Where(f => f.Id is "et-b03" or "et-b02" or "et-b01").ToList();
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context("endpoint-transfer-context.yaml"));
        var edr = outcomes.Single(o => o.Alert!.Id == "et-b03").Alert!;
        Assert.Equal("svc-ansible", edr.User);
        Assert.Equal("gx-app-04", edr.Host, ignoreCase: true);
        Assert.Equal("Endpoint - PowerShell Execution Policy Bypass - Rule", outcomes.Single(o => o.Alert!.Id == "et-b02").Alert!.Rule);
        Assert.Equal("EICAR-Test-File", outcomes.Single(o => o.Alert!.Id == "et-b01").Alert!.Rule);
    }
}
