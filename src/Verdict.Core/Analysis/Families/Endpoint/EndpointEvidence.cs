using Verdict.Attack.Mapping;
using static Verdict.Analysis.Families.Endpoint.EndpointPatterns;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Evidence from a process event: who launched what (Office → script host → shell), what the command line says once
/// decoded (the decoded text is shown), and where the binary lives; on the benign side, software deployment tools,
/// signed vendor binaries and administrators working on their own machines in business hours. Packaging that
/// deployment tools use too (-enc, -ep bypass, hidden windows) weighs little under such a parent, but what the
/// decoded payload does (a download cradle, credential dumping) counts in full whoever launched it.
/// </summary>
public static partial class EndpointEvidence
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        c = c with { Alert = EndpointFields.Read(c.Alert) };
        var a = c.Alert;
        var raw = a.CommandLine ?? "";
        var view = new CommandLineView(raw);
        var surroundings = EndpointSignals.Surroundings(a);
        // The parent's command line and the process chain are read with the same patterns: what launched this counts too.
        var text = surroundings.Length == 0 ? view.Text : $"{view.Text}\n{new CommandLineView(surroundings).Text}";
        var image = Program(a.Process) ?? view.Programs.FirstOrDefault();
        var parent = Program(a.ParentProcess);
        // A shell the deployment agent started (its grandparent, as Defender and Sysmon record it) runs the agent's package too.
        var grandparent = Program(a.Raw("initiatingprocessparentfilename", "process.parent.parent.name", "grandparentimagefilename", "grandparentfilename"));
        var deployment = IsDeploymentParent(parent) || EndpointSignals.DeploymentParentCommand(a) || EndpointSignals.ConfigManagementCommand(raw)
            || (parent is null && EndpointSignals.DeploymentCacheScript(raw))
            || EndpointSignals.AnsibleWinRm(c, view, parent) || EndpointSignals.AnsibleModuleRun(c, raw)
            || (parent is not null && Shells.Contains(parent) && IsDeploymentParent(grandparent));
        // Where the program itself lives (arguments that merely write to Temp say nothing).
        var path = a.Raw("process.executable", "process_path", "processpath", "folderpath", "image_path") ?? a.Process ?? FirstToken(raw);
        var signer = a.Raw("signer", "process.code_signature.subject_name", "company", "publisher");
        // A publisher the EDR recorded for a program outside the Windows folder (Windows' own binaries are all signed and say nothing).
        var signedVendor = a.Flag("signed", "issigned", "process.code_signature.trusted", "process.code_signature.valid", "signaturevalid") == true
            || (a.Raw("signaturestatus", "signature_status", "process.code_signature.status") ?? "").Equals("valid", StringComparison.OrdinalIgnoreCase)
            || (signer is not null && a.Flag("signed", "issigned", "process.code_signature.trusted", "signaturevalid") != false && !path.Contains(@"\windows\", StringComparison.OrdinalIgnoreCase));
        var devTool = parent is not null && EndpointExplanations.DevTools.Contains(parent);

        if (parent is not null && image is not null)
        {
            if (Office.Contains(parent) && Shells.Contains(image) && EndpointSignals.OpensDocument(raw) is { } opened)
            {
                // A hyperlink or "open with" in a document: the shell only hands a file to an installed program.
                evidence.Add(new("office_spawns_shell", $"{parent} started {image}, though only to open a document", Leaning.Malicious, 0.4, Src));
                evidence.Add(new("opens_document", $"The shell only opens '{CommonEvidence.Clip(opened, 80)}' with an installed program (a link or 'open with' in the document), with no script or second command", Leaning.Benign, 1.2, Src));
            }
            else if (Office.Contains(parent) && Shells.Contains(image))
                evidence.Add(new("office_spawns_shell", $"{parent} started {image}: documents do not normally launch script hosts or shells (macro or exploit)", Leaning.Malicious, 2.5, Src));
            else if (ScriptHosts.Contains(parent) && image is "powershell" or "pwsh" or "cmd" or "rundll32" or "regsvr32")
                evidence.Add(new("script_host_chain", $"Script host {parent} started {image}: a common stage of script-based malware", Leaning.Malicious, 1.5, Src));
            else if (parent is "wmiprvse" && Shells.Contains(image) && !deployment)
                evidence.Add(new("wmi_execution", $"WMI (WmiPrvSE) started {image}: a command run on this machine from another one (wmiexec, Invoke-WmiMethod) or by a WMI subscription",
                    Leaning.Malicious, c.IsPrivileged ? 0.4 : 0.8, Src));
        }

        // Packaging: weighs less under a deployment tool, which uses the same switches.
        // So do a developer tool and an installed program's service, which run packaged scripts of their own.
        // And a vendor's documented install command (every fetch from its official host) carries its own switches,
        // as does a logon or Group Policy script from the domain's NETLOGON/SYSVOL share (-ExecutionPolicy Bypass, hidden).
        var packaging = deployment || devTool || EndpointSignals.InstalledParent(a) || EndpointExplanations.SoftwareSourceOnly(text)
            || EndpointExplanations.LogonScript(c, text) is not null ? 0.2 : 1.0;
        if (Encoded().IsMatch(text) || view.Decoded.Count > 0)
        {
            var shown = view.Decoded.Count > 0 ? $": decoded: \"{CommonEvidence.Clip(view.Decoded[0], 300)}\"" : "";
            evidence.Add(new("encoded_command", $"The command carries an encoded payload{shown}", Leaning.Malicious, 1.5 * packaging, Src));
        }
        if (Obfuscation().IsMatch(raw.ToLowerInvariant()) || Obfuscation().IsMatch(text))
            evidence.Add(new("obfuscation", "The command is obfuscated (escape characters, string joining, char codes or in-memory decoding)", Leaning.Malicious, 1.2 * packaging, Src));
        if (PolicyBypass().IsMatch(text))
            evidence.Add(new("execution_policy_bypass", "PowerShell is told to bypass its execution policy", Leaning.Malicious, 0.7 * packaging, Src));
        if (Hidden().IsMatch(text) && (image is "powershell" or "pwsh" || parent is "powershell" or "pwsh" || view.Runs("powershell")))
            evidence.Add(new("hidden_window", "PowerShell runs hidden, without profile or interaction", Leaning.Malicious, 0.5 * packaging, Src));

        // What the command does: counts in full whoever launched it.
        // A fetch whose every address is the organisation's own (a CRL, an internal package share) weighs little.
        // A bare private address (no name in the organisation's DNS) is how intruders stage from a machine they hold:
        // it weighs less than the internet, but explains nothing.
        var internalFetch = EndpointSignals.InternalOnly(c, text);
        var byAddress = internalFetch && EndpointSignals.ByAddressOnly(text);
        // A read of this machine's own service (a status page, a local API), kept nowhere and run by nothing, brings nothing in.
        var localRead = EndpointLocalWork.LocalRead(text);
        var fetch = localRead ? 0.1 : internalFetch ? (byAddress ? 0.5 : 0.25) : EndpointExplanations.SoftwareSourceOnly(text) ? 0.1 : 1.0;
        if (Download().Match(text) is { Success: true } dl)
        {
            var exec = Execute().IsMatch(text);
            evidence.Add(new(exec ? "download_and_execute" : "download_cradle",
                $"The command downloads {(exec ? "and runs " : "")}content ('{CommonEvidence.Clip(dl.Value, 60)}')", Leaning.Malicious, (exec ? 2.5 : 1.5) * fetch, Src));
        }
        if (Lolbin().Match(text) is { Success: true } lol)
            evidence.Add(new("lolbin", $"A signed Windows binary is abused to fetch or run code ('{CommonEvidence.Clip(lol.Value, 60)}')", Leaning.Malicious, 1.8 * fetch, Src));
        if (localRead && Download().IsMatch(text))
            evidence.Add(new("loopback_read", "Every address the command reaches is this machine itself (localhost, 127.0.0.1): it reads a local service's status page or API, keeps nothing and runs nothing, as monitoring agents and developers' tests do",
                Leaning.Benign, 1.0, Src));
        if (internalFetch && !byAddress)
            evidence.Add(new("internal_fetch", "Every address the command reaches is the organisation's own (a private address or a domain in the context file)", Leaning.Benign, 0.8, "context file"));
        if (CredentialDumping().Match(text) is { Success: true } dump)
            evidence.Add(new("credential_dumping", $"Credential dumping: '{CommonEvidence.Clip(dump.Value, 80)}' (LSASS memory, SAM/SECURITY hives, NTDS or a known dumping tool)", Leaning.Malicious, 3.5, Src, Strong: true));
        if (DefenceEvasion().Match(text) is { Success: true } evade)
        {
            // Rotating the oldest shadow copy, or deleting the one snapshot named by its id (what backup software does with the
            // snapshot it took), is not wiping them all; an antivirus exclusion pushed by the deployment agent or set by an
            // installed program's service is configuration, not an intruder's tampering.
            var rotation = evade.Value.Contains("shadows", StringComparison.Ordinal) && !text.Contains("/all", StringComparison.Ordinal)
                && (text.Contains("/oldest", StringComparison.Ordinal) || OneShadow(text));
            var configured = EndpointSignals.InstalledParent(a) || (deployment && evade.Value.Contains("exclusion", StringComparison.Ordinal)) || EndpointProvenance.Generalising(a);
            evidence.Add(new("defence_evasion", rotation ? $"Shadow copies are deleted, though only {(OneShadow(text) ? "one, named by its id" : "the oldest")} ('{CommonEvidence.Clip(evade.Value, 60)}'), as backup software removes the snapshots it took"
                : $"Security controls or recovery are being disabled ('{CommonEvidence.Clip(evade.Value, 60)}'){(configured ? $", by {(deployment ? "the deployment agent" : "an installed program's service")}" : "")}",
                Leaning.Malicious, rotation ? 0.6 : configured ? 1.0 : 2.5, Src));
        }
        if (Miner().Match(text) is { Success: true } miner)
            evidence.Add(new("crypto_miner", $"The command runs a cryptocurrency miner ('{CommonEvidence.Clip(miner.Value, 60)}'): a mining-pool protocol or a miner's own options", Leaning.Malicious, 3.0, Src, Strong: true));
        if (ReverseShell().IsMatch(text))
            evidence.Add(new("reverse_shell", "The command opens a reverse shell to a remote host", Leaning.Malicious, 3.0, Src, Strong: true));
        if (Persistence().Match(text) is { Success: true } persist)
            evidence.Add(new("persistence", $"The command sets up persistence ('{CommonEvidence.Clip(persist.Value, 60)}'): a Run key, scheduled task, service, startup folder or similar{(EndpointSignals.InstalledParent(a) ? ", by an installed program's own updater or service (its parent lives under Program Files)" : "")}",
                Leaning.Malicious, deployment ? 0.3 : EndpointSignals.InstalledParent(a) ? 0.4 : AdminPersistence(c, text) ? 0.6 : 1.2, Src));
        if (Lateral().IsMatch(text))
            evidence.Add(new("remote_execution", "The command runs on or reaches into another machine (admin shares, PsExec, WMI, PowerShell remoting)", Leaning.Malicious, c.IsPrivileged ? 0.4 : 1.0, Src));
        if (DataStaging().Match(text) is { Success: true } staged)
            evidence.Add(new("data_staging", $"Data is being collected for exfiltration: an archive protected with a password or made from a network share ('{CommonEvidence.Clip(staged.Value, 80)}')", Leaning.Malicious, 1.8, Src));
        if (SecretsArchive().Match(text) is { Success: true } secrets)
            evidence.Add(new("secrets_archived", $"Credential stores are packed into an archive ('{CommonEvidence.Clip(secrets.Value, 80)}'): SSH keys, cloud or runner credentials collected to be carried off", Leaning.Malicious, 2.0, Src));
        EndpointSignals.Add(c, evidence, text, image);
        // Windows' own services live in System32; remote-execution tools (PsExec's clones, Impacket's psexec and smbexec,
        // Metasploit) copy the service they create into the Windows folder itself, often under a random name. PsExec's own
        // PSEXESVC is an admin tool, judged as one.
        if (parent is "services" && image is not null && image != "psexesvc" && WindowsRootProgram().IsMatch(path.Trim().Trim('"')))
            evidence.Add(new("service_in_windows_root", $"The service control manager started a program kept in the Windows folder itself ({CommonEvidence.Clip(path, 120)}), not System32: where remote-execution tools (PsExec clones, Impacket's psexec and smbexec, Metasploit) drop the service they create",
                Leaning.Malicious, 1.2, Src));
        if (UserWritable().IsMatch(path.ToLowerInvariant()))
        {
            // AppData\Local\Programs is the per-user "Program Files" that per-user installers (Python, VS Code...) use.
            var perUser = path.Contains(@"\appdata\local\programs\", StringComparison.OrdinalIgnoreCase);
            evidence.Add(new("user_writable_path", signedVendor || perUser
                ? $"A {(signedVendor ? "signed " : "")}program runs from a user-writable location ({CommonEvidence.Clip(a.Process ?? "in the command line", 120)}), as per-user installs do"
                : $"A program runs from a user-writable location ({CommonEvidence.Clip(a.Process ?? "in the command line", 120)})", Leaning.Malicious, signedVendor ? 0.3 : perUser ? 0.4 : 0.8, Src));
        }
        if (a.Flag("signed", "issigned", "process.code_signature.exists", "process.code_signature.trusted", "signaturetrusted") == false || (a.Raw("signaturestatus", "signature_status") ?? "").Contains("unsigned", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("unsigned_binary", $"The binary {image ?? ""} is not signed", Leaning.Malicious, 0.8, Src));
        if (a.Raw("prevalence", "fileprevalence", "global_prevalence", "orgprevalence") is { } prev && int.TryParse(prev, out var n) && n <= 5)
            evidence.Add(new("rare_binary", $"The binary has been seen on only {n} machine(s)", Leaning.Malicious, 0.7, Src));

        EndpointToolUse.Add(c, evidence, text, image);
        EndpointHostState.Add(c, evidence);
        if (raw.Length > 0 && !evidence.Any(e => e.Source == Src && e.Supports == Leaning.Malicious))
            evidence.Add(new("no_malicious_command", "The command line, decoded, shows none of the patterns of malicious execution (download, credential access, persistence, evasion, obfuscation)", Leaning.Benign, 0.6, Src));
        Benign(c, evidence, image, parent, deployment, signedVendor, signer, path);
        EndpointExplanations.Add(c, evidence, text, image, parent, path);
        EndpointProvenance.Add(c, evidence);
        EndpointRoutineEvidence.Add(c, evidence, raw, path, parent);
        EndpointInstallers.Add(c, evidence, raw, path, parent);
        EndpointOwnInfrastructure.Add(c, evidence, raw, image, parent);
        EndpointLocalWork.Add(c, evidence, raw, parent);
        EndpointServiceWork.Add(c, evidence, path, image, parent);
        EndpointOutcome.Add(c, evidence);
    }

    /// <summary>
    /// A listed administrator scheduling work in business hours, or a logon or Group Policy script from the domain's
    /// NETLOGON/SYSVOL share (which only domain administrators write), pointing at nothing in a user-writable folder and fetching nothing.
    /// </summary>
    private static bool AdminPersistence(FamilyCase c, string text) =>
        (c.IsPrivileged && c.InBusinessHours || EndpointExplanations.LogonScript(c, text) is not null)
        && !UserWritable().IsMatch(text) && !Download().IsMatch(text) && !Encoded().IsMatch(text);

    private static void Benign(FamilyCase c, List<Evidence> evidence, string? image, string? parent, bool deployment, bool signedVendor, string? signer, string path)
    {
        // A deployment agent explains how a command is packaged, not what it does: less so when it fetches or dumps.
        var acts = evidence.Exists(e => e.Key is "download_and_execute" or "download_cradle" or "lolbin" or "reverse_shell" or "credential_dumping" or "browser_credentials"
            || (e.Key == "defence_evasion" && e.Weight > 1.0));
        var agent = IsDeploymentParent(parent) ? $"the software-deployment agent {parent}" : "a script the software-deployment or configuration agent staged";
        if (deployment)
            evidence.Add(new("deployment_tool", acts
                ? $"Launched by {agent}, though deployment explains the packaging, not a download or dumping step"
                : $"Launched by {agent}: packaged scripts use encoded and hidden PowerShell routinely", Leaning.Benign, acts ? 1.0 : 2.5, Src));
        if (signedVendor && (image is null || !Shells.Contains(image)) && !path.Contains(@"\windows\", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("signed_vendor", $"The binary is validly signed{(signer is null ? "" : $" by {CommonEvidence.Clip(signer, 60)}")}", Leaning.Benign, 1.2, Src));
        if (image is not null && AdminTools.Contains(image) && c.IsPrivileged)
        {
            // Being an administrator explains running the tool, not wiping the logs, disabling protection, or fetching and running code with it.
            var evades = evidence.Exists(e => e.Key == "defence_evasion" && e.Weight > 1.0);
            var fetches = evidence.Exists(e => e.Key is "download_and_execute" or "download_cradle" or "lolbin" or "reverse_shell" or "credential_dumping");
            // Nor the malware the product named (an antivirus detection of a file the tool wrote or touched).
            var named = evidence.Exists(e => e.Key == "rule_names_threat" && e.Strong);
            evidence.Add(new("admin_tool_by_admin", $"{image} run by {c.Who}, a privileged administrator: admin tools are part of the job{(evades ? ", though that does not explain disabling security controls or clearing logs" : fetches ? ", though that does not explain fetching and running code or dumping credentials" : named ? ", though that does not explain the threat the product named" : "")}",
                Leaning.Benign, evades || fetches || named ? 0.4 : 1.0, "context file"));
            if (c.InBusinessHours)
                evidence.Add(new("business_hours", "During business hours", Leaning.Benign, 0.4, "context file"));
            if (c.OnOwnHost)
                evidence.Add(new("own_host", $"On {c.Alert.Host}, a machine {c.Who} owns (asset inventory)", Leaning.Benign, 0.8, "asset inventory"));
            else if (c.HostNamedForUser)
                evidence.Add(new("own_host", $"On {c.Alert.Host}, a workstation named after {c.Who}", Leaning.Benign, 0.6, "host name"));
        }
        if (c.Context.IsServiceAccount(c.Alert.User))
            evidence.Add(new("service_account", $"{c.Who} is a service account listed in the context file", Leaning.Benign, 0.5, "context file"));
    }

    private static string FirstToken(string commandLine)
    {
        var s = commandLine.TrimStart();
        if (s.StartsWith('"')) return s.IndexOf('"', 1) is var end and > 0 ? s[1..end] : s;
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? s : s[..space];
    }

    /// <summary>"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" is "powershell".</summary>
    public static string? Program(string? image)
    {
        if (string.IsNullOrWhiteSpace(image)) return null;
        var s = image.Trim().Trim('"');
        var slash = s.LastIndexOfAny(['\\', '/']);
        if (slash >= 0) s = s[(slash + 1)..];
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0) s = s[..space];
        if (s.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)) s = s[..^4];
        return s.ToLowerInvariant();
    }

    /// <summary>
    /// The command deletes one shadow copy, named by its id ("vssadmin delete shadows /shadow={guid}"), and no other: what
    /// backup software does with the snapshot it took. A loop over ids ("/shadow=%i"), a second delete or "/all" is not one.
    /// </summary>
    internal static bool OneShadow(string text) =>
        OneShadowId().IsMatch(text) && System.Text.RegularExpressions.Regex.Count(text, @"delete\s+shadows|shadowcopy\s+delete|delete-?shadow", System.Text.RegularExpressions.RegexOptions.IgnoreCase) == 1;

    [System.Text.RegularExpressions.GeneratedRegex(@"delete\s+shadows\s+(?:/for=\S+\s+)?/shadow=\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?(?:\s+/quiet)?\s*(?:$|\n)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OneShadowId();
}
