using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Reasons a cloud analyst uses at any organisation, each from documented platform behaviour: global AWS services are
/// logged in us-east-1 whatever regions the organisation uses; a call an AWS service made on the account's behalf;
/// AWS Backup's cross-account copy (AWS allows it only inside one AWS Organization); a personal or sandbox resource
/// group; an Azure managed identity reading its own secrets; and, against those, an attack distribution's user agent
/// and a listed bad address anywhere in the request (a download URL in a run command).
/// </summary>
public static partial class CloudReasons
{
    private const string Src = "cloud event";

    /// <summary>True when the event is from a global AWS service, which CloudTrail and GuardDuty record in us-east-1.</summary>
    public static bool GlobalService(Alert a, string region)
    {
        if (!region.Equals("us-east-1", StringComparison.OrdinalIgnoreCase)) return false;
        var service = CloudActor.Path(a, "eventSource") ?? CloudActor.Path(a, "awsApiCallAction.serviceName");
        return service is not null && GlobalServices().IsMatch(service);
    }

    public static void Add(FamilyCase c, CloudActor actor, string opLower, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (actor.AwsService is { } service && !evidence.Exists(e => e.Key == "backup_copy"))
            evidence.Add(new("aws_service_caller", $"The call was made by {service} on the account's behalf (CloudTrail/GuardDuty record it so; no one outside AWS can): a configured service doing its job", Leaning.Benign, 1.5, Src));
        // Google's own service agent (documented emails, no keys a customer can hold) acting for the project, as an AWS
        // service does above; not when what it touched sits in a region the organisation does not use.
        else if (GoogleServiceAgent().Match(CloudActor.Path(a, "authenticationInfo.principalEmail") ?? "") is { Success: true } agent
                 && !evidence.Exists(e => e.Key == "unusual_region"))
            evidence.Add(new("aws_service_caller", $"The call was made by Google's own service agent {agent.Value} for the project (the platform scaling or repairing what was configured; customers hold no keys for it)", Leaning.Benign, 1.5, Src));
        if (GuardDutyEvidence.IsFinding(a) && GuardDutyEvidence.Type(a).StartsWith("PenTest:", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("attack_os_user_agent", "GuardDuty saw the calls come from a penetration-testing distribution (a PenTest finding): administrators do not run the cloud CLI from Kali or Parrot", Leaning.Malicious, 2.0, Src));
        else if (a.Raw("useragent", "clientinfo") is { } ua && AttackDistro().Match(ua) is { Success: true } distro)
            evidence.Add(new("attack_os_user_agent", $"The call came from an attack distribution ('{distro.Value}' in the user agent): administrators do not run the cloud CLI from Kali or Parrot", Leaning.Malicious, 2.0, Src));
        if (BadAddressInEvent(c) is { } bad)
            evidence.Add(new("bad_ip_in_event", $"The request names {bad}, a known-bad address (context file bad_ips): a download or callback to attacker infrastructure", Leaning.Malicious, 3.0, "context file", Strong: true));
        if (SandboxGroup(a) is { } group)
            evidence.Add(new("sandbox_resource", $"The resource is in the sandbox/development resource group '{group}': changes there are expected and touch nothing in production", Leaning.Benign, 1.0, Src));
        if ((a.Raw("identitytype") ?? "").Equals("ManagedIdentity", StringComparison.OrdinalIgnoreCase) && ReadOnly().IsMatch(opLower))
            evidence.Add(new("managed_identity_read", "An Azure managed identity (an identity Azure issues to a workload) read or listed data: the application fetching its own configuration", Leaning.Benign, 1.0, Src));
    }

    /// <summary>
    /// A snapshot or image shared by AWS Backup: its cross-account copy shares with the destination vault's account, which AWS
    /// only allows inside the caller's own AWS Organization. Not exfiltration to an outside account.
    /// </summary>
    public static bool BackupCopy(CloudActor actor) =>
        actor.AwsService is { } s && s.StartsWith("backup.", StringComparison.OrdinalIgnoreCase);

    /// <summary>MFAUsed inside additionalEventData kept as JSON text (Sentinel's AWSCloudTrail AdditionalEventData column).</summary>
    public static bool? MfaUsedInText(string? text) => text is not null && MfaUsed().Match(text) is { Success: true } m
        ? m.Groups[1].Value.Equals("yes", StringComparison.OrdinalIgnoreCase) : null;

    private static string? BadAddressInEvent(FamilyCase c)
    {
        if (c.Context.BadIps.IsEmpty) return null;
        foreach (var (_, value) in c.Alert.Fields)
        {
            foreach (Match m in CommonEvidence.Ipv4InText().Matches(value))
            {
                if (m.Value != c.Alert.SourceIp && c.Context.BadIps.Contains(m.Value)) return m.Value;
            }
        }
        return null;
    }

    private static string? SandboxGroup(Alert a)
    {
        var id = a.Raw("_resourceid", "resourceid", "resourceuri") ?? "";
        var m = ResourceGroup().Match(id);
        return m.Success && SandboxName().IsMatch(m.Groups[1].Value) ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^(iam|sts|signin|cloudfront|route53|route53domains|organizations|globalaccelerator|shield|waf|budgets|ce|health|support|account|billingconsole|trustedadvisor|artifact)\.amazonaws\.com$", RegexOptions.IgnoreCase)]
    private static partial Regex GlobalServices();

    [GeneratedRegex(@"(?i)""?mfaused""?\s*[:=]\s*""?(yes|no)\b")]
    private static partial Regex MfaUsed();

    /// <summary>
    /// A Google-managed service agent: the Google APIs Service Agent (<c>NUMBER@cloudservices.gserviceaccount.com</c>) or
    /// <c>service-NUMBER@</c> one of Google's service-agent domains (<c>gcp-sa-*</c>, <c>compute-system</c>,
    /// <c>container-engine-robot</c>). Not the default compute, App Engine or Cloud Build accounts: those run the customer's code.
    /// </summary>
    [GeneratedRegex(@"^(\d+@cloudservices\.gserviceaccount\.com|service-\d+@(gcp-sa-[a-z0-9-]+|compute-system|container-engine-robot)\.iam\.gserviceaccount\.com)$", RegexOptions.IgnoreCase)]
    private static partial Regex GoogleServiceAgent();

    [GeneratedRegex(@"\b(kali|parrot|pentoo|blackarch)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AttackDistro();

    [GeneratedRegex(@"/resourcegroups/([^/]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceGroup();

    [GeneratedRegex(@"(?i)(^|[-_.])(sandbox|sbx|dev|test|lab|poc|playground)([-_.]|$)")]
    private static partial Regex SandboxName();

    [GeneratedRegex(@"/(read|list)(/action)?$|/secrets/(get|list)")]
    private static partial Regex ReadOnly();
}
