using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Evidence from an Amazon GuardDuty finding, read by its documented type (ThreatPurpose:ResourceType/ThreatFamily...)
/// and action. A type that names a compromise (a backdoor, a miner, instance credentials used outside AWS) is the
/// detector's claim of an attack. Benign explanations: an inbound probe or brute force that was blocked; a probe of a
/// web port that is public on purpose; a probe whose every source belongs to an internet-measurement service (Censys,
/// Shodan, Shadowserver...: they scan every public address and publish what answers); an outbound port scan by an
/// instance tagged as the organisation's vulnerability scanner.
/// </summary>
public static partial class GuardDutyEvidence
{
    private const string Src = "GuardDuty finding";

    /// <summary>
    /// True for a GuardDuty finding (raw or inside an EventBridge envelope). A finding whose <c>service.serviceName</c>
    /// was trimmed is still known by its documented shape: a <c>schemaVersion</c>, a <c>resource.resourceType</c> and a
    /// <c>type</c> in GuardDuty's ThreatPurpose:ResourceType/ThreatFamilyName grammar.
    /// </summary>
    public static bool IsFinding(Alert a) =>
        (CloudActor.Path(a, "service.serviceName") ?? "").Equals("guardduty", StringComparison.OrdinalIgnoreCase)
        || (a.Raw("detail-type") ?? "").Contains("GuardDuty", StringComparison.OrdinalIgnoreCase)
        || (PostureFindings.IsAsff(a) && (CloudActor.Path(a, "ProductArn") ?? "").EndsWith("/guardduty", StringComparison.OrdinalIgnoreCase))
        || (a.Raw("schemaVersion") is not null && CloudActor.Path(a, "resource.resourceType") is not null
            && FindingType().IsMatch(CloudActor.Path(a, "detail.type") ?? TopLevelType(a) ?? ""));

    /// <summary>
    /// The finding type: EventBridge's <c>detail.type</c>, or in Security Hub (ASFF) the classifier at the end of a
    /// <c>Types</c> entry ("TTPs/Discovery/Recon:IAMUser-UserPermissions" is GuardDuty's "Recon:IAMUser/UserPermissions").
    /// </summary>
    public static string Type(Alert a)
    {
        if (CloudActor.Path(a, "detail.type") is { } type) return type;
        if (PostureFindings.IsAsff(a) && CloudActor.Path(a, "Types") is { } types)
        {
            var last = types.Split(',')[0].Trim().Split('/')[^1];
            var colon = last.IndexOf(':', StringComparison.Ordinal);
            var dash = colon < 0 ? -1 : last.IndexOf('-', colon);
            return dash < 0 ? last : last[..dash] + "/" + last[(dash + 1)..];
        }
        return TopLevelType(a) ?? a.Rule;
    }

