using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// An EC2 instance's role credentials used from a public address the organisation does not own. EC2 names the role
/// session after the instance (<c>assumed-role/ROLE/i-0abc...</c>); the credentials live in the instance metadata
/// service and are meant to be used by code on that instance, which reaches AWS from its VPC (a private address through a
/// VPC endpoint) or through the organisation's NAT (context file <c>automation_egress</c> / <c>vpn_egress</c>). The same
/// session from any other public address is how stolen instance credentials look (SSRF to the metadata service, then
/// use from the attacker's machine: GuardDuty's InstanceCredentialExfiltration).
/// </summary>
public static partial class InstanceCredentials
{
    public static void Add(FamilyCase c, CloudActor actor, List<Evidence> evidence)
    {
        if (actor.AwsService is not null || actor.Session is not { } session || !InstanceId().IsMatch(session)) return;
        var ip = c.Alert.SourceIp;
        if (ip is null || !System.Net.IPAddress.TryParse(ip, out _) || FamilyCase.IsInternal(ip)) return;
        if (c.Context.AutomationEgress.Contains(ip) || c.Context.VpnEgress.Contains(ip) || c.Context.KnownScanners.Contains(ip)) return;
        evidence.Add(new("instance_credentials_elsewhere",
            $"The role session {session} belongs to EC2 instance credentials (role {actor.Role ?? "?"}), but the call came from {ip}, a public address that is not one of the organisation's (automation_egress, vpn_egress): instance credentials taken from the metadata service and used from another machine look like this",
            Leaning.Malicious, 1.5, "cloud event"));
    }

    [GeneratedRegex(@"^i-[0-9a-f]{8,17}$")]
    private static partial Regex InstanceId();
}
