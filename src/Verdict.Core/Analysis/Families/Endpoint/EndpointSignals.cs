using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Attack.Mapping;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// What surrounds the process: the parent's command line and a process chain, when the EDR records them, are read
/// with the same patterns as the command itself (a signed child of a hidden download cradle is no better than the
/// cradle); domain reconnaissance; a service created by a remote-execution tool; a remote-access tool installed
/// silently (the tech-support-scam and ransomware-operator pattern); a signed loader (rundll32, regsvr32) running a
/// module from a user-writable folder; a program other than the browser reading the browser's saved passwords or
/// cookies; a cloud-sync tool copying to a remote (the usual exfiltration tool); a command uploading a file to a
/// file-sharing or paste service (curl -T/-F @, Invoke-WebRequest -InFile, wget --post-file).
/// </summary>
public static partial class EndpointSignals
{
    private const string Src = "process event";

    /// <summary>The parent command line and process chain, when recorded, as one text.</summary>
    public static string Surroundings(Alert a) => string.Join("\n", new[]
    {
        ParentCommand(a),
        a.Raw("process.parent.chain", "processchain", "process_chain", "processtree", "process_tree", "ancestry"),
        a.Raw("pcmdline"), // Falco's proc.pcmdline
        a.Raw("childproc_cmdline"), // Carbon Black: the child a CB_ANALYTICS "invoked another application" alert is about
        a.Raw("grandparentcommandline", "process.parent.parent.command_line", "grandparentimagefilename", "grandparentfilename", "initiatingprocessparentfilename"),
    }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The parent process's command line, by the names EDR products give it.</summary>
    public static string? ParentCommand(Alert a) =>
        a.Raw("process.parent.command_line", "parentcommandline", "parent_command_line", "parentprocesscommandline", "initiatingprocesscommandline");

    public static void Add(FamilyCase c, List<Evidence> evidence, string text, string? image)
    {
        if (Discovery().Match(text) is { Success: true } recon)
            evidence.Add(new("domain_discovery", $"Domain or privilege reconnaissance ('{CommonEvidence.Clip(recon.Value, 60)}'): attackers map admins and trusts before moving on{(c.IsPrivileged ? $", though checking the domain is part of {c.Who}'s administrator job" : "")}",
                Leaning.Malicious, c.IsPrivileged || recon.Value.Contains("dsgetdc", StringComparison.Ordinal) ? 0.5 : 1.0, Src));
        if (LoaderModule().Match(text) is { Success: true } module)
            evidence.Add(new("user_writable_module", $"A signed Windows loader runs a module from a user-writable folder ('{CommonEvidence.Clip(module.Value, 80)}'): how droppers start their payload", Leaning.Malicious, 1.5, Src));
        if (BrowserSecrets().Match(text) is { Success: true } secrets && image is not null && !Browsers().IsMatch(image))
            evidence.Add(new("browser_credentials", $"{image} reads the browser's saved passwords or cookies ('{CommonEvidence.Clip(secrets.Value, 60)}'): what infostealers do", Leaning.Malicious, 2.5, Src));
        if (SyncToRemote().Match(text) is { Success: true } sync)
            evidence.Add(new("exfil_tool", $"A cloud-sync tool copies data to a remote ('{CommonEvidence.Clip(sync.Value, 60)}'): the usual way intruders take data out", Leaning.Malicious, 1.2, Src));
        if (FileUpload().Match(text) is { Success: true } upload && Network.WebSignals.FileShare().IsMatch(text))
            evidence.Add(new("upload_to_file_share", $"The command uploads a file to a file-sharing or paste service ('{CommonEvidence.Clip(upload.Value, 80)}'): how data leaves without a trace in mail", Leaning.Malicious, 2.0, Src, Strong: true));
        if (image is not null && RemoteExecService().IsMatch(image))
            evidence.Add(new("remote_execution", $"{image} is the service a remote-execution tool (PsExec or a clone) installs on its target: someone ran commands on this machine from another", Leaning.Malicious, c.IsPrivileged ? 0.4 : 1.0, Src));
        if (DumpTarget(c.Alert) is { } target && !evidence.Exists(e => e.Key == "credential_dumping"))
            evidence.Add(new("dump_not_lsass", $"The memory dump targets {target}, not LSASS: no credentials are in it", Leaning.Benign, 1.0, Src));
        if (Renamed(c.Alert, image) is { } original)
            evidence.Add(new("renamed_binary", $"{image} is really {original} (the original name in its version information): a dual-use tool renamed to pass as something else", Leaning.Malicious, 2.0, Src));
        var share = InternalShare().Match(text);
        if (RemoteAccessTool().IsMatch(text) && share.Success)
            evidence.Add(new("internal_package", $"The remote-access tool is installed from the organisation's software share ('{CommonEvidence.Clip(share.Value, 60)}'), as IT deploys it", Leaning.Benign, 1.0, "process event"));
        else if (RemoteAccessTool().IsMatch(text) && SilentInstall().IsMatch(text))
            evidence.Add(new("remote_access_tool", "A remote-access tool is installed silently or set to start with Windows: unattended access a scammer or intruder keeps", Leaning.Malicious, 1.2, Src));
        else if (image is not null && (RemoteAccessTool().IsMatch(image) || RemoteAccessTool().IsMatch(TrueName(c.Alert))) && FreshDownload().IsMatch(c.Alert.Process ?? ""))
            evidence.Add(new("remote_access_tool", $"A remote-access tool runs straight from a download folder ({CommonEvidence.Clip(c.Alert.Process!, 80)}): how support scammers and intruders get in, unless someone asked for it", Leaning.Malicious, 1.2, Src));
    }

    [GeneratedRegex(@"\bcurl(?:\.exe)?\b[^\n]{0,200}?(?:\s-t\s|\s--upload-file\s|\s-f\s+""?\w+=@|\s--data-binary\s+@)|invoke-(?:webrequest|restmethod)\b[^\n]{0,200}?\s-infile\s|\bwget(?:\.exe)?\b[^\n]{0,200}?\s--post-file")]
    private static partial Regex FileUpload();

    [GeneratedRegex(@"net1?(?:\.exe)?\s+(?:group|user|localgroup)\b[^\n]{0,60}(?:/domain|domain admins|enterprise admins|administrators)|nltest(?:\.exe)?\s+/(?:dclist|domain_trusts|dsgetdc)|whoami(?:\.exe)?\s+/(?:all|priv|groups)|\badfind\b|dsquery\s+(?:user|group|computer)|get-ad(?:user|group|computer|domain)|\bbloodhound\b|\bsharphound\b")]
    private static partial Regex Discovery();

    /// <summary>The original name of a dual-use tool running under another name (MDE, Sysmon and ECS record the PE's original name).</summary>
    /// <summary>The program's original name (version information) and signer, lower case: what a renamed copy cannot change.</summary>
    private static string TrueName(Alert a) =>
        $"{a.Raw("originalfilename", "processversioninfooriginalfilename", "process.pe.original_file_name", "original_file_name")} {a.Raw("signer", "process.code_signature.subject_name", "company", "publisher")}".ToLowerInvariant();

    private static string? Renamed(Alert a, string? image)
    {
        static string Stem(string name) { var n = name.Trim().Trim('"').ToLowerInvariant(); n = n.Split('.')[0]; return n.EndsWith("64", StringComparison.Ordinal) ? n[..^2] : n; }
        if (image is null || a.Raw("originalfilename", "processversioninfooriginalfilename", "process.pe.original_file_name", "original_file_name") is not { } original) return null;
        var stem = Stem(original);
        return DualUse.Contains(stem) && stem != Stem(image) ? original : null;
    }

    private static readonly HashSet<string> DualUse = ["rclone", "procdump", "psexec", "paexec", "mimikatz", "powershell", "pwsh", "cmd", "certutil", "rundll32", "regsvr32", "mshta",
        "wscript", "cscript", "nc", "ncat", "plink", "7z", "7za", "winrar", "rar", "adfind", "nltest", "wmic", "bitsadmin", "msbuild", "installutil", "anydesk", "ngrok", "chisel", "megacmd"];

    /// <summary>A dump of a process other than LSASS, when the EDR names the target (a hung application's memory for support).</summary>
    public static string? DumpTarget(Alert a) => (a.Raw("target.process.name", "targetprocessname", "target_process", "targetimage") ?? DumpedByName(a.CommandLine)) is { } t
        && !t.Contains("lsass", StringComparison.OrdinalIgnoreCase) ? t : null;

    /// <summary>The process ProcDump is told to dump by name ("procdump -ma w3wp.exe"); a process id could be any process, LSASS included.</summary>
    private static string? DumpedByName(string? commandLine) =>
        commandLine is not null && ProcDumpTarget().Match(commandLine) is { Success: true } m && m.Groups[1].Value.Any(char.IsLetter) ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^\s*""?(?:[^""\s]*\\)?procdump(?:64)?(?:\.exe)?""?\s+(?:-(?:accepteula|[a-z]{1,2}\s+\d+|[a-z]{1,2})\s+)*-m[ap]\s+(?:-\w+\s+)*""?([\w.-]+\.exe)""?(?:\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ProcDumpTarget();

    /// <summary>True when the command reaches addresses and every one is internal: a private address or a context-file domain.</summary>
    public static bool InternalOnly(FamilyCase c, string text)
    {
        var hosts = UrlHost().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.')).ToList();
        return hosts.Count > 0 && hosts.All(h => FamilyCase.IsInternal(h) || h.EndsWith(".local", StringComparison.Ordinal)
            || c.Context.Domains.Any(d => h.Equals(d, StringComparison.OrdinalIgnoreCase) || h.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The parent process is an installed program (under Program Files, by its path or its command line), not a shell,
    /// Office, a browser, a remote-access tool or a server or interpreter that runs what a remote client sends.
    /// </summary>
    public static bool InstalledParent(Alert a) =>
        ((a.Raw("process.parent.executable", "parentprocesspath", "parent_image", "parentimage", "initiatingprocessfolderpath") ?? a.ParentProcess ?? "")
            .Contains(@"\program files", StringComparison.OrdinalIgnoreCase)
         || ParentCommandPath().IsMatch(a.Raw("process.parent.command_line", "parentcommandline", "parent_command_line", "parentprocesscommandline", "initiatingprocesscommandline") ?? ""))
        && EndpointEvidence.Program(a.ParentProcess) is { } p && !EndpointPatterns.Shells.Contains(p) && !EndpointPatterns.Office.Contains(p)
        && !Browsers().IsMatch(p) && !RemoteAccessTool().IsMatch(p) && !ServerParent().IsMatch(p);

    /// <summary>True when the command reaches addresses and every one is this machine itself (localhost, 127.x).</summary>
    public static bool LoopbackOnly(string text)
    {
        var hosts = UrlHost().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.')).ToList();
        return hosts.Count > 0 && hosts.All(h => h.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || System.Net.IPAddress.TryParse(h, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    /// <summary>True when every address the command reaches is a bare IP address, named by no host.</summary>
    public static bool ByAddressOnly(string text) =>
        UrlHost().Matches(text).All(m => System.Net.IPAddress.TryParse(m.Groups[1].Value.Trim('[', ']'), out _));

    [GeneratedRegex(@"^\s*""?[a-z]:\\program files(?: \(x86\))?\\", RegexOptions.IgnoreCase)]
    private static partial Regex ParentCommandPath();

    [GeneratedRegex(@"^(?:java|javaw|tomcat\d*|w3wp|httpd|nginx|apache\w*|php[\w.-]*|node|python\w*|ruby|perl|sqlservr|umworkerprocess|msexchange\w*|wsmprovhost|jboss\w*|weblogic\w*|iisexpress|dotnet)$")]
    private static partial Regex ServerParent();

    /// <summary>
    /// Ansible's Windows bootstrap: PowerShell started by the WinRM host (wsmprovhost) with Ansible's documented exec wrapper as
    /// its encoded command (the module itself comes on standard input), under an account the context file lists as a service
    /// account. The same wrapper under anyone else stays unexplained: its payload cannot be seen.
    /// </summary>
    public static bool AnsibleWinRm(FamilyCase c, CommandLineView view, string? parent) =>
        parent == "wsmprovhost" && view.Decoded.Any(d => d.Contains("$exec_wrapper_str", StringComparison.OrdinalIgnoreCase))
        && c.Context.IsServiceAccount(c.Alert.User);

    /// <summary>The parent is a configuration-management run (Ansible's AnsiballZ modules, Chef, Puppet, Salt), by its command line.</summary>
    public static bool DeploymentParentCommand(Alert a) =>
        a.Raw("process.parent.command_line", "parentcommandline", "parent_command_line", "parentprocesscommandline", "initiatingprocesscommandline", "pcmdline") is { } p
        && (ConfigManagement().IsMatch(p.ToLowerInvariant()) || DeploymentCache().IsMatch(p));

    /// <summary>
    /// PowerShell (with only switches before it) running a script file from the deployment agent's own staging folder ("powershell -File C:\Windows\IMECache\...\detect.ps1"):
    /// the agent's package, when the record names no parent (only the agent, as SYSTEM, writes there).
    /// </summary>
    public static bool DeploymentCacheScript(string commandLine) => DeploymentCacheFile().IsMatch(commandLine);

    [GeneratedRegex(@"^\s*""?(?:[^""\s]*\\)?(?:powershell|pwsh)(?:\.exe)?""?(?:\s+-(?!f(?:ile)?\b)\w+(?:\s+\w+)?)*\s+-(?:file|f)\s+""?[a-z]:(?:\\windows\\ccmcache\\|\\windows\\imecache\\|\\program files(?: \(x86\))?\\microsoft intune management extension\\(?:policies|content)\\)[^""]*\.ps1""?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DeploymentCacheFile();

    /// <summary>The folders SCCM, Intune (its cache and the Management Extension's policy scripts and content) and PDQ Deploy stage packages and scripts in (written only by the agent, as SYSTEM).</summary>
    [GeneratedRegex(@"\\windows\\ccmcache\\|\\ccm\\systemtemp\\|\\imecache\\|\\windows\\adminarsenal\\|\\microsoft intune management extension\\(?:policies|content)\\", RegexOptions.IgnoreCase)]
    private static partial Regex DeploymentCache();

    /// <summary>The document a "cmd /c "program" "document"" line opens, when that is all it does; null otherwise.</summary>
    public static string? OpensDocument(string commandLine)
    {
        var m = OpenDocument().Match(commandLine.ToLowerInvariant());
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// Ansible running one of its modules without privilege escalation: the interpreter given only the AnsiballZ module
    /// Ansible copied into the connecting account's own <c>.ansible/tmp</c> folder, and nothing else, under an account the
    /// context file lists as an administrator or a service account (who runs the playbooks). The same command under anyone
    /// else, or with a second command or another file, stays unexplained.
    /// </summary>
    public static bool AnsibleModuleRun(FamilyCase c, string raw) =>
        AnsibleModule().IsMatch(raw) && (c.IsPrivileged || c.Context.IsServiceAccount(c.Alert.User));

    [GeneratedRegex(@"^\s*(?:/usr(?:/local)?/bin/)?python[\d.]*\s+(?:/home/[\w.-]+|/root|/tmp|/var/tmp)/\.ansible/tmp/(?:ansible-tmp-[\d.-]+/)?AnsiballZ_\w+\.py\s*$")]
    private static partial Regex AnsibleModule();

    /// <summary>The command itself is a configuration-management step (Ansible's become wrapper running an AnsiballZ module).</summary>
    public static bool ConfigManagementCommand(string text) => text.Contains("become-success-", StringComparison.OrdinalIgnoreCase) && ConfigManagement().IsMatch(text.ToLowerInvariant());

    [GeneratedRegex(@"ansiballz_|[/\\]\.ansible[/\\]tmp|chef-client|puppet\s+agent|salt-call|salt-minion")]
    private static partial Regex ConfigManagement();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\)?cmd(?:\.exe)?""?\s+/c\s+""*[a-z]:\\program files(?: \(x86\))?\\[^""&|<>^%]+\.exe""\s+""([^""&|<>^%]+\.(?:pdf|docx?|xlsx?|pptx?|txt|csv|rtf|html?|png|jpe?g|msg|eml))""*\s*$")]
    private static partial Regex OpenDocument();

    [GeneratedRegex(@"(?:rundll32|regsvr32)(?:\.exe)?""?\s+(?:/s\s+)?""?[a-z]:\\(?:users\\[^\\]+\\(?:appdata|downloads|desktop)|users\\public|programdata|windows\\temp|perflogs)\\[^,""]+")]
    private static partial Regex LoaderModule();

    [GeneratedRegex(@"\\user data\\[^\\]+\\(?:login data|cookies|web data)|\\network\\cookies|logins\.json|key4\.db|cookies\.sqlite|\\local state""?\s")]
    private static partial Regex BrowserSecrets();

    [GeneratedRegex(@"chrome|msedge|firefox|brave|opera|vivaldi|iexplore|safari")]
    private static partial Regex Browsers();

    [GeneratedRegex(@"\brclone(?:\.exe)?\s+(?:copy|sync|move)\b[^\n]{0,200}\s[\w-]{2,}:(?!\\)|\bmega(?:cmd|-put|put)\b|\brestic\b[^\n]{0,60}\s-r\s+(?:s3|b2|rclone|sftp):")]
    private static partial Regex SyncToRemote();

    [GeneratedRegex(@"https?://([\w.-]+)")]
    private static partial Regex UrlHost();

    [GeneratedRegex(@"\\\\[\w-]+(?:\.[\w-]+)*\.(?:local|corp|internal|lan)\\[^\s""]+|\\\\[\w-]+\\(?:deploy|software|packages|sccm|apps)\\[^\s""]+")]
    private static partial Regex InternalShare();

    [GeneratedRegex(@"^(?:psexesvc|paexec|remcomsvc|csexecsvc)")]
    private static partial Regex RemoteExecService();

    [GeneratedRegex(@"anydesk|teamviewer|screenconnect|connectwise|atera|splashtop|rustdesk|remoteutilities|netsupport|supremo|ultraviewer|logmein|ammyy")]
    private static partial Regex RemoteAccessTool();

    [GeneratedRegex(@"\\(?:downloads|temp|inetcache|content\.outlook)\\", RegexOptions.IgnoreCase)]
    private static partial Regex FreshDownload();

    [GeneratedRegex(@"--silent|/silent|/verysilent|/quiet|/qn\b|--start-with-win|--unattended|-silent\b")]
    private static partial Regex SilentInstall();
}