    /// <summary>
    /// The finding's own top-level <c>type</c> (GetFindings' native shape, either case). Not any field whose last segment is
    /// "type": the native finding also carries <c>Service.AdditionalInfo.Type</c> ("default") and resource types.
    /// </summary>
    private static string? TopLevelType(Alert a) =>
        a.Fields.FirstOrDefault(f => f.Key.Equals("type", StringComparison.OrdinalIgnoreCase) && f.Value.Trim().Length > 0).Value?.Trim();

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!IsFinding(a)) return;
        var type = Type(a);
        if (OwnAddressOnThreatList(c, type) is { } own)
            evidence.Add(own);
        else if (Compromise().Match(type) is { Success: true } m)
            evidence.Add(new("guardduty_compromise", $"GuardDuty's finding type '{CommonEvidence.Clip(type, 100)}' names a compromise ('{m.Value}'), not an anomaly", Leaning.Malicious, 2.0, Src, Strong: true));

        var inbound = (CloudActor.Path(a, "networkConnectionAction.connectionDirection") ?? "").Equals("INBOUND", StringComparison.OrdinalIgnoreCase);
        var outbound = (CloudActor.Path(a, "networkConnectionAction.connectionDirection") ?? "").Equals("OUTBOUND", StringComparison.OrdinalIgnoreCase);
        if (outbound && BruteForce().IsMatch(type))
            evidence.Add(new("instance_attacking", "GuardDuty saw the instance itself brute-forcing other hosts (outbound): it is likely compromised and being used as a launch point", Leaning.Malicious, 2.0, Src));
        var blocked = (CloudActor.Path(a, "networkConnectionAction.blocked") ?? CloudActor.Path(a, "portProbeAction.blocked") ?? "")
            .Equals("true", StringComparison.OrdinalIgnoreCase);
        if (blocked && (inbound || type.StartsWith("Recon:", StringComparison.OrdinalIgnoreCase)))
            evidence.Add(new("inbound_blocked", "GuardDuty saw inbound probing from the internet and the connection was blocked: the noise every public address receives, and it got nowhere", Leaning.Benign, 2.0, Src));
        else if (type.Contains("PortProbeUnprotectedPort", StringComparison.OrdinalIgnoreCase) && ProbedPorts(a) is { Count: > 0 } ports && ports.All(WebPorts.Contains))
            evidence.Add(new("public_web_port_probe", $"Internet hosts probed port {string.Join(", ", ports)}, a web port that is public on purpose: scanning is what every public web service sees", Leaning.Benign, 1.5, Src));
        else if (type.Contains("PortProbe", StringComparison.OrdinalIgnoreCase) && ResearchProbers(a) is { } org)
            evidence.Add(new("research_scanner_probe", $"Every probing address belongs to {org}, an internet-measurement service that scans every public address: a probe, not an attempt to get in", Leaning.Benign, 1.5, Src));
        else if (!outbound && InternetNoise().IsMatch(type) && InboundFromInternet(c) is { } from)
            evidence.Add(new("inbound_noise_rated_low", $"GuardDuty saw {from} probe or guess passwords against the instance from the internet and rated it {Verdict.Alerts.SeverityText.Word(a.DetectorSeverity!.Value)} (its rating when the instance is only the target): the noise every public address receives; a login that worked would be a different finding (a call from the instance, a new process, a credential used)", Leaning.Benign, 1.5, Src));

        if (type.StartsWith("Recon:EC2/Portscan", StringComparison.OrdinalIgnoreCase) && ScannerInstance(a) is { } name)
            evidence.Add(new("scanner_instance", $"The scanning instance is tagged as the organisation's vulnerability scanner ('{CommonEvidence.Clip(name, 60)}'): port scans are its job", Leaning.Benign, 2.0, Src));
        GuardDutyCaller.Add(c, type, evidence);
    }

    /// <summary>
    /// The remote addresses, when the instance is the target (resourceRole TARGET), GuardDuty rated the finding low or
    /// informational, and every remote address is a public one not listed in the context's bad_ips; null otherwise.
    /// </summary>
    private static string? InboundFromInternet(FamilyCase c)
    {
        var a = c.Alert;
        if (a.DetectorSeverity is not (Verdict.Alerts.Severity.Low or Verdict.Alerts.Severity.Info)) return null;
        if (!(CloudActor.Path(a, "service.resourceRole") ?? "").Equals("TARGET", StringComparison.OrdinalIgnoreCase)) return null;
        var remotes = a.Fields.Where(f => f.Key.EndsWith("remoteIpDetails.ipAddressV4", StringComparison.OrdinalIgnoreCase) && f.Value.Trim().Length > 0)
            .Select(f => f.Value.Trim()).Distinct().ToList();
        if (remotes.Count == 0 || remotes.Any(ip => FamilyCase.IsInternal(ip) || c.Context.BadIps.Contains(ip))) return null;
        return remotes.Count == 1 ? remotes[0] : $"{remotes.Count} internet addresses";
    }

    /// <summary>
    /// A MaliciousIPCaller finding (the caller's address is on a threat list, GuardDuty's or the organisation's own
    /// custom list) for a service account calling from an address the context file says is the organisation's own
    /// automation runners (<c>automation_egress</c>) or its scanner (<c>known_scanners</c>): the list's claim is about the
    /// address, and the organisation vouches for that address and that account. A person, any other address, or an
    /// address also in <c>bad_ips</c> keeps the compromise reading.
    /// </summary>
    private static Evidence? OwnAddressOnThreatList(FamilyCase c, string type)
    {
        var ip = c.Alert.SourceIp;
        if (!type.Contains("MaliciousIPCaller", StringComparison.OrdinalIgnoreCase) || ip is null || c.Context.BadIps.Contains(ip)
            || !c.Context.IsServiceAccount(c.Alert.User)) return null;
        var whose = c.Context.AutomationEgress.Contains(ip) ? "automation runners (context file automation_egress)"
            : c.Context.KnownScanners.Contains(ip) ? "vulnerability scanner (context file known_scanners)" : null;
        return whose is null ? null
            : new("own_address_on_threat_list", $"GuardDuty's '{CommonEvidence.Clip(type, 80)}' says {ip} is on a threat list, but it is the organisation's own {whose} and {c.Who} is a service account: the list is wrong about this address", Leaning.Benign, 1.5, Src);
    }

    private static readonly HashSet<string> WebPorts = ["80", "443", "8080", "8443"];

    private static List<string> ProbedPorts(Alert a) =>
        [.. a.Fields.Where(f => f.Key.EndsWith("localPortDetails.port", StringComparison.OrdinalIgnoreCase) && f.Value.Trim().Length > 0)
            .Select(f => f.Value.Trim()).Distinct()];

    /// <summary>The organisation of the probing addresses when every one of them is an internet-measurement service; null otherwise.</summary>
    private static string? ResearchProbers(Alert a)
    {
        // The probers are listed in portProbeDetails, or (one remote address) in the finding's networkConnectionAction.
        var probers = a.Fields.Where(f => (f.Key.Contains("portProbeDetails.", StringComparison.OrdinalIgnoreCase) || f.Key.Contains("networkConnectionAction.", StringComparison.OrdinalIgnoreCase))
            && f.Key.EndsWith("remoteIpDetails.ipAddressV4", StringComparison.OrdinalIgnoreCase)).Select(f => f.Key[..^"ipAddressV4".Length]).ToList();
        string? found = null;
        foreach (var prefix in probers)
        {
            var org = a.Fields.Where(f => f.Key.StartsWith(prefix + "organization.", StringComparison.OrdinalIgnoreCase))
                .Select(f => ResearchScanner().Match(f.Value)).FirstOrDefault(m => m.Success);
            if (org is null) return null;
            found ??= org.Value;
        }
        return found;
    }

    private static string? ScannerInstance(Alert a)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (key.Contains("instanceDetails.tags", StringComparison.OrdinalIgnoreCase) && ScannerName().IsMatch(value)) return value;
        }
        return null;
    }

    [GeneratedRegex(@"^(Backdoor|CryptoCurrency|Trojan|Impact|Exfiltration|CredentialAccess)\b|InstanceCredentialExfiltration|MaliciousIPCaller|TorIPCaller|MaliciousFile|Execution:Runtime/(ReverseShell|NewBinaryExecuted)", RegexOptions.IgnoreCase)]
    private static partial Regex Compromise();

    [GeneratedRegex(@"(?i)\b(Censys|Shodan|Shadowserver|BinaryEdge|ONYPHE|LeakIX|Internet Census|Stretchoid)\b")]
    private static partial Regex ResearchScanner();

    [GeneratedRegex(@"(?i)^(Recon:EC2/PortProbe|UnauthorizedAccess:EC2/(SSH|RDP)BruteForce)")]
    private static partial Regex InternetNoise();

    /// <summary>GuardDuty's documented finding-type grammar: one of its threat purposes, then ResourceType/ThreatFamilyName.</summary>
    [GeneratedRegex(@"(?i)^(Backdoor|Behavior|CredentialAccess|Cryptocurrency|DefenseEvasion|Discovery|Execution|Exfiltration|Impact|InitialAccess|PenTest|Persistence|Policy|PrivilegeEscalation|Recon|Stealth|Trojan|UnauthorizedAccess):[A-Za-z0-9]+/\S+$")]
    private static partial Regex FindingType();

    [GeneratedRegex(@"(?i)BruteForce")]
    private static partial Regex BruteForce();

    [GeneratedRegex(@"(?i)nessus|tenable|qualys|rapid7|nexpose|insightvm|openvas|vuln(erability)?[-_ ]?scan")]
    private static partial Regex ScannerName();
}
