using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Tools whose normal work trips cloud detectors, recognised by what any organisation's records say about them:
/// a scan from a workload the cloud itself names or tags as a vulnerability scanner (Qualys, Tenable/Nessus, Rapid7,
/// Greenbone/OpenVAS); AccessDenied bursts from a cloud security-audit tool (Prowler, ScoutSuite, CloudSploit, Steampipe)
/// run under an audit or read-only role; Kubernetes objects applied by a GitOps controller's own service account
/// (Argo CD, Flux). Kept out: a scan reported from anywhere but such a workload, an audit tool under any other role,
/// a controller binding cluster-admin.
/// </summary>
public static partial class OperatorReasons
{
    private const string Src = "cloud event";

    public static void Add(FamilyCase c, CloudActor actor, List<Evidence> evidence)
    {
        var a = c.Alert;
        var text = $"{a.Rule} {a.Description}";
        if (ScanRule().IsMatch(text) && ScannerResource(a) is { } scanner)
            evidence.Add(new("scanner_workload", $"The scan came from '{scanner}', a workload the cloud account names or tags as a vulnerability scanner: scanning is its job", Leaning.Benign, 1.5, Src));
        if (a.Raw("useragent") is { } ua && AuditTool().Match(ua) is { Success: true } tool
            && AuditRole().Match($"{actor.Role} {actor.Arn} {a.User}") is { Success: true } role)
            evidence.Add(new("security_audit_tool", $"The calls came from {tool.Value}, a cloud security-audit tool, under the audit/read-only role '{role.Value}': audit tools try every read API and collect AccessDenied where the role is narrower", Leaning.Benign, 1.5, Src));
        if (GitOps().Match(a.User ?? "") is { Success: true } controller && !ClusterAdmin().IsMatch(string.Join(" ", a.Fields.Select(f => f.Value))))
            evidence.Add(new("gitops_controller", $"The object was applied by {controller.Value}, a GitOps controller's service account: it deploys what was merged into the cluster's configuration repository", Leaning.Benign, 1.5, Src));
    }

    /// <summary>The name of the resource the alert is about when its name or tags say it is a vulnerability scanner.</summary>
    private static string? ScannerResource(Alert a)
    {
        var name = a.Raw("resourceName", "resourceId", "instanceId") ?? a.Host;
        var tags = string.Join(" ", a.Fields.Where(f => f.Key.Contains(".tags.", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value));
        return name is not null && (ScannerName().IsMatch(name) || ScannerName().IsMatch(tags)) ? name : null;
    }

    [GeneratedRegex(@"(?i)\bport ?scan|\bscan(ning)?\b|\brecon(naissance)?\b|\bsweep\b")]
    private static partial Regex ScanRule();

    [GeneratedRegex(@"(?i)\b(qualys|tenable|nessus|rapid7|insightvm|nexpose|greenbone|openvas)\b|vulnerability[-_ ]scanner")]
    private static partial Regex ScannerName();

    [GeneratedRegex(@"(?i)\b(prowler|scoutsuite|scout ?suite|cloudsploit|steampipe|cloud-custodian|custodian)\b")]
    private static partial Regex AuditTool();

    [GeneratedRegex(@"(?i)[\w-]*(audit|readonly|read-only|securityaudit|viewonly)[\w-]*")]
    private static partial Regex AuditRole();

    [GeneratedRegex(@"(?i)system:serviceaccount:[\w-]+:(argocd-application-controller|argocd-server|kustomize-controller|helm-controller|flux[\w-]*)")]
    private static partial Regex GitOps();

    [GeneratedRegex(@"(?i)\bcluster-admin\b")]
    private static partial Regex ClusterAdmin();
}
