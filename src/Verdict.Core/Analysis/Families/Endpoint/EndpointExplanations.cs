using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Why benign software trips endpoint rules, each as an explanation a SOC analyst at any organisation would accept:
/// a fetch from a vendor's official distribution host (the documented install command of Homebrew, Chocolatey, a
/// HashiCorp release); a package manager doing its job (dpkg under apt, a package install inside an image build);
/// a program installed under Program Files (only administrators and installers write there) running, or configuring
/// itself; a script from the domain's NETLOGON/SYSVOL share (only domain administrators write there); a developer tool
/// or build agent running the developer's commands. None of them explains what a command does (a download from
/// elsewhere, a credential dump, a shell for a remote host): that evidence keeps its weight.
/// </summary>
public static partial class EndpointExplanations
{
    private const string Src = "process event";

    /// <summary>Evidence keys that say what a command does, which no explanation of its packaging covers.</summary>
    public static bool Acts(List<Evidence> evidence) => evidence.Exists(e => e.Supports == Leaning.Malicious
        && e.Key is "download_and_execute" or "download_cradle" or "lolbin" or "reverse_shell" or "credential_dumping" or "browser_credentials"
            or "office_spawns_shell" or "script_host_chain" or "user_writable_module" or "exfil_tool" or "data_staging" or "rule_names_threat"
            or "renamed_binary" or "remote_access_tool" or "crypto_miner" || (e.Key == "defence_evasion" && e.Weight > 1.0));

    public static void Add(FamilyCase c, List<Evidence> evidence, string text, string? image, string? parent, string path)
    {
        var acts = Acts(evidence);
        if (PackageManagerRun(c.Alert, text, image, parent) is { } why)
            evidence.Add(new("package_manager", why, Leaning.Benign, acts ? 0.5 : 1.5, Src));
        if (InstalledImage(path, image))
        {
            var signer = c.Alert.Raw("signer", "process.code_signature.subject_name", "company", "publisher");
            evidence.Add(new("installed_program", $"{image} runs from its install folder under Program Files{(signer is null ? "" : $", signed by {CommonEvidence.Clip(signer, 60)}")}: only administrators and installers write there",
                Leaning.Benign, acts ? 0.4 : 1.0, Src));
        }
        else if (EndpointSignals.InstalledParent(c.Alert) && !EndpointPatterns.UserWritable().IsMatch(text) && !acts)
        {
            evidence.Add(new("installed_parent", $"Started by an installed program ({c.Alert.ParentProcess}, under Program Files) to set itself up or do its job, with nothing in a user-writable folder",
                Leaning.Benign, 1.2, Src));
            if (OwnDataFolder(c.Alert, path) is { } vendor && evidence.FindIndex(e => e.Key == "user_writable_path" && e.Weight > 0.3) is var w and >= 0)
                evidence[w] = evidence[w] with { Weight = 0.3, Description = evidence[w].Description + $", though it is the data folder of the program that started it (ProgramData\\{vendor}, beside Program Files\\{vendor})" };
        }
        if (LogonScript(c, text) is { } share)
            evidence.Add(new("logon_script", $"The script comes from the domain's {share} share, which only domain administrators can write (a logon, startup or Group Policy script)", Leaning.Benign, acts ? 0.4 : 1.5, Src));
        // A build fetching from the organisation's own named hosts (its Git server, its artifact store) is the build's job.
        var ownFetch = evidence.Exists(e => e.Key == "internal_fetch");
        var buildActs = Acts(evidence.Where(e => !(ownFetch && e.Key == "download_cradle")).ToList());
        if (parent is not null && DevTools.Contains(parent))
            evidence.Add(new("developer_tool", $"Started by {parent}, a developer tool or build agent that runs the developer's own builds, tests and scripts{(ownFetch && !buildActs ? ", here fetching from the organisation's own host" : "")}",
                Leaning.Benign, buildActs ? 0.3 : 1.0, Src));
        if (c.Alert.Time is { } t && c.Context.MaintenanceAt(t) is { } window && (c.Context.IsServiceAccount(c.Alert.User) || c.IsPrivileged
                || evidence.Exists(e => e.Key is "deployment_tool" or "package_manager" or "installed_parent")))
            evidence.Add(new("maintenance_window", $"During the declared maintenance window ({CommonEvidence.Clip(window.Description, 60)}), run by {(c.IsPrivileged ? "a listed administrator" : "a listed service account or the deployment tooling")}",
                Leaning.Benign, acts ? 0.3 : 0.8, "context file"));
        ContainerWorkloads.Add(c, evidence, text, image);
        if (SoftwareSourceOnly(text))
            evidence.Add(new("official_download", "Every address the command fetches from is a software vendor's official distribution host (its documented install command)", Leaning.Benign, 1.0, Src));
    }

    /// <summary>The parent is a developer tool or build agent: packaging switches (hidden, non-interactive) are routine under it.</summary>
    public static readonly HashSet<string> DevTools = ["code", "code-insiders", "devenv", "agent.worker", "runner.worker", "gitlab-runner", "jupyter-lab", "jupyter-notebook", "jupyter",
        "idea64", "pycharm64", "rider64", "webstorm64", "goland64", "clion64", "cursor", "servicehub.host.dotnet.x64", "vstest.console", "testhost"];

    /// <summary>True when every URL in the text points at a vendor's official distribution host (or its install path on a shared host).</summary>
    public static bool SoftwareSourceOnly(string text)
    {
        var urls = Url().Matches(text);
        return urls.Count > 0 && urls.All(m => OfficialSource().IsMatch(m.Groups[1].Value));
    }

