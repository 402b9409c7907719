using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// EDR and detection products read by their documented export shapes (tests/data/families/edr-products.jsonl): Cisco Secure
/// Endpoint (AMP) events API, Microsoft Defender for Cloud Apps alerts API, Vectra detections, Tanium Threat Response alerts
/// (Connect export) and Bitdefender GravityZone push events. Each benign case closes for the named reason read from the
/// product's own fields; each attack in the same clothes stays open.
/// </summary>
public sealed class EdrProductTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["ep-b01"] = "blocked_unwanted", ["ep-b03"] = "scanner", ["ep-b04"] = "deployment_tool", ["ep-b05"] = "av_test_file", ["ep-b06"] = "blocked_unwanted",
    };

    private static (List<FamilyFixture> Fixtures, Dictionary<string, AlertOutcome> ById) Run()
    {
        var fixtures = FamilyFixtures.Load("edr-products");
        var outcomes = FamilyFixtures.Triage(fixtures);
        return (fixtures, FamilyFixtures.ById(fixtures, outcomes));
    }

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_in_its_clothes_stays_open()
    {
        var fixtures = FamilyFixtures.Load("edr-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures), output, Reason, idsRead: false));
    }

    [Fact]
    public void Each_product_gives_its_process_command_line_user_address_severity_and_action_from_its_own_fields()
    {
        var (_, byId) = Run();
        var cisco = byId["ep-a01"].Alert!;
        Assert.Equal(("gx-ws-0518.globex.example", "l.moreau", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"), (cisco.Host, cisco.User, cisco.Process));
        Assert.StartsWith("powershell.exe -nop -w hidden", cisco.CommandLine);
        Assert.Equal("WINWORD.EXE", cisco.Field(CanonicalField.ParentProcess));

        var cloudApps = byId["ep-a03"].Alert!;
        Assert.Equal(("Suspicious inbox forwarding", "c.ibarra", "185.220.101.34", Severity.High), (cloudApps.Rule, cloudApps.User, cloudApps.SourceIp, cloudApps.DetectorSeverity));
        Assert.Equal(Severity.Low, SeverityScale.Read("severityValue", "0"));
        Assert.Equal(Severity.Info, SeverityScale.Read("severityValue", "3"));

        var tanium = byId["ep-a05"].Alert!;
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 3, 14, 9, TimeSpan.Zero), tanium.Time);
        Assert.Equal(("Credential Dumping - LSASS Access", "p.singh", @"C:\Users\p.singh\AppData\Local\Temp\pd64.exe"), (tanium.Rule, tanium.User, tanium.Process));
        Assert.Contains("-ma lsass.exe", tanium.CommandLine);
        Assert.Equal(@"C:\Windows\CCM\CcmExec.exe", byId["ep-b04"].Alert!.Field(CanonicalField.ParentProcess));

        var gravityZone = byId["ep-b06"].Alert!;
        Assert.Equal(("Adware.GenericKD.41872", "d.ito", "gx-ws-0342", "blocked"), (gravityZone.Rule, gravityZone.User, gravityZone.Host, gravityZone.Field(CanonicalField.Result)));
        Assert.Equal(@"C:\Users\d.ito\Downloads\VideoConverterSetup.exe", gravityZone.Process);
    }

    [Fact]
    public void GravityZone_ignored_is_no_stop_and_Cisco_quarantine_needs_its_own_event()
    {
        var (_, byId) = Run();
        Assert.Null(Verdict.Analysis.Families.Endpoint.EndpointOutcome.Prevented(byId["ep-a06"].Alert!)); // final_status "ignored"
        var quarantined = AlertBuilder.Make("c1", "k.nakamura", null, "W32.Auto:OpenCandy.PUA.23ko") with
        {
            Fields = [new("event_type", "Threat Quarantined"), new("connector_guid", "8a1f3c2e-7b4d-4e5f-9a01-1c2d3e4f5a09")],
        };
        Assert.NotNull(Verdict.Analysis.Families.Endpoint.EndpointOutcome.Prevented(quarantined));
        Assert.Null(Verdict.Analysis.Families.Endpoint.EndpointOutcome.Prevented(quarantined with { Fields = [new("event_type", "Threat Detected"), new("connector_guid", "8a1f3c2e")] }));
        Assert.Null(Verdict.Analysis.Families.Endpoint.EndpointOutcome.Prevented(quarantined with { Fields = [new("event_type", "Threat Quarantined")] }));
        // Tanium's match details that are not JSON stay as raw text, and the record is still read.
        var fields = new List<KeyValuePair<string, string>> { new("Match Details", "{not json"), new("Intel Name", "x") };
        EdrProductFields.Complete(fields);
        Assert.Equal(2, fields.Count);
    }
}
