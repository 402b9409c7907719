using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Routine work that trips endpoint rules, each read from what the command itself does, as an analyst at any
/// organisation would close it: a person typing <c>whoami</c> at an interactive console (it reports only their own
/// identity); a document mapping a drive to one of the organisation's own file shares and nothing else; a per-user
/// app's Squirrel launcher (Teams, Slack, Discord...) starting that same app from its install folder; an administrator
/// excluding an installed product's own folders and processes from antivirus scanning (never a user-writable folder, a
/// drive root or a shell); a robocopy /MOV migration to the organisation's own storage by a listed service account or
/// in a declared maintenance window (the "mass rename" a ransomware rule sees). None of them explains a download, a
/// dump or a second command: each requires the command to be exactly that and nothing more.
/// </summary>
public static partial class EndpointRoutine
{
    /// <summary>The command is only <c>whoami</c> (any switches), and its parent is a console with no command of its own (a person typing).</summary>
    public static bool OwnIdentityCheck(Alert a, string raw) =>
        Whoami().IsMatch(raw) && TypedAtConsole(a);

    /// <summary>The parent is a console (cmd, PowerShell) with no command of its own: a person typed this.</summary>
    public static bool TypedAtConsole(Alert a) => InteractiveShell().IsMatch(EndpointSignals.ParentCommand(a) ?? "");

    /// <summary>The share a <c>cmd /c net use X: \\host\share</c> line maps, when that is all it does and the host is the organisation's own.</summary>
    public static string? MapsInternalShare(FamilyCase c, string raw)
    {
        var m = NetUse().Match(raw);
        return m.Success && OwnHost(c, m.Groups[1].Value) ? m.Groups[0].Value.Trim() : null;
    }

    /// <summary>
    /// The Squirrel.Windows launcher (<c>%LOCALAPPDATA%\App\Update.exe --processStart App.exe</c>) starting the app its
    /// folder is named after; null when it starts anything else or downloads (the LOLBAS abuse of Update.exe).
    /// </summary>
    public static string? SquirrelLauncher(string path, string raw)
    {
        var folder = SquirrelFolder().Match(path);
        var start = ProcessStart().Match(raw);
        if (!folder.Success || !start.Success || SquirrelDownload().IsMatch(raw)) return null;
        var app = folder.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        if (app.Equals("temp", StringComparison.OrdinalIgnoreCase) || app.Equals("tmp", StringComparison.OrdinalIgnoreCase)) return null;
        return start.Groups[1].Value.Equals(app, StringComparison.OrdinalIgnoreCase) ? folder.Groups[1].Value : null;
    }

    /// <summary>
    /// Every antivirus exclusion the command adds is an installed product's own folder (under Program Files), a folder on
    /// a data drive (not the system drive, not a root, not user-writable) or a process that is not a shell or loader.
    /// </summary>
    public static bool ScopedExclusion(string raw)
    {
        var lower = raw.ToLowerInvariant();
        if (!lower.Contains("add-mppreference", StringComparison.Ordinal) || DisablesProtection().IsMatch(lower) || lower.Contains("-exclusionextension", StringComparison.Ordinal)
            || lower.Contains(';', StringComparison.Ordinal) || lower.Contains('|', StringComparison.Ordinal) || lower.Contains('&', StringComparison.Ordinal)) return false;
        var paths = Values(ExclusionValues(lower, "-exclusionpath"));
        var processes = Values(ExclusionValues(lower, "-exclusionprocess"));
        if (paths.Count + processes.Count == 0) return false;
        return paths.All(p => (ProgramFilesFolder().IsMatch(p) || DataDriveFolder().IsMatch(p)) && !EndpointPatterns.UserWritable().IsMatch(p + "\\"))
            && processes.All(p => EndpointEvidence.Program(p) is { } name && !EndpointPatterns.Shells.Contains(name) && !EndpointPatterns.AdminTools.Contains(name)
                && (!p.Contains('\\', StringComparison.Ordinal) || ProgramFilesFolder().IsMatch(p)));
    }

