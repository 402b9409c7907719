using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Unattended work of installed software and build toolchains, as an analyst at any organisation closes it:
/// <list type="bullet">
/// <item>a detector's bulk-file heuristic (ransomware-like mass renames, rewrites or archives) on a program installed under
/// Program Files that the system started unattended (the service control manager, the task scheduler, or the backup
/// product's own service starting its own agent) under a listed
/// service account: backup, sync and archiving jobs rewrite and pack many files by design;</item>
/// <item>a backup product's own agent, installed in a system or Program Files folder and started by its own service, reading
/// what it backs up (shadow, SAM or database files trip credential-access rules);</item>
/// <item>a backup agent having VSS snapshot a volume (and nothing else) before it copies locked files;</item>
/// <item>the product's own lowest-confidence machine-learning verdict on a program the build toolchain (MSBuild, dotnet,
/// Gradle, Cargo, make...) or a person at a console runs from a build's output folder: fresh, unsigned, never-seen builds
/// are what such models doubt.</item>
/// </list>
/// None of them explains a download, a dump to elsewhere, a shell, a password-protected or share archive, a renamed or
/// unsigned agent where the check needs it, or a product that rates its finding malicious: those keep their weight.
/// </summary>
public static partial class EndpointServiceWork
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence, string path, string? image, string? parent)
    {
        var a = c.Alert;
        BackupSnapshot(c, evidence, image, parent);
        SnapshotCleanup(c, evidence);
        var beyondRule = EndpointExplanations.Acts(evidence.Where(e => e.Key != "rule_names_threat").ToList());
        var ratedMalicious = evidence.Exists(e => e.Key is "product_rates_malicious" or "product_verdict_malicious" or "intel_malicious" or "bad_ip");
        if (beyondRule || ratedMalicious) return;
        if (UnattendedBulkWork(c, evidence, path, image, parent) is { } launcher
            && evidence.FindIndex(e => e.Key == "rule_names_threat" && e.Strong) is var i and >= 0)
        {
            evidence[i] = evidence[i] with { Weight = 0.6, Strong = false, Description = evidence[i].Description + ", though the rule counts files rewritten or archived, which an installed job does by design" };
            evidence.Add(new("unattended_bulk_work", $"{image} is installed under Program Files and was started unattended by {launcher} under {c.Who}, a listed service account, with nothing in its command beyond its job: backup, sync and archiving jobs rename, rewrite and pack many files by design",
                Leaning.Benign, 1.5, Src));
        }
        if (BackupAgent(a, path, image, parent) is { } agent && !evidence.Exists(e => e.Key == "rule_names_threat" && e.Strong))
            evidence.Add(new("backup_agent", $"{agent}, a backup product's agent installed in a system folder, started by its own service ({parent}): reading sensitive files (shadow, registry hives, databases) to back them up is its job",
                Leaning.Benign, 1.5, Src));
        if (BackupDriver(a, image, parent) is { } module && !evidence.Exists(e => e.Key == "rule_names_threat" && e.Strong))
            evidence.Add(new("backup_agent", $"{parent}, a backup product's service, loads only a kernel module from the system's module tree ('{CommonEvidence.Clip(module, 80)}'): Linux backup agents load their own snapshot driver before each backup",
                Leaning.Benign, 1.5, Src));
        if (LowConfidenceBuild(a, path, parent) is { } tool && !evidence.Exists(e => e.Key == "rule_names_threat" && e.Strong))
            evidence.Add(new("build_output_low_confidence", $"The product's own confidence is its lowest (a machine-learning or heuristic match) and the file is a fresh build in the toolchain's workspace, run by {tool}: new, unsigned, never-seen builds are what such models doubt",
                Leaning.Benign, 1.5, Src));
    }

    /// <summary>The launcher (service control manager or task scheduler) when a bulk-file heuristic fired on an installed program it started for a listed service account; null otherwise.</summary>
    private static string? UnattendedBulkWork(FamilyCase c, List<Evidence> evidence, string path, string? image, string? parent)
    {
        var a = c.Alert;
        var said = $"{a.Rule} {a.Description}";
        if (!BulkFileHeuristic().IsMatch(said) || OtherThreat(said) || !c.Context.IsServiceAccount(a.User)) return null;
        if (image is null || EndpointPatterns.Shells.Contains(image) || EndpointPatterns.AdminTools.Contains(image)
            || !ProgramFilesImage().IsMatch(path) || EndpointPatterns.UserWritable().IsMatch(path.ToLowerInvariant())) return null;
        if (evidence.Exists(e => e.Key is "unsigned_binary" or "rare_binary" or "renamed_binary" or "data_staging")) return null;
        return parent switch
        {
            "services" => "the service control manager (services.exe)",
            "taskeng" or "taskhostw" => $"the task scheduler ({parent})",
            "svchost" when (EndpointSignals.ParentCommand(a) ?? "").Contains("schedule", StringComparison.OrdinalIgnoreCase) => "the task scheduler (svchost -s Schedule)",
            // The backup product's own service starting its agent (Veeam's transport service, NetBackup's bpcd...).
            not null when BackupProduct().IsMatch(parent) && BackupProduct().IsMatch(image) => $"the backup product's own service ({parent})",
            _ => null,
        };
    }

    /// <summary>A ransomware word in the rule is its only threat word (a family name or another threat is a claim, not a heuristic).</summary>
    private static bool OtherThreat(string said) =>
        CommonEvidence.RuleNamesThreat(RansomWord().Replace(said, " ")) is not null || NamedFamily().IsMatch(said);

    /// <summary>The agent's name when the program and its parent are a backup product's, the program lives in a root- or admin-owned folder, and its parent is no shell.</summary>
    private static string? BackupAgent(Alert a, string path, string? image, string? parent)
    {
        if (image is null || parent is null || !BackupProduct().IsMatch(image) || !BackupProduct().IsMatch(parent)) return null;
        if (!SystemFolder().IsMatch(path) || EndpointPatterns.UserWritable().IsMatch(path.ToLowerInvariant())) return null;
        var parentPath = a.Raw("process.parent.executable", "parentprocesspath", "parent_image", "parentimage", "parentimagefilename") ?? a.ParentProcess ?? "";
        return parentPath.Contains('/') || parentPath.Contains('\\') ? (SystemFolder().IsMatch(parentPath) ? image : null) : image;
    }

    /// <summary>
    /// The module a backup product's service (its parent, by name, and in a system folder when the record gives its path)
    /// has <c>insmod</c> or <c>modprobe</c> load, when the command is only that and the module lies in the system's own
    /// module tree (<c>/lib/modules/</c>, <c>/usr/lib/modules/</c>), which only root and the package manager write. A module
    /// from anywhere else (/tmp, a home folder), a second command, or another parent is not explained.
    /// </summary>
    private static string? BackupDriver(Alert a, string? image, string? parent)
    {
        if (image is not ("insmod" or "modprobe") || parent is null || !BackupProduct().IsMatch(parent)) return null;
        var parentPath = ParentPath(a);
        if ((parentPath.Contains('/') || parentPath.Contains('\\')) && !SystemFolder().IsMatch(parentPath)) return null;
        var m = ModuleLoad().Match(a.CommandLine ?? "");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\s*(?:/usr)?(?:/s?bin/)?(?:insmod|modprobe)\s+((?:/usr)?/lib/modules/[\w.+-]+/(?:[\w.+-]+/)*[\w.+-]+\.ko(?:\.xz|\.zst|\.gz)?|[\w-]+)\s*$")]
    private static partial Regex ModuleLoad();

    /// <summary>
    /// A backup product's agent, in a system or Program Files folder, having Windows' own VSS tool take a snapshot of a
    /// volume (<c>vssadmin create shadow /for=C:</c>) and nothing else: application-aware backups snapshot the volume to copy
    /// locked files. The snapshot is what NTDS theft starts with too, so it stays evidence, only no longer strong.
    /// </summary>
    private static void BackupSnapshot(FamilyCase c, List<Evidence> evidence, string? image, string? parent)
    {
        var a = c.Alert;
        if (image is not "vssadmin" || parent is null || !BackupProduct().IsMatch(parent) || !SnapshotOnly().IsMatch(a.CommandLine ?? "")) return;
        var parentPath = ParentPath(a);
        if (!(SystemFolder().IsMatch(parentPath) || WindowsFolder().IsMatch(parentPath)) || EndpointPatterns.UserWritable().IsMatch(parentPath.ToLowerInvariant())) return;
        if (evidence.FindIndex(e => e.Key == "credential_dumping" && e.Strong) is not (var i and >= 0)) return;
        evidence[i] = evidence[i] with { Weight = 0.8, Strong = false, Description = evidence[i].Description + ", though only a snapshot taken by a backup agent" };
        evidence.Add(new("backup_agent", $"{parent}, a backup product's agent installed in a system folder, only has VSS snapshot the volume ('{CommonEvidence.Clip(a.CommandLine ?? "", 60)}'), as application-aware backups do to copy locked files",
            Leaning.Benign, 1.5, Src));
    }

    /// <summary>
    /// Where the parent program lives: its recorded path, or, when the record gives only its file name (CrowdStrike's
    /// ParentImageFileName often does), the program its own command line starts with.
    /// </summary>
    private static string ParentPath(Alert a)
    {
        var recorded = a.Raw("process.parent.executable", "parentprocesspath", "parent_image", "parentimage", "parentimagefilename") ?? a.ParentProcess ?? "";
        if (recorded.Contains('\\') || recorded.Contains('/')) return recorded;
        var command = (EndpointSignals.ParentCommand(a) ?? "").TrimStart();
        var program = command.StartsWith('"') ? command[1..].Split('"')[0] : command.Split(' ')[0];
        return EndpointEvidence.Program(program) is { } name && name == EndpointEvidence.Program(recorded) ? program : recorded;
    }

    /// <summary>
    /// A listed service account deleting one shadow copy named by its id (<c>vssadmin delete shadows /shadow={guid}</c>) and
    /// doing nothing else: backup software removes the snapshot it took once the backup is done. Ransomware deletes them all
    /// (/all, a loop, wmic shadowcopy delete), so a rule whose only threat word is ransomware or shadow-copy deletion is
    /// answered by what was deleted. Another threat named, another act in the command, or an account the context file does
    /// not list as a service keeps the rule's full weight.
    /// </summary>
    private static void SnapshotCleanup(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var said = $"{a.Rule} {a.Description}";
        if (!c.Context.IsServiceAccount(a.User) || OtherThreat(said) || !EndpointEvidence.OneShadow(a.CommandLine?.ToLowerInvariant() ?? "")) return;
        if (EndpointExplanations.Acts(evidence.Where(e => e.Key is not ("rule_names_threat" or "defence_evasion")).ToList())
            || evidence.Exists(e => e.Key is "product_rates_malicious" or "product_verdict_malicious" or "intel_malicious" or "bad_ip")) return;
        if (evidence.FindIndex(e => e.Key == "rule_names_threat" && e.Strong) is var i and >= 0)
            evidence[i] = evidence[i] with { Weight = 0.6, Strong = false, Description = evidence[i].Description + ", though what was deleted is one snapshot named by its id, not all of them" };
        if (evidence.FindIndex(e => e.Key == "defence_evasion" && e.Weight > 0.3) is var d and >= 0)
            evidence[d] = evidence[d] with { Weight = 0.3 };
        evidence.Add(new("snapshot_cleanup", $"{c.Who}, a listed service account, deletes one shadow copy named by its id and nothing else, as backup software removes the snapshot it took; ransomware deletes them all",
            Leaning.Benign, 1.5, Src));
    }

    /// <summary>
    /// The build tool (or "a console" when a person typed it) when the product says its confidence is low and the program runs
    /// from a build's output folder; null otherwise.
    /// </summary>
    private static string? LowConfidenceBuild(Alert a, string path, string? parent)
    {
        var low = LowConfidence().IsMatch($"{a.Rule} {a.Description}")
            || string.Equals(a.Raw("confidence", "confidencelevel", "confidence_level")?.Trim(), "low", StringComparison.OrdinalIgnoreCase);
        var typed = EndpointRoutine.TypedAtConsole(a);
        if (!low || parent is null || !(BuildTools.Contains(parent) || typed)) return null;
        if (parent == "dotnet" && !DotnetBuild().IsMatch(EndpointSignals.ParentCommand(a) ?? "")) return null;
        var lower = path.ToLowerInvariant();
        return BuildWorkspace().IsMatch(lower) && !EndpointPatterns.UserWritable().IsMatch(lower) ? (BuildTools.Contains(parent) ? parent : $"a person at a console ({parent})") : null;
    }

    private static readonly HashSet<string> BuildTools = ["msbuild", "dotnet", "devenv", "cargo", "make", "gmake", "cmake", "ninja", "bazel", "gradle", "gradlew", "mvn", "xcodebuild"];

    [GeneratedRegex(@"ransom\w*[- ]?(?:behaviou?r|like|activity)|\b(?:renamed|modified|rewrote|encrypted|wrote|created|archived|compressed)\s+(?:many|multiple|numerous|thousands of|a large number of)\s+(?:\w+\s+)?(?:files|archives)\b|\b(?:mass|bulk)\s+file\s+(?:renam|modif|encrypt)\w*", RegexOptions.IgnoreCase)]
    private static partial Regex BulkFileHeuristic();

    [GeneratedRegex(@"ransom\w*", RegexOptions.IgnoreCase)]
    private static partial Regex RansomWord();

    /// <summary>A vendor's family name ("Ransom:Win32/LockBit", "Win64/Filecoder.Akira").</summary>
    [GeneratedRegex(@"\b\w+:\w+/\w+|\b(?:win|win32|win64|linux|osx|macos|msil)/\w+", RegexOptions.IgnoreCase)]
    private static partial Regex NamedFamily();

    /// <summary>A program under Program Files (a drive letter or, as CrowdStrike writes it, \Device\HarddiskVolumeN).</summary>
    [GeneratedRegex(@"^(?:[a-z]:|\\device\\harddiskvolume\d+)\\program files(?: \(x86\))?\\[^\\]+\\", RegexOptions.IgnoreCase)]
    internal static partial Regex ProgramFilesImage();

    /// <summary>Backup products' agents and services by their documented process names (Veeam, NetBackup, Commvault, Bacula, Amanda, IBM Storage Protect, Acronis, Rubrik, Cohesity, Arcserve, Druva).</summary>
    [GeneratedRegex(@"^(?:veeam[\w.-]*|bpbkar\w*|bpcd|bpinetd|vnetd|cvd|clbackup|bacula-fd|amandad|dsmc|dsmcad|acronis[\w.-]*|rubrik[\w.-]*|cohesity[\w.-]*|arcserve[\w.-]*|druva[\w.-]*|insyncagent)$", RegexOptions.IgnoreCase)]
    private static partial Regex BackupProduct();

    /// <summary>Folders only root or administrators write: /usr, /opt, /sbin, /bin, Program Files.</summary>
    [GeneratedRegex(@"^(?:/usr/|/opt/|/sbin/|/bin/|(?:[a-z]:|\\device\\harddiskvolume\d+)\\program files(?: \(x86\))?\\)", RegexOptions.IgnoreCase)]
    private static partial Regex SystemFolder();

    /// <summary>Windows' own folder (only administrators and installers write it; its Temp is excluded as user-writable).</summary>
    [GeneratedRegex(@"^(?:[a-z]:|\\device\\harddiskvolume\d+)\\windows\\", RegexOptions.IgnoreCase)]
    private static partial Regex WindowsFolder();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\)?vssadmin(?:\.exe)?""?\s+create\s+shadow\s+/for=[a-z]:\\?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SnapshotOnly();

    [GeneratedRegex(@"\b(?:lowest|low)[- ]confidence\b", RegexOptions.IgnoreCase)]
    private static partial Regex LowConfidence();

    [GeneratedRegex(@"\b(?:build|msbuild|publish|test|pack)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DotnetBuild();

    /// <summary>A build's workspace or output folder (Azure Pipelines _work, GitLab /builds/, bin\Release, obj, target, out, dist).</summary>
    [GeneratedRegex(@"[\\/](?:_work|builds?|out|bin[\\/](?:debug|release)|obj|target|dist|artifacts)[\\/]")]
    private static partial Regex BuildWorkspace();
}
