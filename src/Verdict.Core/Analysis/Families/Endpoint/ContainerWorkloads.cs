using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Analysis.Families.Cloud;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Why container runtime rules (Falco, Sysdig, any agent that names the pod and image) fire on ordinary work, by what
/// any cluster's records say about the workload:
/// <list type="bullet">
/// <item>A CI job's pod (a GitLab runner's <c>runner-…-project-…-concurrent-…</c> pod, a namespace or pod of GitLab
/// Runner, GitHub Actions runners, Jenkins agents, Buildkite, Tekton): jobs install packages, write system files and run
/// binaries they have just built, which is what "drift", "package management" and "write below etc" rules see.</item>
/// <item>A language package manager (pip, conda, npm..., or an interpreter running pip) in a notebook server's pod (Jupyter,
/// RStudio), with no URL in the command: data scientists install libraries into their own notebook.</item>
/// <item>A Kubernetes API connection from the container's own program (named as the container is): a controller or operator.</item>
/// <item>A write of a configuration file below /etc by the image's entrypoint script (docker-entrypoint) at container start;
/// never accounts, sudo, cron, SSH, the loader or PAM.</item>
/// <item>A privileged container whose image is a node agent from its vendor's own registry (Datadog, Falco, Sysdig,
/// Cilium, Calico, the AWS VPC CNI, kube-proxy, the cloud providers' CSI drivers from their own registries...): those daemonsets need host access by design.</item>
/// <item>A shell whose whole command opens <c>/dev/tcp/HOST/PORT</c> to an internal name with nothing attached to it
/// (a readiness probe's port check), unlike a reverse shell that hands its input and output to the socket.</item>
/// <item>A shell a listed administrator opened through the Kubernetes API (Falco's <c>ka.user.name</c>) in business hours.</item>
/// </list>
/// None is said when the command does something (a reverse shell, a miner, a download run, a credential dump).
/// </summary>
public static partial class ContainerWorkloads
{
    private const string Src = "container";

