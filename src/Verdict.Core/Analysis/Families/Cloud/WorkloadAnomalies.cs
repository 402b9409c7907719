using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// "First seen" connection anomalies of cloud workload agents (Lacework/FortiCNAPP, and any product that words them the
/// same) that ordinary operation explains: a package manager (apt, yum/dnf, apk, pip, npm) fetching from its
/// distribution's official mirror after an image change, and new external clients reaching a workload's web port (80/443),
/// which is a public site getting visitors. Neither is said when the alert names a threat, or when the connection is
/// outbound from anything but a package manager.
/// </summary>
public static partial class WorkloadAnomalies
{
    private const string Src = "cloud workload";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!NewConnection().IsMatch(a.Rule)) return;
        var text = $"{a.Description} {a.CommandLine} {string.Join(" ", a.Fields.Where(f => f.Key.Contains("HOSTNAME", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value))}";
        if (a.Rule.Contains("server", StringComparison.OrdinalIgnoreCase) && PackageManager().Match(text) is { Success: true } pm && Mirror().Match(text) is { Success: true } mirror)
            evidence.Add(new("package_mirror", $"The new connection is {pm.Value} fetching packages from {mirror.Value}, the distribution's official mirror: what a package install or image rebuild does", Leaning.Benign, 1.5, Src));
        else if (a.Rule.Contains("client", StringComparison.OrdinalIgnoreCase) && WebPort(a) is { } port)
            evidence.Add(new("web_visitors", $"New external clients connected to port {port} of the workload, its web port: a public site receiving visitors (requests themselves are the WAF's to judge)", Leaning.Benign, 1.0, Src));
    }

    private static string? WebPort(Verdict.Alerts.Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (key.Contains("PORT", StringComparison.OrdinalIgnoreCase) && value.Trim('[', ']', ' ') is "443" or "80" or "8443") return value.Trim('[', ']', ' ');
        }
        return null;
    }

    [GeneratedRegex(@"(?i)\bnew (external )?(server|client)s?\b|\bnew external (server|client)|\bNewExternal(Server|Client)")]
    private static partial Regex NewConnection();

    [GeneratedRegex(@"(?i)\b(apt-get|apt|/usr/lib/apt/methods/\w+|yum|dnf|apk|pip3?|npm|zypper)\b")]
    private static partial Regex PackageManager();

    [GeneratedRegex(@"(?i)\b(deb\.debian\.org|security\.debian\.org|archive\.ubuntu\.com|security\.ubuntu\.com|ports\.ubuntu\.com|dl-cdn\.alpinelinux\.org|mirrorlist\.centos\.org|dl\.fedoraproject\.org|mirrors\.fedoraproject\.org|cdn\.redhat\.com|cdn-ubi\.redhat\.com|download\.opensuse\.org|pypi\.org|files\.pythonhosted\.org|registry\.npmjs\.org)\b")]
    private static partial Regex Mirror();
}
