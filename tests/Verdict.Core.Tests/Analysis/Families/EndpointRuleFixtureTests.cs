using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// The endpoint rules of round 4, each with the benign case it closes and the attack that would ride it
/// (tests/data/families/endpoint-rules.jsonl: Carbon Black Cloud, Cortex XDR, Defender via Sentinel and Elastic shapes):
/// attempt_failed, device_blocked, device_alert_only, web_control_blocked, av_test_file, installer_registers, msi_custom_action, own_share_script,
/// own_bastion_forward, remote_access_tool.
/// </summary>
public sealed class EndpointRuleFixtureTests(ITestOutputHelper output)
{
    private static AlertOutcome Triage(string id, Func<string, string>? change = null)
    {
        var fixture = FamilyFixtures.Load("endpoint-rules").Single(f => f.Id == id);
        return FamilyFixtures.Triage([change is null ? fixture : fixture with { Input = change(fixture.Input) }])[0];
    }

    [Fact]
    public void Each_benign_case_closes_and_each_attack_riding_its_rule_stays_open()
    {
        var fixtures = FamilyFixtures.Load("endpoint-rules");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures), output));
    }

    [Theory]
    [InlineData("er-b01", "av_test_file")]
    [InlineData("er-b02", "device_blocked")]
    [InlineData("er-b03", "av_test_file")]
    [InlineData("er-b04", "installer_registers")]
    [InlineData("er-b05", "msi_custom_action")]
    [InlineData("er-b06", "own_share_script")]
    [InlineData("er-b07", "own_bastion_forward")]
    [InlineData("er-b10", "device_alert_only")]
    [InlineData("er-b11", "web_control_blocked")]
    public void A_closed_case_says_why(string id, string key)
    {
        var assessment = Triage(id).Assessment!;
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == key && e.Supports == Leaning.Benign);
    }

    [Theory]
    [InlineData("er-a02", "device_blocked")] // the device-control policy let the device through (sensor action ALLOW)
    [InlineData("er-a03", "av_test_file")] // the EICAR file beside another named threat
    [InlineData("er-a03b", "av_test_file")] // the EICAR string in a download cradle's payload
    [InlineData("er-a04", "installer_registers")] // an installed interpreter handed a one-line payload
    [InlineData("er-a04b", "installer_registers")] // "Program Files\.." climbing out to a writable folder
    [InlineData("er-a05", "msi_custom_action")] // an unsigned custom action
    [InlineData("er-a05b", "msi_custom_action")] // not the Installer service but a user's msiexec fetching a package
    [InlineData("er-a06", "own_share_script")] // the share's batch file handed an internet address
    [InlineData("er-a06b", "own_share_script")] // a workbook from Downloads, not from that share
    [InlineData("er-a07", "own_bastion_forward")] // -g: other hosts may use the forward
    [InlineData("er-a07b", "own_bastion_forward")] // a listener bound to every interface
    [InlineData("er-a07c", "own_bastion_forward")] // a remote forward back into this machine
    [InlineData("er-a10", "device_alert_only")] // malware named on the device the policy only records
    [InlineData("er-a10b", "device_alert_only")] // the product calls the device unauthorised
    [InlineData("er-a11", "web_control_blocked")] // the blocked request is the device calling a C2 host
    [InlineData("er-a11b", "web_control_blocked")] // allowed after a warning, not blocked
    public void The_attack_riding_a_rule_gets_none_of_its_benign_weight(string id, string key)
    {
        var assessment = Triage(id).Assessment!;
        Assert.NotEqual(Classification.Benign, assessment.Classification);
        Assert.DoesNotContain(assessment.Evidence, e => e.Key == key);
    }

    [Fact]
    public void A_prevented_attack_stays_open_at_a_lower_severity_and_prevention_is_never_benign_evidence()
    {
        var prevented = Triage("er-a01").Assessment!;
        var ran = Triage("er-a01", s => s.Replace("was prevented", "was detected", StringComparison.Ordinal)).Assessment!;

        Assert.NotEqual(Classification.Benign, prevented.Classification);
        Assert.Equal(ran.Classification, prevented.Classification);
        Assert.Contains(prevented.Evidence, e => e.Key == "attempt_failed" && e.Supports == Leaning.Context && e.Weight == 0);
        Assert.DoesNotContain(ran.Evidence, e => e.Key == "attempt_failed");
        Assert.Equal(ran.Severity.Raise(-1), prevented.Severity);
    }

    [Theory]
    [InlineData("er-a08")] // AnyDesk run from Downloads
    [InlineData("er-a08b")] // TeamViewer QuickSupport renamed "Invoice_Viewer.exe": its version information and signer still say so
    public void A_remote_access_tool_run_from_downloads_stays_open_whatever_it_is_called(string id)
    {
        var assessment = Triage(id).Assessment!;
        Assert.NotEqual(Classification.Benign, assessment.Classification);
        Assert.Contains(assessment.Evidence, e => e.Key == "remote_access_tool" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void The_remote_access_service_it_installed_under_program_files_closes()
    {
        var assessment = Triage("er-b08").Assessment!;
        Assert.Equal(Classification.Benign, assessment.Classification);
        Assert.DoesNotContain(assessment.Evidence, e => e.Key == "remote_access_tool");
    }
}
