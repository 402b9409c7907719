using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Evidence from a Kubernetes API audit event (<c>audit.k8s.io</c> <c>Event</c>), read by its documented fields:
/// <c>verb</c>, <c>objectRef.{resource,subresource,namespace,name}</c>, <c>user.username</c>, <c>sourceIPs</c>,
/// <c>userAgent</c>, <c>responseStatus.code</c>, <c>annotations."authorization.k8s.io/decision"</c> and, at Request level,
/// <c>requestObject</c>. Against: a service-account token used from outside the cluster, anonymous access, a privileged
/// or host-namespace pod, a command that escapes to the node, an RBAC binding, secrets enumerated cluster-wide, a shell
/// in a container. For: the cluster's own components (a node's kubelet, the controllers) acting from inside, and an
/// engineer's kubectl from the corporate network in business hours. Rules (Wiz, Falco...) that name these are read too.
/// </summary>
public static partial class KubernetesAudit
{
    private const string Src = "Kubernetes audit";

    public static bool IsAudit(Alert a) => (a.Raw("apiVersion") ?? "").StartsWith("audit.k8s.io/", StringComparison.OrdinalIgnoreCase);

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        RuleClaims(a, evidence);
        SecretsOperator(a, evidence);
        if (!IsAudit(a)) return;
        var verb = (a.Raw("verb") ?? "").ToLowerInvariant();
        var resource = (CloudActor.Path(a, "objectRef.resource") ?? "").ToLowerInvariant();
        var sub = (CloudActor.Path(a, "objectRef.subresource") ?? "").ToLowerInvariant();
        var ns = CloudActor.Path(a, "objectRef.namespace");
        var user = CloudActor.Path(a, "user.username") ?? "";
        var ip = a.SourceIp;
        var inside = ip is not null && FamilyCase.IsInternal(ip);
        var denied = (CloudActor.Path(a, "authorization.k8s.io/decision") ?? "").Equals("forbid", StringComparison.OrdinalIgnoreCase)
            || CloudActor.Path(a, "responseStatus.code") is "401" or "403";
        var request = string.Join(" ", a.Fields.Where(f => f.Key.StartsWith("requestObject", StringComparison.OrdinalIgnoreCase)).Select(f => $"{f.Key}={f.Value}"));

        if (denied) evidence.Add(new("call_failed", "The API server refused the request (forbidden by RBAC): it did not happen, but it was tried", Leaning.Context, 0, Src));
        if (user.StartsWith("system:serviceaccount:", StringComparison.OrdinalIgnoreCase) && ip is not null && !inside
            && !c.Context.AutomationEgress.Contains(ip) && !c.Context.VpnEgress.Contains(ip))
            evidence.Add(new("token_outside_cluster", $"The service account {user} called from {ip}, outside the cluster: its token belongs to pods inside it, so someone took it", Leaning.Malicious, 2.5, Src, Strong: true));
        if (user.Equals("system:anonymous", StringComparison.OrdinalIgnoreCase) && !denied)
            evidence.Add(new("anonymous_access", "An unauthenticated (system:anonymous) request was allowed", Leaning.Malicious, 2.0, Src));
        if (NodeEscape().Match(request) is { Success: true } escape)
            evidence.Add(new("node_escape", $"The pod runs '{CommonEvidence.Clip(escape.Value, 40)}', which enters the node's namespaces: a container escape", Leaning.Malicious, 2.5, Src, Strong: true));
        else if (verb is "create" or "update" or "patch" && Privileged().Match(request) is { Success: true } priv)
            evidence.Add(new("privileged_workload", $"{verb} {resource} with '{CommonEvidence.Clip(priv.Value, 60)}': a workload with the node's powers", Leaning.Malicious, 1.5, Src));
        if (verb is "create" or "update" or "patch" && resource is "clusterrolebindings" or "rolebindings")
        {
            var admin = ClusterAdmin().IsMatch(request);
            evidence.Add(new("privilege_change", $"{verb} {resource} '{CloudActor.Path(a, "objectRef.name")}': an RBAC grant{(admin ? " of cluster-admin" : "")}", Leaning.Malicious, admin ? 2.5 : 1.0, Src));
        }
        if (resource == "secrets" && verb is "list" or "watch" && ns is null && !evidence.Exists(e => e.Key == "secrets_operator"))
            evidence.Add(new("secrets_enumerated", "Every secret in the cluster was listed (no namespace): harvesting credentials", Leaning.Malicious, 1.5, Src));
        if (resource == "pods" && sub is "exec" or "attach" or "portforward")
            evidence.Add(new("container_shell", $"A {sub} into a running container: a shell inside the workload", Leaning.Malicious, 0.5, Src));

        if (inside && SystemComponent().Match(user) is { Success: true } part)
            evidence.Add(new("cluster_component", $"The cluster's own component '{CommonEvidence.Clip(user, 80)}' ({part.Value}) made the call from inside the cluster ({ip}): draining, scheduling and reconciling is its job", Leaning.Benign, 2.0, Src));
        else if (!denied && !user.StartsWith("system:", StringComparison.OrdinalIgnoreCase) && user.Length > 0
            && (inside || c.Context.VpnEgress.Contains(ip)) && c.InBusinessHours && (a.Raw("userAgent") ?? "").StartsWith("kubectl/", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("engineer_in_hours", $"{user} used kubectl from the corporate network ({ip}) in business hours and RBAC allowed it: an engineer at work", Leaning.Benign, 1.0, Src));
    }

