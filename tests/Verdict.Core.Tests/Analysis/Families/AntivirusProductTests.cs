using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Antivirus and EDR consoles read by their documented export shapes (tests/data/families/antivirus-products.jsonl): ESET
/// PROTECT / Inspect syslog JSON, Symantec Endpoint Security ICDm events, Trellix ePO threat events, Wazuh alerts and
/// Kaspersky Security Center CEF. Each benign case closes for the named reason read from the product's own fields; each
/// attack in the same clothes stays open.
/// </summary>
public sealed class AntivirusProductTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["pc-b01"] = "blocked_unwanted", ["pc-b03"] = "installed_program", ["pc-b10"] = "av_test_file", ["pc-b11"] = "blocked_unwanted",
        ["pc-b12"] = "scanner", ["pc-b14"] = "blocked_unwanted", ["pc-b20"] = "blocked_unwanted",
    };

    private static (List<FamilyFixture> Fixtures, Dictionary<string, AlertOutcome> ById) Run()
    {
        var fixtures = FamilyFixtures.Load("antivirus-products");
        var outcomes = FamilyFixtures.Triage(fixtures);
        // Products name their events by their own ids (or none): the fixture's id is its line's.
        return (fixtures, FamilyFixtures.ById(fixtures, outcomes));
    }

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_in_its_clothes_stays_open()
    {
        var fixtures = FamilyFixtures.Load("antivirus-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures), output, Reason, idsRead: false));
    }

    [Fact]
    public void ESET_events_are_timed_by_occured_and_read_their_firewall_far_end_and_HIPS_process_and_rule()
    {
        var (_, byId) = Run();
        var threat = byId["pc-b01"].Alert!;
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 9, 12, 44, TimeSpan.Zero), threat.Time); // not firstseen, 4 s earlier
        Assert.Equal("Win32/InstallCore.D potentially unwanted application", threat.Rule);
        Assert.Equal("Cleaned by deleting", threat.Field(Verdict.Ingest.CanonicalField.Result));
        // Whatever the order of the fields, the event's time is occured.
        var reordered = FamilyFixtures.Triage([new FamilyFixture("r", """
            {"event_type":"Threat_Event","firstseen":"02-Mar-2024 08:00:00","source_uuid":"u1","hostname":"gx-ws-0231","occured":"18-Nov-2026 09:12:44","threat_name":"Win32/InstallCore.D potentially unwanted application"}
            """, false, "")])[0].Alert!;
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 9, 12, 44, TimeSpan.Zero), reordered.Time);

        var firewall = byId["pc-a03"].Alert!;
        Assert.Equal(("SMB/Exploit.DoublePulsar.B", "10.20.9.140", "10.20.4.31", "445"),
            (firewall.Rule, firewall.SourceIp, firewall.Field(Verdict.Ingest.CanonicalField.DestinationIp), firewall.Field(Verdict.Ingest.CanonicalField.DestinationPort)));

        var hips = byId["pc-b03"].Alert!;
        Assert.Equal("Block startup registry changes", hips.Rule);
        Assert.Equal(@"C:\Program Files\Adobe\Acrobat DC\Acrobat\AdobeCollabSync.exe", hips.Process);
        Assert.Equal("LSASS memory dumped via comsvcs.dll [F0412]", byId["pc-a02"].Alert!.Rule);
    }

    [Fact]
    public void Symantec_Trellix_Wazuh_and_Kaspersky_give_their_rule_severity_time_user_and_host_on_their_own_scales()
    {
        var (_, byId) = Run();
        var eicar = byId["pc-b10"].Alert!;
        Assert.Equal(("EICAR Test String", Severity.Low, "gx-ws-0119"), (eicar.Rule, eicar.DetectorSeverity, eicar.Host));
        var hacktool = byId["pc-a10"].Alert!;
        Assert.Equal((Severity.High, @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"), (hacktool.DetectorSeverity, hacktool.Process));
        Assert.StartsWith("powershell.exe -nop", hacktool.CommandLine);

        var pup = byId["pc-b11"].Alert!;
        Assert.Equal(("PUP-FVQ", Severity.Medium, "gx-ws-0342", "d.ito"), (pup.Rule, pup.DetectorSeverity, pup.Host, pup.User));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795083662000), pup.Time); // detectedutc, not the API's receipt time
        Assert.Equal(Severity.Critical, byId["pc-a11"].Alert!.DetectorSeverity); // ThreatSeverity 2 on syslog's scale

        var scan = byId["pc-b12"].Alert!;
        Assert.Equal(("10.50.0.10", "oracle", Severity.Low, "gx-lnx-web03"), (scan.SourceIp, scan.User, scan.DetectorSeverity, scan.Host));
        Assert.Equal(Severity.Medium, byId["pc-a12"].Alert!.DetectorSeverity);
        Assert.Equal(Severity.High, byId["pc-a13"].Alert!.DetectorSeverity);

        var adware = byId["pc-b14"].Alert!;
        Assert.Equal(("not-a-virus:HEUR:AdWare.Win32.Agent.gen", "d.ito", "gx-ws-0342"), (adware.Rule, adware.User, adware.Host));
        Assert.Equal(@"C:\Users\d.ito\Downloads\VideoConverterSetup.exe", adware.Process);
        Assert.Equal("Blocked", adware.Field(Verdict.Ingest.CanonicalField.Result));
    }

    [Fact]
    public void ESET_retained_and_Kaspersky_not_a_virus_are_no_stop_and_no_threat_claim()
    {
        var retained = AlertBuilder.Make("r1", "r.patel", null, "Win32/InstallCore.D potentially unwanted application") with
        {
            Fields = [new("action_taken", "Retained"), new("threat_type", "Potentially unwanted application")],
        };
        Assert.Null(Verdict.Analysis.Families.Endpoint.EndpointOutcome.Prevented(retained));
        Assert.NotNull(Verdict.Analysis.Families.Endpoint.EndpointOutcome.Prevented(retained with { Fields = [new("action_taken", "Cleaned by deleting")] }));
        Assert.False(Verdict.Analysis.Families.CommonEvidence.ClaimsThreat("not-a-virus:HEUR:AdWare.Win32.Agent.gen"));
        Assert.True(Verdict.Analysis.Families.CommonEvidence.ClaimsThreat("HEUR:Virus.Win32.Sality.gen"));
    }

    [Fact]
    public void Sophos_Central_alerts_read_the_managed_agent_as_host_the_description_as_rule_and_the_file_in_it()
    {
        var (_, byId) = Run();
        var a = byId["pc-a20"].Alert!;
        Assert.Equal("gx-srv-file01", a.Host, ignoreCase: true); // managedAgent.name, not the tenant
        Assert.Equal("Malware detected: 'Troj/Ransom-GXV' at 'C:\\ProgramData\\svc\\update.exe'", a.Rule); // not the event class in type
        Assert.Equal(@"C:\ProgramData\svc\update.exe", a.Process);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 2, 13, 55, TimeSpan.Zero), a.Time);
        Assert.Equal(Severity.High, a.DetectorSeverity);
    }
}