    public static void Add(FamilyCase c, List<Evidence> evidence, string text, string? image)
    {
        var a = c.Alert;
        if (EndpointExplanations.Acts(evidence) || evidence.Exists(e => e.Key == "reverse_shell")) return;
        var pod = CloudActor.Path(a, "k8s.pod.name") ?? CloudActor.Path(a, "kubernetes.pod.name");
        var ns = CloudActor.Path(a, "k8s.ns.name") ?? CloudActor.Path(a, "kubernetes.namespace.name");
        var repo = CloudActor.Path(a, "container.image.repository") ?? CloudActor.Path(a, "container.image.repo");
        if ($"{pod} {ns}" is var workload && CiJob().Match(workload) is { Success: true } job)
            evidence.Add(new("ci_build_job", $"The process runs in a CI job's pod ('{CommonEvidence.Clip(job.Value, 60)}'): jobs install packages, write system files and run what they have just built", Leaning.Benign, 1.5, Src));
        else if (PackageTool(image, a.CommandLine) is { } tool && !text.Contains("://", StringComparison.Ordinal)
            && Notebook().Match($"{pod} {repo}") is { Success: true } notebook)
            evidence.Add(new("notebook_package_install", $"{tool} installs a library inside a notebook server ('{CommonEvidence.Clip(notebook.Value, 60)}'), where its user installs what an analysis needs", Leaning.Benign, 1.5, Src));
        if (Privileged().IsMatch(a.Rule) && repo is not null && NodeAgentImage().Match(repo) is { Success: true } agent)
            evidence.Add(new("node_agent_image", $"The privileged container runs {agent.Value}, a node agent from its vendor's own registry, whose daemonset needs host access by design", Leaning.Benign, 1.5, Src));
        var container = CloudActor.Path(a, "container.name");
        if (ApiServerRule().IsMatch(a.Rule) && container is not null && Program(a.CommandLine) is { } program
            && program.Equals(container, StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("controller_api_call", $"The connection to the Kubernetes API comes from the container's own program ('{program}', as the container is named), not a shell or tool run inside it: a controller or operator talks to the API server to do its job", Leaning.Benign, 1.5, Src));
        if (EtcWriteRule().IsMatch(a.Rule) && EntrypointRun(a, CloudActor.Path(a, "proc.pname")) && CloudActor.Path(a, "fd.name") is { } file
            && EtcConfig().IsMatch(file) && !SensitiveEtc().IsMatch(file))
            evidence.Add(new("entrypoint_config", $"The image's own entrypoint (docker-entrypoint) writes {file} as the container starts: images render their configuration from templates that way", Leaning.Benign, 1.5, Src));
        if (PortCheck().Match((a.CommandLine ?? "").Trim().ToLowerInvariant()) is { Success: true } check && InternalName(check.Groups[1].Value))
            evidence.Add(new("port_check", $"The shell only opens a TCP connection to {check.Groups[1].Value}:{check.Groups[2].Value}, an internal service, with no shell's input or output on it: a readiness or port check", Leaning.Benign, 1.5, Src));
        if (CloudActor.Path(a, "ka.user.name") is { } person && c.Context.IsPrivileged(EntityText.User(person)) && c.InBusinessHours
            && image is not null && EndpointPatterns.Shells.Contains(image))
            evidence.Add(new("admin_kubectl_shell", $"{person}, a listed administrator, opened the shell through the Kubernetes API (kubectl exec) in business hours", Leaning.Benign, 1.0, Src));
    }

    /// <summary>The package manager a command runs: the program itself ("pip"), or one an interpreter runs ("python3.11 /opt/conda/bin/pip install", "python -m pip install").</summary>
    private static string? PackageTool(string? image, string? commandLine)
    {
        if (image is not null && LanguagePackages.Contains(image)) return image;
        return InterpreterPackageTool().Match((commandLine ?? "").Trim()) is { Success: true } m && LanguagePackages.Contains(m.Groups[1].Value.ToLowerInvariant())
            ? m.Groups[1].Value : null;
    }

    /// <summary>The file name of a command line's program ("/usr/bin/argocd-application-controller --x" is "argocd-application-controller").</summary>
    private static string? Program(string? commandLine) =>
        commandLine?.Trim().Split(' ', 2)[0] is { Length: > 0 } first ? first[(first.LastIndexOf('/') + 1)..] : null;

    /// <summary>Started by the image's entrypoint script (Falco cuts the parent's name to 15 characters: "docker-entrypoi"), or running one of its /docker-entrypoint.d/ scripts.</summary>
    private static bool EntrypointRun(Alert a, string? parent) =>
        (parent is not null && parent.StartsWith("docker-entrypoi", StringComparison.OrdinalIgnoreCase))
        || (a.CommandLine ?? "").Contains("/docker-entrypoint.d/", StringComparison.Ordinal);

    [GeneratedRegex(@"^\S*/?python[\d.]*\s+(?:-m\s+)?(?:\S*/)?(pip3?|conda|mamba)(?:\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex InterpreterPackageTool();

    [GeneratedRegex(@"(?i)\b(contact|connect\w*)\b.*\b(k8s|kubernetes)\s+api\s*server\b")]
    private static partial Regex ApiServerRule();

    [GeneratedRegex(@"(?i)\bwrite\s+below\s+etc\b")]
    private static partial Regex EtcWriteRule();

    /// <summary>A configuration file below /etc.</summary>
    [GeneratedRegex(@"(?i)^/etc/[\w./-]+\.(conf|cnf|cfg|ini|ya?ml|json|toml|properties|xml|template)$")]
    private static partial Regex EtcConfig();

    /// <summary>Files an intruder writes for persistence or privilege: accounts, sudo, cron, SSH, the loader, PAM, profile scripts.</summary>
    [GeneratedRegex(@"(?i)^/etc/(passwd|shadow|group|gshadow|sudoers|cron|crontab|anacrontab|ssh|ld\.so|pam\.d|profile|bash|rc\.local|init|systemd|security|update-motd)")]
    private static partial Regex SensitiveEtc();

    /// <summary>A host name inside the organisation's networks: a private address, or a cluster or internal DNS suffix.</summary>
    private static bool InternalName(string host) =>
        FamilyCase.IsInternal(host) || !host.Contains('.', StringComparison.Ordinal) || InternalSuffix().IsMatch(host);

    private static readonly HashSet<string> LanguagePackages = ["pip", "pip3", "conda", "mamba", "micromamba", "npm", "yarn", "pnpm", "gem", "cran", "r"];

    [GeneratedRegex(@"(?i)\brunner-[a-z0-9]+-project-\d+-concurrent-\d+\b|\b(gitlab-runner|actions-runner(-system)?|arc-runners|github-runner|jenkins-agent|buildkite-agent|tekton-pipelines)\b")]
    private static partial Regex CiJob();

    [GeneratedRegex(@"(?i)\bjupyter[\w-]*|\bjupyterhub\b|[\w-]*-notebook\b|\brstudio\b")]
    private static partial Regex Notebook();

    /// <summary>A shell whose whole command opens /dev/tcp/HOST/PORT on a descriptor (exec 3&lt;&gt;...) and nothing else.</summary>
    [GeneratedRegex(@"^(?:ba)?sh\s+-c\s+['""]?(?:exec\s+)?\d<>\s*/dev/tcp/([a-z0-9.-]+)/(\d{1,5})['""]?\s*$")]
    private static partial Regex PortCheck();

    [GeneratedRegex(@"(?i)\.(internal|local|lan|svc|cluster\.local|corp|intranet)$")]
    private static partial Regex InternalSuffix();

    [GeneratedRegex(@"(?i)\bprivileged\b")]
    private static partial Regex Privileged();

    /// <summary>The node agent an image reference ("quay.io/prometheus/node-exporter:v1.8.2", a digest too) names in its vendor's registry, or null.</summary>
    public static string? NodeAgent(string image)
    {
        var repo = image.Trim().Split('@')[0];
        var slash = repo.LastIndexOf('/');
        var colon = repo.LastIndexOf(':');
        if (colon > slash) repo = repo[..colon];
        return NodeAgentImage().Match(repo) is { Success: true } m ? m.Value : null;
    }

    /// <summary>A node agent's image in its vendor's registry (registry and path both), never a look-alike elsewhere.</summary>
    [GeneratedRegex(@"(?i)^(?:gcr\.io/datadoghq/agent|public\.ecr\.aws/datadog/agent|docker\.io/datadog/agent|datadog/agent|docker\.io/falcosecurity/falco|falcosecurity/falco|quay\.io/sysdig/agent(-slim)?|quay\.io/cilium/cilium|docker\.io/calico/node|quay\.io/calico/node|registry\.k8s\.io/kube-proxy|\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/amazon-k8s-cni|public\.ecr\.aws/(eks|ebs-csi-driver|efs-csi-driver)/aws-[a-z0-9-]+|mcr\.microsoft\.com/oss/kubernetes-csi/[a-z0-9-]+|gke\.gcr\.io/[a-z0-9-]+|docker\.elastic\.co/beats/elastic-agent|quay\.io/prometheus/node-exporter)$")]
    private static partial Regex NodeAgentImage();
}