    /// <summary>A detector's rule (Wiz, Falco, GuardDuty EKS...) that names a privileged container, a host namespace or an escape, or a source it calls unusual.</summary>
    private static void RuleClaims(Alert a, List<Evidence> evidence)
    {
        var image = a.Raw("extendedproperties.image", "container.image.name", "container.image", "image");
        if (PrivilegedRule().Match(a.Rule) is { Success: true } && image is not null && Endpoint.ContainerWorkloads.NodeAgent(image) is { } agent)
            evidence.Add(new("node_agent_image", $"The privileged container runs {agent}, a node agent from its vendor's own registry, whose daemonset needs host access by design", Leaning.Benign, 1.5, "alert"));
        else if (PrivilegedRule().Match(a.Rule) is { Success: true } m)
            evidence.Add(new("privileged_workload", $"The detector's rule names a privileged or host-namespace workload ('{m.Value}'): a container that can take over its node", Leaning.Malicious, 1.5, "alert"));
        if (UnusualSource().Match(a.Rule) is { Success: true } u)
            evidence.Add(new("detector_unusual_source", $"The detector's rule says the source was unusual ('{u.Value}'): a claim about who called, which no change window explains", Leaning.Malicious, 1.0, "alert"));
    }

    /// <summary>
    /// A secrets controller (External Secrets Operator, Sealed Secrets, the Vault injector or operator, the Secrets Store
    /// CSI driver, cert-manager), by its service account's namespace and name, reading secrets (get, list, watch) from
    /// inside the cluster: syncing and reconciling every secret is its job. Kubernetes audit events must show a private
    /// source; a detection (Wiz) must record no public address; any change to secrets or other resources gets nothing.
    /// </summary>
    private static void SecretsOperator(Alert a, List<Evidence> evidence)
    {
        string? account, action;
        if (IsAudit(a))
        {
            if (a.SourceIp is not { } ip || !FamilyCase.IsInternal(ip)) return;
            account = CloudActor.Path(a, "user.username");
            action = $"{a.Raw("verb")} {CloudActor.Path(a, "objectRef.resource")}";
        }
        else
        {
            if (a.Fields.Any(f => f.Key.Contains("ipAddresses", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(f.Value) && !FamilyCase.IsInternal(f.Value.Trim()))) return;
            account = CloudActor.Path(a, "actors.0.name");
            action = (CloudActor.Path(a, "cloudEvents.0") ?? CloudActor.Path(a, "cloudEvents"))?.Trim('[', ']', '"', ' ');
        }
        if (account is null || action is null || SecretsController().Match(account) is not { Success: true } m || !SecretRead().IsMatch(action.Trim())) return;
        evidence.Add(new("secrets_operator", $"'{account}' is the service account of a secrets controller ({m.Groups[1].Value}) and it did '{action.Trim()}' from inside the cluster: syncing and reconciling secrets is its job", Leaning.Benign, 2.0, Src));
    }

    [GeneratedRegex(@"(?i)^system:serviceaccount:(external-secrets|sealed-secrets|vault|vault-secrets-operator|cert-manager|secrets-store-csi-driver|kube-system):(external-secrets|sealed-secrets-controller|vault-agent-injector|vault-secrets-operator-controller-manager|cert-manager|secrets-store-csi-driver)$")]
    private static partial Regex SecretsController();

    [GeneratedRegex(@"(?i)^(get|list|watch) secrets$")]
    private static partial Regex SecretRead();

    [GeneratedRegex(@"(?i)nsenter[^=]*?-t[, ]+1\b|chroot[, ]+/host|/proc/1/root")]
    private static partial Regex NodeEscape();

    [GeneratedRegex(@"(?i)(privileged|hostPID|hostNetwork|hostIPC)=true|hostPath\.path=/(\s|$)|hostPath\.path=/(etc|root|var/run/docker\.sock|proc)\b")]
    private static partial Regex Privileged();

    [GeneratedRegex(@"(?i)cluster-admin|system:masters")]
    private static partial Regex ClusterAdmin();

    [GeneratedRegex(@"(?i)^system:(node:|kube-controller-manager|kube-scheduler|apiserver|serviceaccount:kube-system:)")]
    private static partial Regex SystemComponent();

    [GeneratedRegex(@"(?i)privileged (container|pod)|host ?(PID|network|IPC) namespace|container escape|escape to (the )?(node|host)")]
    private static partial Regex PrivilegedRule();

    [GeneratedRegex(@"(?i)\bfrom an? (unusual|unknown|new|rare|suspicious|malicious|anomalous) (IP|address|location|country|ASN|network)\b|\b(Tor|anonymi[sz]ing) (exit|proxy|IP)")]
    private static partial Regex UnusualSource();
}
