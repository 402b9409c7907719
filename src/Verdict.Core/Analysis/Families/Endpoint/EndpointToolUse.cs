using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// What a tool's own arguments say, true at any organisation and from any product:
/// <list type="bullet">
/// <item>certutil run only to compute a file's hash or to refresh Windows' root certificate list from Windows Update
/// (<c>-hashfile</c>, <c>-generateSSTFromWU</c>, <c>-syncWithWU</c>): nothing fetched from elsewhere, decoded or installed;</item>
/// <item>Impacket's smbexec, which writes each command into a batch file that sends its output to
/// <c>\\127.0.0.1\C$\__output</c>: an intruder's remote shell, whoever's account it used. (Output to
/// <c>ADMIN$\__&lt;timestamp&gt;</c>, wmiexec's shape, is also how credentialed scanners run commands over WMI: the WMI
/// parent and the remote-execution evidence weigh it, not this.)</item>
/// <item>an AppleScript dialog asking for a password with a hidden answer: the macOS infostealers' way to get the login
/// password;</item>
/// <item>rundll32 opening one of Windows' own Control Panel items (<c>shell32.dll,Control_RunDLL desk.cpl</c>);</item>
/// <item>an application-control policy blocking an application (the control doing its job, nothing ran); a product that
/// classes the file as a potentially unwanted application (a dual-use tool, not malware) says so, as context only.</item>
/// </list>
/// </summary>
public static partial class EndpointToolUse
{
    private const string Src = "process event";

    public static void Add(FamilyCase c, List<Evidence> evidence, string text, string? image)
    {
        var a = c.Alert;
        if (ImpacketShell().Match(text) is { Success: true } shell)
            evidence.Add(new("impacket_exec", $"The command's output goes to '{CommonEvidence.Clip(shell.Value, 60)}': Impacket's smbexec remote shell, an intruder's tool",
                Leaning.Malicious, 3.0, Src, Strong: true));
        if (PasswordDialog().IsMatch(text))
            evidence.Add(new("password_prompt", "A script shows a dialog asking for the password with a hidden answer: how macOS infostealers (Atomic, Cuckoo) get the login password",
                Leaning.Malicious, 2.5, Src));
        var acts = EndpointExplanations.Acts(evidence);
        if (image is "certutil" && CertutilVerb().Match(text) is { Success: true } verb && !CertutilRisky().IsMatch(text) && !acts)
            evidence.Add(new("certutil_harmless", $"certutil only {(verb.Value.Contains("hash", StringComparison.Ordinal) ? "computes a file's checksum" : "refreshes the trusted root certificates from Windows Update")} ('{verb.Value}'): nothing is fetched from elsewhere, decoded or installed",
                Leaning.Benign, 1.5, Src));
        if (image is "rundll32" && ControlPanelItem().Match(text) is { Success: true } item && !acts && !evidence.Exists(e => e.Key == "lolbin"))
            evidence.Add(new("control_panel_item", $"rundll32 opens the built-in Control Panel item {item.Groups[1].Value}.cpl through shell32 (Control_RunDLL), as Windows does when someone opens that setting",
                Leaning.Benign, 1.2, Src));
        if (ApplicationBlocked(a) && !acts)
            evidence.Add(new("application_blocked", $"The application-control policy blocked an application ('{CommonEvidence.Clip(a.Rule, 80)}'): nothing ran, the control did its job",
                Leaning.Benign, 1.5, "alert"));
        if (PotentiallyUnwanted(a))
            evidence.Add(new("pua_class", "The product classes the file as a potentially unwanted application (a dual-use tool), not as malware: who ran it and why decides",
                Leaning.Context, 0, "alert"));
    }

    /// <summary>Sophos Central's application-control block event, or a rule that says a controlled application was blocked.</summary>
    private static bool ApplicationBlocked(Alert a) =>
        (a.Raw("type") ?? "").EndsWith("::Application::Blocked", StringComparison.OrdinalIgnoreCase) || ControlledBlocked().IsMatch(a.Rule);

    /// <summary>A PUA detection by the product's own class (Sophos <c>CorePuaDetection</c> / group PUA, a "PUA." or "PUA:" threat name).</summary>
    private static bool PotentiallyUnwanted(Alert a) =>
        (a.Raw("type") ?? "").EndsWith("PuaDetection", StringComparison.OrdinalIgnoreCase) || string.Equals(a.Raw("group"), "PUA", StringComparison.OrdinalIgnoreCase)
        || a.Rule.StartsWith("PUA ", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\\\\127\.0\.0\.1\\[a-z]\$\\__output\b", RegexOptions.IgnoreCase)]
    private static partial Regex ImpacketShell();

    [GeneratedRegex(@"display dialog[^\n]{0,300}(?:password|passwort|wachtwoord|mot de passe|contraseña)[^\n]{0,300}hidden answer|display dialog[^\n]{0,300}hidden answer[^\n]{0,300}(?:password|passwort|wachtwoord)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordDialog();

    [GeneratedRegex(@"(?<=\s)-(?:hashfile|generatesstfromwu|syncwithwu)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CertutilVerb();

    /// <summary>certutil verbs or arguments that fetch, decode, encode or install: never harmless.</summary>
    [GeneratedRegex(@"-(?:urlcache|verifyctl|decode|decodehex|encode|encodehex|addstore|importpfx|f\b|split)|https?://|\\\\", RegexOptions.IgnoreCase)]
    private static partial Regex CertutilRisky();

    [GeneratedRegex(@"shell32(?:\.dll)?[, ]+control_rundll\s+(?:c:\\windows\\system32\\)?(desk|appwiz|ncpa|main|mmsys|sysdm|timedate|intl|inetcpl|powercfg|firewall|hdwwiz|joy|bthprops|wscui|irprops|telephon|tabletpc|access)\.cpl\b", RegexOptions.IgnoreCase)]
    private static partial Regex ControlPanelItem();

    [GeneratedRegex(@"\bcontrolled application blocked\b|\bapplication control\b.{0,40}\bblocked\b", RegexOptions.IgnoreCase)]
    private static partial Regex ControlledBlocked();
}