    /// <summary>The program runs from Program Files (not a shell or Windows loader, not a user-writable path).</summary>
    /// <summary>
    /// The vendor folder when the program runs from ProgramData\Vendor\ and its parent is installed under Program Files\Vendor\
    /// (an installed agent running the plugins or updates it keeps in its own data folder); null otherwise.
    /// </summary>
    private static string? OwnDataFolder(Alert a, string path)
    {
        var data = DataFolder().Match(path);
        var parent = $"{a.Raw("process.parent.executable", "parentprocesspath", "parent_image", "parentimage", "initiatingprocessfolderpath")} {EndpointSignals.ParentCommand(a)}";
        return data.Success && parent.Contains($@"\program files\{data.Groups[1].Value}\", StringComparison.OrdinalIgnoreCase)
            || data.Success && parent.Contains($@"\program files (x86)\{data.Groups[1].Value}\", StringComparison.OrdinalIgnoreCase) ? data.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^[a-z]:\\programdata\\([^\\]+)\\", RegexOptions.IgnoreCase)]
    private static partial Regex DataFolder();

    private static bool InstalledImage(string path, string? image) =>
        image is not null && !EndpointPatterns.Shells.Contains(image) && ProgramFiles().IsMatch(path) && !EndpointPatterns.UserWritable().IsMatch(path.ToLowerInvariant());

    private static string? PackageManagerRun(Alert a, string text, string? image, string? parent)
    {
        if (image is null || !PackageManagers.Contains(image)) return null;
        if (parent is not null && PackageManagers.Contains(parent))
            return $"{image} run by {parent}: a package manager installing or configuring packages writes below /etc and runs maintainer scripts by design";
        return a.Raw("container.name", "output_fields.container.name", "container.image.repository", "output_fields.container.image.repository", "k8s.pod.name", "output_fields.k8s.pod.name") is { } container && ImageBuild().IsMatch(container)
            ? $"{image} runs inside an image build ({CommonEvidence.Clip(container, 60)}), where installing packages is the point" : null;
    }

    private static readonly HashSet<string> PackageManagers = ["apt", "apt-get", "aptitude", "dpkg", "unattended-upgrade", "unattended-upgr", "yum", "dnf", "rpm", "zypper", "apk", "packagekitd",
        // The distributions' own unattended-update services, which run the package manager on a timer.
        "dnf-automatic", "yum-cron"];

    /// <summary>"NETLOGON" or "SYSVOL" when the text runs something from the organisation's domain share (an internal host).</summary>
    public static string? LogonScript(FamilyCase c, string text)
    {
        foreach (Match m in DomainShare().Matches(text))
        {
            var host = m.Groups[1].Value;
            if (!host.Contains('.') || FamilyCase.IsInternal(host) || InternalSuffix().IsMatch(host)
                || c.Context.Domains.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
                return m.Groups[2].Value.ToUpperInvariant();
        }
        return null;
    }

    [GeneratedRegex(@"https?://([^\s'""`)]+)")]
    private static partial Regex Url();

    // Vendor-controlled hosts whose content is the vendor's own release (not registries or hosts anyone can publish to), among them
    // monitoring and security agents' documented install hosts (Datadog, Elastic, Wazuh, New Relic, Zabbix, osquery, Fluent Bit).
    [GeneratedRegex(@"^(?:(?:releases\.hashicorp\.com|apt\.releases\.hashicorp\.com|(?:community\.)?chocolatey\.org|get\.docker\.com|download\.docker\.com|sh\.rustup\.rs|static\.rust-lang\.org|deb\.nodesource\.com|dotnet\.microsoft\.com|builds\.dotnet\.microsoft\.com|packages\.microsoft\.com|download\.microsoft\.com|dl\.google\.com|dl\.k8s\.io|get\.helm\.sh|awscli\.amazonaws\.com|(?:deb|security)\.debian\.org|(?:archive|security)\.ubuntu\.com|dl-cdn\.alpinelinux\.org|bootstrap\.pypa\.io|get\.sdkman\.io|releases\.jfrog\.io|install\.datadoghq\.com|(?:packages|artifacts)\.elastic\.co|packages\.wazuh\.com|download\.newrelic\.com|repo\.zabbix\.com|pkg\.osquery\.io|packages\.fluentbit\.io|install\.python-poetry\.org|get\.pnpm\.io)(?:[:/?#]|$)|raw\.githubusercontent\.com/homebrew/install/|nodejs\.org/dist/|dot\.net/v1/dotnet-install|aka\.ms/install|go\.dev/dl/|astral\.sh/uv/install)", RegexOptions.IgnoreCase)]
    private static partial Regex OfficialSource();

    [GeneratedRegex(@"\\program files(?: \(x86\))?\\", RegexOptions.IgnoreCase)]
    private static partial Regex ProgramFiles();

    [GeneratedRegex(@"kaniko|buildkit|buildah|buildx|docker-build|image-build", RegexOptions.IgnoreCase)]
    private static partial Regex ImageBuild();

    [GeneratedRegex(@"\\\\([\w.-]+)\\(netlogon|sysvol)\\", RegexOptions.IgnoreCase)]
    private static partial Regex DomainShare();

    [GeneratedRegex(@"\.(?:local|internal|corp|lan|intra|ad)$", RegexOptions.IgnoreCase)]
    private static partial Regex InternalSuffix();
}
