using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Installers doing what installers do, as Windows documents it: a scheduled task or service whose program is an
/// installed one under Program Files (only administrators and installers write there), registered by the Windows
/// Installer service (<c>msiexec /V</c>) or an administrator; and a Windows Installer custom action, which the service runs
/// as a signed <c>MSIxxxx.tmp</c> copy in C:\Windows\Installer or C:\Windows\Temp. A task or service pointing anywhere
/// else (a user-writable folder, a shell or script host), or an unsigned custom action, keeps its full weight.
/// </summary>
public static partial class EndpointInstallers
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence, string raw, string path, string? parent)
    {
        var installerParent = parent is "msiexec" && (EndpointSignals.ParentCommand(c.Alert) is not { } p || InstallerService().IsMatch(p));
        // Whether the command does anything besides registering the program (a payload, a dump, a threat the rule names),
        // judged before the persistence is reweighed.
        var doesMore = EndpointExplanations.Acts(evidence) || evidence.Exists(e => e.Key is "threat_named" or "unsigned_binary" or "rare_binary"
            || (e.Supports == Leaning.Malicious && e.Strong));
        if (InstalledTarget(raw) is { } target
            && Reweigh(evidence, "persistence", installerParent || (!doesMore && VendorFolder().IsMatch(target)) ? 0.4 : 0.6, $", though its program is an installed one ({CommonEvidence.Clip(target, 80)}, under Program Files)"))
        {
            if (installerParent)
                evidence.Add(new("installer_registers", $"The Windows Installer service registered the task or service of the program it installs ({CommonEvidence.Clip(target, 80)}, under Program Files), as product installers do",
                    Leaning.Benign, 1.0, Src));
            else if (!doesMore && VendorFolder().IsMatch(target))
                evidence.Add(new("installed_program_persistence", $"The task, service or Run key starts a program installed in its own product folder under Program Files ({CommonEvidence.Clip(target, 80)}) and does nothing else: only administrators and installers write there, and products register their updaters and services this way",
                    Leaning.Benign, 1.0, Src));
        }
        if (installerParent && CustomAction().IsMatch(path) && !evidence.Exists(e => e.Key == "unsigned_binary")
            && (c.Alert.Flag("signed") == true || c.Alert.Raw("signer") is not null))
        {
            var acts = EndpointExplanations.Acts(evidence);
            Reweigh(evidence, "user_writable_path", 0.2, ", the Windows Installer's own custom-action copy");
            evidence.Add(new("msi_custom_action", $"A signed Windows Installer custom action ({CommonEvidence.Clip(path, 80)}) run by the Windows Installer service during an installation",
                Leaning.Benign, acts ? 0.3 : 1.2, Src));
        }
    }

    /// <summary>The program a schtasks /create /tr, sc create binPath= or New-Service sets up, when it lives under Program Files and
    /// nothing in the command is user-writable, a shell or interpreter, a path that climbs out (..) or another machine's share.</summary>
    public static string? InstalledTarget(string raw)
    {
        var lower = raw.ToLowerInvariant();
        if (EndpointPatterns.UserWritable().IsMatch(lower) || lower.Contains("http", StringComparison.Ordinal)) return null;
        var m = TaskTarget().Match(lower);
        if (!m.Success) return null;
        var target = m.Groups[1].Value.Trim().Trim('"', '\\', '\'').Trim();
        if (!ProgramFiles().IsMatch(target) || target.Contains("..", StringComparison.Ordinal) || target.Contains(@"\\", StringComparison.Ordinal)) return null;
        var program = EndpointEvidence.Program(ProgramFiles().Match(target).Value);
        return program is null || EndpointPatterns.Shells.Contains(program) || ShellInArgs().IsMatch(target) || NotAProgram().IsMatch(program) || KernelDriver().IsMatch(lower) ? null : target;
    }

    private static bool Reweigh(List<Evidence> evidence, string key, double weight, string why)
    {
        var i = evidence.FindIndex(e => e.Key == key && e.Supports == Leaning.Malicious);
        if (i < 0) return false;
        if (evidence[i].Weight > weight) evidence[i] = evidence[i] with { Weight = weight, Description = evidence[i].Description + why };
        return true;
    }

    [GeneratedRegex(@"(?:/tr|binpath=|-binarypathname|-execute|\\currentversion\\run(?:once)?\b[^|&\n]*?\s/d)\s*(""(?:\\""|[^""])+""|'[^']+'|\S+)")]
    private static partial Regex TaskTarget();

    /// <summary>A program in a product's own folder under Program Files ("C:\Program Files\Vendor\App\app.exe"), not one dropped in Program Files itself.</summary>
    [GeneratedRegex(@"^[a-z]:\\program files(?: \(x86\))?\\[^\\""]+\\", RegexOptions.IgnoreCase)]
    private static partial Regex VendorFolder();

    /// <summary>The program under Program Files: up to ".exe", or the whole target when it names a program without that extension
    /// (Docker Desktop's "com.docker.service").</summary>
    [GeneratedRegex(@"^[a-z]:\\program files(?: \(x86\))?\\[^""]+?(?:\.exe|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ProgramFiles();

    /// <summary>A driver, library or script rather than a program: a service pointing at one is not an installed program's service.</summary>
    [GeneratedRegex(@"\.(?:sys|dll|ps1|psm1|bat|cmd|vbs|vbe|js|jse|wsf|hta|scr|cpl|ocx|msi|tmp|dat|bin)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAProgram();

    /// <summary>"sc create ... type= kernel" (or filesys) registers a driver (bring-your-own-vulnerable-driver), not a program.</summary>
    [GeneratedRegex(@"\btype=\s*(?:kernel|filesys)\b")]
    private static partial Regex KernelDriver();

    /// <summary>Shells, script hosts and interpreters: an installed one still runs whatever one-liner it is handed.</summary>
    [GeneratedRegex(@"\b(?:cmd|powershell|pwsh|wscript|cscript|mshta|rundll32|regsvr32|pythonw?|node|perl|ruby|php|javaw?|bash|wsl|msbuild|installutil|regasm|regsvcs)(?:\.exe)?\b")]
    private static partial Regex ShellInArgs();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\(?:system32|syswow64)\\)?msiexec(?:\.exe)?""?\s+/v\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex InstallerService();

    [GeneratedRegex(@"^[a-z]:\\windows\\(?:installer|temp)\\msi[0-9a-f]{2,6}\.tmp$", RegexOptions.IgnoreCase)]
    private static partial Regex CustomAction();
}
