using System.Text.Json;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Cloud findings as the vendor's API gives them, without the envelope other tests use: a GuardDuty finding from
/// GetFindings (no EventBridge <c>detail</c>, and trimmed of <c>service.serviceName</c> and <c>resourceRole</c>) and a
/// Security Command Center finding without its notification wrapper. They are read as cloud findings (caller address,
/// user, 0–10 severity), their benign reasons close them, and the attack wearing the same clothes stays open.
/// </summary>
public sealed class CloudBareFindingTests
{
    private static EnvironmentContext Context()
    {
        var egress = new IpRangeSet();
        Assert.True(egress.TryAdd("4.175.22.0/24"));
        var bad = new IpRangeSet();
        Assert.True(bad.TryAdd("193.233.21.44"));
        Assert.True(bad.TryAdd("4.175.22.66")); // a runner address the organisation itself has listed as bad
        return FamilyFixtures.Context() with
        {
            AutomationEgress = egress, BadIps = bad, KnownScanners = Scanners(),
            ServiceAccounts = new HashSet<string>(["svc-backup"], StringComparer.OrdinalIgnoreCase),
            CloudRegions = new HashSet<string>(["eu-west-2"], StringComparer.OrdinalIgnoreCase),
        };
    }

    private static IpRangeSet Scanners()
    {
        var scanners = new IpRangeSet();
        Assert.True(scanners.TryAdd("64.39.96.0/20"));
        return scanners;
    }

