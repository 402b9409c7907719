using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Changes in a host's state, as host-query tools report them (osquery/Fleet result rows: a new setuid file, kernel
/// module, listening port, cron entry, SSH key, account or sudo session), read by the columns' documented names:
/// <list type="bullet">
/// <item>a file or module that belongs to an installed package (<c>package</c>), outside temporary and hidden folders:
/// the package manager put it there;</item>
/// <item>a listener bound only to the loopback address: nothing on the network can reach it;</item>
/// <item>a change the tool records as made by a listed service account or a configuration or directory agent
/// (<c>changed_by</c>, <c>created_by</c>: Ansible/AWX, Puppet, Chef, Salt, JumpCloud, SSSD...);</item>
/// <item>a listed administrator elevating to root with sudo (sudo asked for their own password);</item>
/// <item>on the malicious side, a running program whose file was deleted or lives in shared memory, a process dressed as a
/// kernel thread ("[kworker/...]") that has a file on disk, and an SSH key whose comment names an attack distribution
/// (root@kali).</item>
/// </list>
/// </summary>
public static partial class EndpointHostState
{
    private const string Src = "host state";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var path = a.Raw("columns.path", "columns.key_file") ?? "";
        if (a.Raw("columns.comment") is { } comment && AttackDistro().Match(comment) is { Success: true } distro)
            evidence.Add(new("attack_distro_key", $"The SSH key's comment is '{CommonEvidence.Clip(comment, 60)}': made on {distro.Groups[1].Value}, an attack distribution", Leaning.Malicious, 2.0, Src));
        if (path.EndsWith("(deleted)", StringComparison.Ordinal) || a.Raw("columns.on_disk") == "0" || path.StartsWith("/dev/shm/", StringComparison.Ordinal) || path.StartsWith("memfd:", StringComparison.Ordinal))
            evidence.Add(new("fileless_process", $"The running program's file was deleted or lives only in memory ({CommonEvidence.Clip(path, 80)}): how miners and implants hide", Leaning.Malicious, 2.0, Src));
        if ((a.Raw("columns.name") ?? a.CommandLine ?? "").TrimStart().StartsWith('[') && path.Length > 0 && !path.StartsWith('['))
            evidence.Add(new("kernel_thread_disguise", $"A program with a file on disk ({CommonEvidence.Clip(path, 60)}) calls itself '{CommonEvidence.Clip(a.Raw("columns.name") ?? "", 40)}', as a kernel thread is named: a disguise", Leaning.Malicious, 1.5, Src));

        var acts = EndpointExplanations.Acts(evidence) || evidence.Exists(e => e.Supports == Leaning.Malicious && e.Source == Src);
        if (a.Raw("columns.package") is { } package && !EndpointPatterns.UserWritable().IsMatch(path.ToLowerInvariant()) && !path.Contains("/.", StringComparison.Ordinal))
            evidence.Add(new("package_owned", $"It belongs to the installed package {CommonEvidence.Clip(package, 60)}: the package manager put it there", Leaning.Benign, acts ? 0.4 : 1.5, Src));
        if (a.Raw("columns.address") is { } bound && a.Raw("columns.port") is { } port && Loopback(bound) && !acts)
            evidence.Add(new("loopback_listener", $"The listener on port {port} is bound to {bound} only: nothing on the network can reach it (a local service, or one reached through an SSH tunnel)", Leaning.Benign, 1.2, Src));
        if (ChangedBy(c) is { } agent)
            evidence.Add(new("managed_change", $"The change was made by {CommonEvidence.Clip(agent, 60)} (configuration or directory management), as the tool records it", Leaning.Benign, acts ? 0.4 : 1.5, Src));
        if (c.IsPrivileged && a.Raw("columns.runas") is "root" && a.Raw("columns.tty") is not null && !acts)
            evidence.Add(new("admin_sudo", $"{c.Who}, a listed administrator, elevated to root with sudo from an interactive session (sudo asked for their own password)", Leaning.Benign, 1.0, Src));
    }

    /// <summary>The recorded author of the change when it is a listed service account or a management agent, or null.</summary>
    private static string? ChangedBy(FamilyCase c)
    {
        if (c.Alert.Raw("columns.changed_by", "columns.created_by", "columns.modified_by") is not { } by) return null;
        var who = by.Split([' ', '(', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return c.Context.IsServiceAccount(who) || ManagementAgent().IsMatch(who) ? by : null;
    }

    private static bool Loopback(string address) => address is "127.0.0.1" or "::1" || address.StartsWith("127.", StringComparison.Ordinal);

    [GeneratedRegex(@"@(kali|parrot|blackarch)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AttackDistro();

    [GeneratedRegex(@"^(?:ansible|awx|puppet|chef(?:-client)?|salt(?:-minion)?|jumpcloud(?:-agent)?|sssd|realmd|jamf|intune|foreman|cloud-init)$", RegexOptions.IgnoreCase)]
    private static partial Regex ManagementAgent();
}