    /// <summary>A <c>robocopy ... /MOV</c> (or /MOVE) whose destination is the organisation's own storage: files moved, not rewritten.</summary>
    public static string? BulkMove(FamilyCase c, string raw)
    {
        var m = Robocopy().Match(raw);
        if (!m.Success || !MoveSwitch().IsMatch(raw)) return null;
        var dest = m.Groups[2].Value.Trim('"');
        var unc = UncHost().Match(dest);
        return (unc.Success ? OwnHost(c, unc.Groups[1].Value) : LocalPath().IsMatch(dest)) ? dest : null;
    }

    /// <summary>A host name that is the organisation's own: a bare NetBIOS name, a private address, an internal suffix or a context domain.</summary>
    internal static bool OwnHost(FamilyCase c, string host) =>
        !host.Contains('.') || FamilyCase.IsInternal(host) || InternalSuffix().IsMatch(host)
        || c.Context.Domains.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    private static List<string> Values(string list) => [.. Quoted().Matches(list).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    /// <summary>The text after a switch up to the next switch.</summary>
    private static string ExclusionValues(string lower, string name)
    {
        var i = lower.IndexOf(name, StringComparison.Ordinal);
        if (i < 0) return "";
        var rest = lower[(i + name.Length)..];
        var next = rest.IndexOf(" -", StringComparison.Ordinal);
        return next < 0 ? rest : rest[..next];
    }

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\)?whoami(?:\.exe)?""?(?:\s+/[a-z]+)*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Whoami();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\(?:system32|syswow64)\\(?:windowspowershell\\v1\.0\\)?)?(?:cmd|powershell|pwsh)(?:\.exe)?""?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex InteractiveShell();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\)?cmd(?:\.exe)?""?\s+/c\s+net(?:\.exe)?\s+use\s+[a-z]:\s+\\\\([\w.-]+)\\[\w$.-]+(?:\s+/persistent:(?:yes|no))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NetUse();

    [GeneratedRegex(@"\\appdata\\local\\(?:[\w .-]+\\)?([\w .-]+)\\update\.exe$", RegexOptions.IgnoreCase)]
    private static partial Regex SquirrelFolder();

    [GeneratedRegex(@"--processstart(?:andwait)?\s+""?([\w.-]+)\.exe""?", RegexOptions.IgnoreCase)]
    private static partial Regex ProcessStart();

    [GeneratedRegex(@"--(?:download|update|updaterollback|createshortcut)\b|https?://|\\\\", RegexOptions.IgnoreCase)]
    private static partial Regex SquirrelDownload();

    [GeneratedRegex(@"-disable|-exclusionipaddress|set-mppreference|remove-mppreference")]
    private static partial Regex DisablesProtection();

    [GeneratedRegex(@"['""]([^'""]+)['""]|(?<=\s|,)([^\s'"",]+)")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[a-z]:\\program files(?: \(x86\))?\\[^\\]+", RegexOptions.IgnoreCase)]
    private static partial Regex ProgramFilesFolder();

    [GeneratedRegex(@"^[d-z]:\\[^\\]+", RegexOptions.IgnoreCase)]
    private static partial Regex DataDriveFolder();

    [GeneratedRegex(@"^\s*""?(?:[a-z]:\\windows\\system32\\)?robocopy(?:\.exe)?""?\s+(""[^""]+""|\S+)\s+(""[^""]+""|\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex Robocopy();

    [GeneratedRegex(@"\s/mov(?:e)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MoveSwitch();

    [GeneratedRegex(@"^\\\\([\w.-]+)\\")]
    private static partial Regex UncHost();

    [GeneratedRegex(@"^[a-z]:\\", RegexOptions.IgnoreCase)]
    private static partial Regex LocalPath();

    [GeneratedRegex(@"\.(?:local|internal|corp|lan|intra|ad)$", RegexOptions.IgnoreCase)]
    private static partial Regex InternalSuffix();
}