    private static AlertOutcome Run(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(input), true, "")], Context())[0];

    /// <summary>A GuardDuty finding as GetFindings returns it, trimmed: no service.serviceName, no resourceRole unless given.</summary>
    private static Dictionary<string, object?> GuardDuty(string type, double severity, object resource, object action, string? role = null) => new()
    {
        ["schemaVersion"] = "2.0", ["accountId"] = "111122223333", ["region"] = "eu-west-2", ["id"] = "4ac0f00d", ["type"] = type,
        ["severity"] = severity, ["createdAt"] = "2026-11-18T14:00:00Z", ["title"] = type, ["description"] = type, ["resource"] = resource,
        ["service"] = role is null ? new { action, count = 1 } : new { action, count = 1, resourceRole = role },
    };

    private static object ApiCall(string ip) =>
        new { actionType = "AWS_API_CALL", awsApiCallAction = new { api = "", remoteIpDetails = new { ipAddressV4 = ip } } };

    private static object Key(string user) => new { resourceType = "AccessKey", accessKeyDetails = new { userName = user, userType = "IAMUser" } };

    private static readonly object Instance = new { resourceType = "Instance", instanceDetails = new { instanceId = "i-0abc" } };

    [Fact]
    public void A_bare_guardduty_finding_is_a_cloud_finding_with_its_caller_user_and_ten_point_severity_read()
    {
        var outcome = Run(GuardDuty("Discovery:S3/AnomalousBehavior", 8.0, Key("svc-backup"), ApiCall("4.175.22.9")));
        var alert = outcome.Alert!;
        Assert.Equal(AlertFamily.Cloud, FamilyDetector.Detect(alert));
        Assert.Equal("4.175.22.9", alert.SourceIp);
        Assert.Equal("svc-backup", alert.User);
        Assert.Equal(Severity.High, alert.DetectorSeverity); // 8.0 on GuardDuty's 0-10 scale, not an unreadable "8.0"
        Assert.Equal(Severity.Low, Run(GuardDuty("Discovery:S3/AnomalousBehavior", 2.0, Key("svc-backup"), ApiCall("4.175.22.9"))).Alert!.DetectorSeverity);

        // A record with a "type" and a schemaVersion but no resource is not taken for GuardDuty.
        var other = Run(new { schemaVersion = "1", type = "Recon:Thing/Other", user = "jo", severity = "low" }).Alert!;
        Assert.NotEqual(AlertFamily.Cloud, FamilyDetector.Detect(other));
    }

    [Fact]
    public void Service_account_from_the_automation_egress_is_verified_but_the_same_account_elsewhere_is_stolen_credentials()
    {
        var own = Run(GuardDuty("Discovery:S3/AnomalousBehavior", 5.0, Key("svc-backup"), ApiCall("4.175.22.9"))).Assessment!;
        Assert.Contains(own.Evidence, e => e.Key == "automation_verified");

        var elsewhere = Run(GuardDuty("Discovery:S3/AnomalousBehavior", 5.0, Key("svc-backup"), ApiCall("45.83.64.12"))).Assessment!;
        Assert.Contains(elsewhere.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
    }

    [Fact]
    public void A_threat_list_hit_on_the_automation_egress_for_a_service_account_is_explained_but_not_for_a_person_or_another_address()
    {
        var own = Run(GuardDuty("Discovery:S3/MaliciousIPCaller.Custom", 5.0, Key("svc-backup"), ApiCall("4.175.22.9"))).Assessment!;
        Assert.Contains(own.Evidence, e => e.Key == "own_address_on_threat_list");
        Assert.DoesNotContain(own.Evidence, e => e.Key == "guardduty_compromise");
        Assert.Equal(Classification.Benign, own.Classification);

        // A person on the runners' address, the service account from anywhere else, or a runner address listed as bad: still a compromise.
        foreach (var (user, ip) in new[] { ("jo.bloggs", "4.175.22.9"), ("svc-backup", "45.83.64.12"), ("svc-backup", "4.175.22.66") })
        {
            var open = Run(GuardDuty("Discovery:S3/MaliciousIPCaller.Custom", 5.0, Key(user), ApiCall(ip))).Assessment!;
            Assert.DoesNotContain(open.Evidence, e => e.Key == "own_address_on_threat_list");
            Assert.Contains(open.Evidence, e => e.Key == "guardduty_compromise");
            Assert.NotEqual(Classification.Benign, open.Classification);
        }
    }

    [Fact]
    public void The_scanner_service_account_on_a_threat_list_from_the_scanner_range_is_explained()
    {
        var scanner = Run(GuardDuty("Recon:IAMUser/MaliciousIPCaller", 5.0, Key("svc-backup"), ApiCall("64.39.100.12"))).Assessment!;
        Assert.Contains(scanner.Evidence, e => e.Key == "own_address_on_threat_list");
        Assert.DoesNotContain(scanner.Evidence, e => e.Key == "automation_unusual_source");
        Assert.Equal(Classification.Benign, scanner.Classification);
    }

    [Fact]
    public void A_bare_compromise_finding_stays_malicious()
    {
        var stolen = Run(GuardDuty("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8.0, Key("app-role"), ApiCall("45.83.64.12"))).Assessment!;
        Assert.Contains(stolen.Evidence, e => e.Key == "guardduty_compromise");
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    [Fact]
    public void Inbound_brute_force_rated_low_on_the_ten_point_scale_is_noise_but_not_without_a_target_role_or_rated_high()
    {
        var noise = Run(GuardDuty("UnauthorizedAccess:EC2/SSHBruteForce", 2.0, Instance, ApiCall("218.92.0.112"), role: "TARGET")).Assessment!;
        Assert.Contains(noise.Evidence, e => e.Key == "inbound_noise_rated_low");
        Assert.Equal(Classification.Benign, noise.Classification);

        // GuardDuty says the instance is the one brute-forcing, rates it high (8.0: its rating when the instance is the
        // actor), or the address is a listed bad one: not the internet's background noise.
        foreach (var open in new[]
        {
            GuardDuty("UnauthorizedAccess:EC2/SSHBruteForce", 2.0, Instance, ApiCall("218.92.0.112"), role: "ACTOR"),
            GuardDuty("UnauthorizedAccess:EC2/SSHBruteForce", 8.0, Instance, ApiCall("218.92.0.112"), role: "TARGET"),
            GuardDuty("UnauthorizedAccess:EC2/SSHBruteForce", 2.0, Instance, ApiCall("193.233.21.44"), role: "TARGET"),
        })
        {
            var assessment = Run(open).Assessment!;
            Assert.DoesNotContain(assessment.Evidence, e => e.Key == "inbound_noise_rated_low");
            Assert.NotEqual(Classification.Benign, assessment.Classification);
        }
    }

    [Fact]
    public void A_security_command_center_finding_without_its_notification_wrapper_is_a_cloud_finding()
    {
        var finding = new
        {
            finding = new
            {
                name = "organizations/1/sources/2/findings/abc", category = "Open Firewall", severity = "MEDIUM", state = "ACTIVE",
                eventTime = "2026-11-18T10:00:00Z", resourceName = "//compute.googleapis.com/projects/p1/global/firewalls/fw1",
                findingClass = "MISCONFIGURATION", access = new { principalEmail = "jo@example.com", callerIp = "86.12.88.201" },
            },
        };
        var outcome = Run(finding);
        Assert.Equal(AlertFamily.Cloud, FamilyDetector.Detect(outcome.Alert!));
        // Its category is the rule and its resource name the id, not the other way round.
        Assert.Equal("Open Firewall", outcome.Alert!.Rule);
        Assert.Equal("organizations/1/sources/2/findings/abc", outcome.Alert!.Id);
    }
}
