using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// "First seen" connection anomalies of cloud workload agents (Lacework/FortiCNAPP, and any product that words them the
/// same) that ordinary operation explains: a package manager (apt, yum/dnf, apk, pip, npm) fetching from its
/// distribution's official mirror after an image change, and new external clients reaching a workload's web port (80/443),
/// which is a public site getting visitors, and a monitoring vendor's agent reaching its vendor's intake (also GuardDuty's
/// unusual port or volume to an address registered to that vendor). None is said when the alert names a threat, or when
/// the connection is outbound from anything but a package manager or the vendor's own agent.
/// </summary>
public static partial class WorkloadAnomalies
{
    private const string Src = "cloud workload";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        MonitoringIntake(c, evidence);
        if (!NewConnection().IsMatch(a.Rule)) return;
        var text = $"{a.Description} {a.CommandLine} {string.Join(" ", a.Fields.Where(f => f.Key.Contains("HOSTNAME", StringComparison.OrdinalIgnoreCase)).Select(f => f.Value))}";
        if (a.Rule.Contains("server", StringComparison.OrdinalIgnoreCase) && PackageManager().Match(text) is { Success: true } pm && Mirror().Match(text) is { Success: true } mirror)
            evidence.Add(new("package_mirror", $"The new connection is {pm.Value} fetching packages from {mirror.Value}, the distribution's official mirror: what a package install or image rebuild does", Leaning.Benign, 1.5, Src));
        else if (a.Rule.Contains("client", StringComparison.OrdinalIgnoreCase) && WebPort(a) is { } port)
            evidence.Add(new("web_visitors", $"New external clients connected to port {port} of the workload, its web port: a public site receiving visitors (requests themselves are the WAF's to judge)", Leaning.Benign, 1.0, Src));
    }

    /// <summary>
    /// A new or unusual outbound connection (not a named threat) to a monitoring vendor's own intake, made by that vendor's
    /// agent: the workload anomaly names both the agent (datadog-agent, newrelic-infra, splunkd, elastic-agent or a Beat,
    /// Dynatrace OneAgent, the Sumo Logic collector) and the vendor's intake domain; a GuardDuty unusual-port or
    /// unusual-volume finding names no process, so there the remote address must be registered to the vendor itself
    /// (<c>RemoteIpDetails.Organization</c>). A newly installed agent shipping logs and metrics is what this looks like.
    /// Not said when the alert names a threat, nor for an agent name talking to anything but its own vendor.
    /// </summary>
    private static void MonitoringIntake(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (CommonEvidence.ThreatNamed(a) is not null) return;
        if (NewConnection().IsMatch(a.Rule) && a.Rule.Contains("server", StringComparison.OrdinalIgnoreCase))
        {
            var text = $"{a.Description} {a.CommandLine} {a.Process}";
            foreach (var (vendor, agent, intake) in Monitoring)
            {
                if (Regex.Match(text, agent) is { Success: true } ag && Regex.Match(text, intake) is { Success: true } to)
                {
                    evidence.Add(new("monitoring_intake", $"The new connection is {vendor}'s agent ('{CommonEvidence.Clip(ag.Value, 40)}') reaching {vendor}'s own intake ('{CommonEvidence.Clip(to.Value, 50)}'): a monitoring agent shipping logs and metrics", Leaning.Benign, 1.5, Src));
                    return;
                }
            }
            return;
        }
        if (!GuardDutyEvidence.IsFinding(a) || !UnusualTraffic().IsMatch(GuardDutyEvidence.Type(a))
            || !(CloudActor.Path(a, "networkConnectionAction.connectionDirection") ?? "").Equals("OUTBOUND", StringComparison.OrdinalIgnoreCase)) return;
        var owner = CloudActor.Path(a, "networkConnectionAction.remoteIpDetails.organization.asnOrg") ?? CloudActor.Path(a, "networkConnectionAction.remoteIpDetails.organization.org");
        if (owner is null) return;
        foreach (var (vendor, _, intake) in Monitoring)
        {
            if (Regex.IsMatch(owner, intake))
            {
                evidence.Add(new("monitoring_intake", $"GuardDuty's unusual outbound traffic goes to an address registered to {vendor} ('{CommonEvidence.Clip(owner, 40)}'), the monitoring vendor's intake: an agent shipping logs and metrics", Leaning.Benign, 1.5, Src));
                return;
            }
        }
    }

    /// <summary>Monitoring vendors: name, their agent's process names, and their intake domains or registered organisation.</summary>
    private static readonly (string Vendor, string Agent, string Intake)[] Monitoring =
    [
        ("Datadog", @"(?i)\bdatadog-agent\b|/opt/datadog-agent/|\b(trace|process|system-probe)-agent\b", @"(?i)\b[\w.-]*datadoghq\.(com|eu)\b|\bddog-gov\.com\b|^datadog,? inc"),
        ("New Relic", @"(?i)\bnewrelic-infra\b|\bnewrelic-daemon\b", @"(?i)\b[\w.-]*(newrelic\.com|nr-data\.net)\b|^new relic"),
        ("Splunk", @"(?i)\bsplunkd\b|/opt/splunkforwarder/", @"(?i)\b[\w.-]*splunkcloud\.com\b|^splunk,? inc"),
        ("Elastic", @"(?i)\belastic-agent\b|\b(file|metric|audit|packet|heart)beat\b", @"(?i)\b[\w.-]*(cloud\.es\.io|elastic-cloud\.com)\b|^elasticsearch,? inc"),
        ("Dynatrace", @"(?i)\boneagent\w*\b", @"(?i)\b[\w.-]*(live\.dynatrace\.com|dynatrace\.com)\b|^dynatrace"),
        ("Sumo Logic", @"(?i)\bsumo ?collector\b|/opt/SumoCollector/", @"(?i)\b[\w.-]*sumologic\.com\b|^sumo logic"),
    ];

    [GeneratedRegex(@"(?i)^Behavior:EC2/(NetworkPortUnusual|TrafficVolumeUnusual)\b")]
    private static partial Regex UnusualTraffic();

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
