using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Security Hub (ASFF), Wiz, Entra ID directoryAudit and Kubernetes audit records in their native shapes: each is read
/// (user, address, rule), each benign reason closes its case, and the attack riding the same reason stays open.
/// </summary>
public sealed class CloudFindingTests
{
    private const string Runner = "4.175.22.10";
    private const string Foreign = "102.89.34.117";
    private const string Office = "198.51.100.7";
    private const string InHours = "2026-11-18T14:00:00Z"; // a Wednesday, 14:00 UTC (the fixtures' context is UTC, 08:00-18:00 Mon-Fri)

    private static EnvironmentContext Context()
    {
        var runners = new IpRangeSet();
        Assert.True(runners.TryAdd("4.175.22.0/24"));
        return FamilyFixtures.Context() with { AutomationEgress = runners };
    }

    private static string Fill(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) template = template.Replace($"__{i}__", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return template;
    }

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", json.ReplaceLineEndings(" "), true, "")], Context())[0].Assessment!;

    private static string GuardDuty(string type, string user, string principalType, string api, string service, string ip, string owner, string severity = "MEDIUM") => Fill("""
        {"SchemaVersion": "2018-10-08", "Id": "arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/__0__",
         "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/guardduty", "ProductName": "GuardDuty", "Region": "us-east-1",
         "AwsAccountId": "111122223333", "Types": ["TTPs/Discovery/__1__"], "CreatedAt": "__2__", "Severity": {"Label": "__3__"},
         "Title": "GuardDuty finding __4__", "Description": "APIs were invoked by __5__.",
         "Resources": [{"Type": "AwsIamAccessKey", "Id": "k1", "Details": {"AwsIamAccessKey": {"PrincipalName": "__6__", "PrincipalType": "__7__", "UserName": "__8__"}}}],
         "Workflow": {"Status": "NEW"}, "RecordState": "ACTIVE",
         "Action": {"ActionType": "AWS_API_CALL", "AwsApiCallAction": {"Api": "__9__", "ServiceName": "__10__", "CallerType": "Remote IP",
           "RemoteIpDetails": {"IpAddressV4": "__11__", "Organization": {"AsnOrg": "__12__", "Org": "__13__"}, "Country": {"CountryCode": "US"}}}}}
        """, (type), (type), (InHours), (severity), (type), (user), (user), (principalType), (user), (api), (service), (ip), (owner), (owner));

    private static string Control(string title, string description, string types = "Software and Configuration Checks/AWS Security Best Practices") => Fill("""
        {"SchemaVersion": "2018-10-08", "Id": "arn:aws:securityhub:us-east-1:111122223333:security-control/X.1/finding/f1",
         "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/securityhub", "ProductName": "Security Hub", "Region": "us-east-1",
         "Types": ["__0__"], "CreatedAt": "__1__", "Severity": {"Label": "CRITICAL"}, "Title": "__2__", "Description": "__3__",
         "Resources": [{"Type": "AwsAccount", "Id": "AWS::::Account:111122223333"}], "RecordState": "ACTIVE", "Compliance": {"Status": "FAILED"}}
        """, (types), (InHours), (title), (description));

    [Fact]
    public void Guardduty_in_security_hub_reads_the_principal_and_caller_so_stolen_automation_credentials_stay_open()
    {
        var stolen = Assess(GuardDuty("UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS", "github-actions-deploy", "AssumedRole", "ListSecrets", "secretsmanager.amazonaws.com", Foreign, "Some Hosting B.V.", "HIGH"));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source" && e.Strong);
        Assert.Contains(stolen.Evidence, e => e.Key == "guardduty_compromise");
        Assert.NotEqual(Classification.Benign, stolen.Classification);

        var pipeline = Assess(GuardDuty("Persistence:IAMUser-AnomalousBehavior", "svc-terraform", "AssumedRole", "AttachRolePolicy", "iam.amazonaws.com", Runner, "Amazon.com, Inc."));
        Assert.Contains(pipeline.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, pipeline.Classification);
    }

    [Fact]
    public void Read_only_discovery_from_the_organisations_own_network_closes_and_from_a_hosting_provider_does_not()
    {
        var own = Assess(GuardDuty("Recon:IAMUser-UserPermissions", "dev.one", "IAMUser", "ListAttachedUserPolicies", "iam.amazonaws.com", Office, "Globex"));
        Assert.Contains(own.Evidence, e => e.Key == "own_network_discovery");
        Assert.Equal(Classification.Benign, own.Classification);

        var outside = Assess(GuardDuty("Recon:IAMUser-UserPermissions", "dev.one", "IAMUser", "ListAttachedUserPolicies", "iam.amazonaws.com", Foreign, "Some Hosting B.V."));
        Assert.DoesNotContain(outside.Evidence, e => e.Key == "own_network_discovery");
        Assert.NotEqual(Classification.Benign, outside.Classification);

        var changing = Assess(GuardDuty("Discovery:IAMUser-AnomalousBehavior", "dev.one", "IAMUser", "PutUserPolicy", "iam.amazonaws.com", Office, "Globex"));
        Assert.DoesNotContain(changing.Evidence, e => e.Key == "own_network_discovery");
    }

    [Fact]
    public void Root_doing_billing_from_the_office_closes_and_root_from_elsewhere_stays_open()
    {
        var billing = Assess(GuardDuty("Policy:IAMUser-RootCredentialUsage", "Root", "Root", "GetBillingDetails", "billingconsole.amazonaws.com", Office, "Globex", "LOW"));
        Assert.Contains(billing.Evidence, e => e.Key == "root_account");
        Assert.Contains(billing.Evidence, e => e.Key == "root_only_task");
        Assert.Equal(Classification.Benign, billing.Classification);

        var abroad = Assess(GuardDuty("Policy:IAMUser-RootCredentialUsage", "Root", "Root", "GetBillingDetails", "billingconsole.amazonaws.com", Foreign, "Some Hosting B.V.", "LOW"));
        Assert.DoesNotContain(abroad.Evidence, e => e.Key == "root_only_task");
        Assert.NotEqual(Classification.Benign, abroad.Classification);
    }

    [Fact]
    public void A_posture_check_closes_but_a_management_port_open_to_the_internet_stays_open()
    {
        var mfa = Assess(Control("Hardware MFA should be enabled for the root user", "The root user uses a virtual MFA device."));
        Assert.Contains(mfa.Evidence, e => e.Key == "posture_finding");
        Assert.Equal(Classification.Benign, mfa.Classification);

        var cve = Assess(Control("CVE-2024-45337 - golang.org/x/crypto", "A library may allow an authorization bypass.", "Software and Configuration Checks/Vulnerabilities/CVE"));
        Assert.Equal(Classification.Benign, cve.Classification);

        var rdp = Assess(Control("Security groups should not allow unrestricted access to ports with high risk", "Security group sg-1 allows 0.0.0.0/0 on port 3389."));
        Assert.Contains(rdp.Evidence, e => e.Key == "internet_exposed_admin_port");
        Assert.NotEqual(Classification.Benign, rdp.Classification);
    }

    private static string Wiz(string type, string rule, string entityType, string entity, string severity, string created = InHours) => Fill("""
        {"id": "w1", "sourceRule": {"id": "r1", "name": "__0__"}, "createdAt": "__1__", "type": "__2__", "status": "OPEN",
         "severity": "__3__", "entitySnapshot": {"id": "e1", "type": "__4__", "name": "__5__", "cloudPlatform": "AWS", "region": "us-east-1"}}
        """, (rule), (created), (type), (severity), (entityType), (entity));

    [Fact]
    public void Wiz_configuration_issues_close_and_its_threat_detections_naming_an_unusual_source_or_a_privileged_pod_stay_open()
    {
        var config = Assess(Wiz("CLOUD_CONFIGURATION", "IAM user access key older than 90 days", "ACCESS_KEY", "svc-legacy", "HIGH"));
        Assert.Contains(config.Evidence, e => e.Key == "posture_finding");
        Assert.Equal(Classification.Benign, config.Classification);

        var secrets = Assess(Wiz("THREAT_DETECTION", "Secrets Manager secrets listed by a CI role from an unusual IP", "SERVICE_ACCOUNT", "github-actions-deploy", "HIGH"));
        Assert.Contains(secrets.Evidence, e => e.Key == "detector_unusual_source");
        Assert.NotEqual(Classification.Benign, secrets.Classification);

        var pod = Assess(Wiz("THREAT_DETECTION", "Privileged container with host PID namespace created", "POD", "debug-x", "HIGH"));
        Assert.Contains(pod.Evidence, e => e.Key == "privileged_workload");
        Assert.NotEqual(Classification.Benign, pod.Classification);
    }

    private static string WizActors(string rule, string target, string actor, string ip) => Fill("""
        {"id": "w2", "sourceRule": {"id": "r2", "name": "__0__"}, "createdAt": "__1__", "type": "THREAT_DETECTION", "status": "OPEN",
         "severity": "LOW", "entitySnapshot": {"id": "e2", "type": "USER_ACCOUNT", "name": "__2__", "cloudPlatform": "AWS", "region": "us-east-1"},
         "threatDetectionDetails": {"actors": [{"id": "a1", "name": "__3__", "type": "SERVICE_ACCOUNT", "providerUniqueId": "arn:aws:sts::111122223333:assumed-role/tf/__3__"},
           {"id": "a2", "name": "__4__", "type": "IP_ADDRESS", "providerUniqueId": "__4__"}]}}
        """, (rule), (InHours), (target), (actor), (ip));

    [Fact]
    public void Wiz_threat_detection_actors_are_read_as_the_user_and_address_and_the_snapshot_is_not_the_actor()
    {
        // The service account acting from the automation runners: infrastructure-as-code at work, closed.
        var outcome = FamilyFixtures.Triage([new FamilyFixture("c0", WizActors("New IAM user created by automation principal", "reporting-reader",
            "svc-terraform", "4.175.22.40").ReplaceLineEndings(" "), false, "")], Context())[0];
        Assert.Equal("svc-terraform", outcome.Alert!.User); // not the snapshot's USER_ACCOUNT, the user the issue is about
        Assert.Equal("4.175.22.40", outcome.Alert.SourceIp);
        var runner = outcome.Assessment!;
        Assert.Contains(runner.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, runner.Classification);

        // The same service account and rule from an address outside the runners: its credentials used elsewhere, kept open.
        var stolen = Assess(WizActors("New IAM user created by automation principal", "reporting-reader", "svc-terraform", Foreign));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    private static string WizIdentity(string rule, string entityType, string entity, string description) => Fill("""
        {"id": "w4", "sourceRule": {"id": "r4", "name": "__0__", "controlDescription": "__4__"}, "createdAt": "__1__", "type": "THREAT_DETECTION",
         "status": "OPEN", "severity": "MEDIUM", "entitySnapshot": {"id": "e4", "type": "__2__", "name": "__3__", "cloudPlatform": "AWS", "region": "eu-west-1"}}
        """, (rule), (InHours), (entityType), (entity), (description));

    [Fact]
    public void A_wiz_detection_about_a_single_identity_names_that_identity_and_the_address_its_description_gives()
    {
        // No actor list: the snapshot is the identity the detection is about, and the description names its one address.
        var outcome = FamilyFixtures.Triage([new FamilyFixture("c0", WizIdentity("Unusual volume of IAM write operations by an automation identity",
            "SERVICE_ACCOUNT", "svc-terraform", $"svc-terraform from {Runner} performed 148 IAM write calls").ReplaceLineEndings(" "), false, "")], Context())[0];
        Assert.Equal("svc-terraform", outcome.Alert!.User);
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, outcome.Assessment.Classification);

        // The same detection with the automation identity calling from elsewhere: its credentials used outside the runners.
        var stolen = Assess(WizIdentity("Unusual volume of IAM write operations by an automation identity",
            "SERVICE_ACCOUNT", "svc-terraform", $"svc-terraform from {Foreign} performed 148 IAM write calls"));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, stolen.Classification);

        // A snapshot that is a resource, not an identity, names no user.
        var pod = FamilyFixtures.Triage([new FamilyFixture("c0", WizIdentity("Kubectl exec into a pod", "POD", "api-7d9c8b-x2kq",
            "kubectl exec -it api-7d9c8b-x2kq -- /bin/sh").ReplaceLineEndings(" "), false, "")], Context())[0];
        Assert.Null(pod.Alert!.User);
    }

    private static string WizAddresses(string rule, string actor, string ip, string severity) => Fill("""
        {"id": "w3", "sourceRule": {"id": "r3", "name": "__0__"}, "createdAt": "__1__", "type": "THREAT_DETECTION", "status": "OPEN",
         "severity": "__4__", "entitySnapshot": {"id": "e3", "type": "USER_ACCOUNT", "name": "__2__", "cloudPlatform": "AWS", "region": "us-east-1"},
         "threatDetectionDetails": {"actors": [{"name": "__2__", "type": "ServiceAccount"}], "ipAddresses": [{"address": "__3__", "country": "US"}],
           "cloudEvents": ["s3:ListBuckets"]}}
        """, (rule), (InHours), (actor), (ip), (severity));

    [Fact]
    public void Wiz_threat_detection_addresses_are_the_source_and_a_service_account_from_elsewhere_stays_open()
    {
        var outcome = FamilyFixtures.Triage([new FamilyFixture("c0", WizAddresses("Automation credentials used", "svc-terraform", Runner, "LOW")
            .ReplaceLineEndings(" "), false, "")], Context())[0];
        Assert.Equal("svc-terraform", outcome.Alert!.User);
        Assert.Equal(Runner, outcome.Alert.SourceIp);
        Assert.Equal(Classification.Benign, outcome.Assessment!.Classification);

        // The service account's key used from a home address, rated high: who it is does not explain where it called from.
        var stolen = Assess(WizAddresses("Automation credentials used from an unusual IP", "svc-terraform", Foreign, "HIGH"));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    private static string WizUser(string rule, string severity) => Fill("""
        {"id": "w4", "sourceRule": {"id": "r4", "name": "__0__"}, "createdAt": "__1__", "type": "THREAT_DETECTION", "status": "OPEN",
         "severity": "__2__", "entitySnapshot": {"id": "e4", "type": "SERVICE_ACCOUNT", "name": "app-billing-sync", "cloudPlatform": "AWS", "region": "us-east-1"},
         "threatDetectionDetails": {"actors": [{"name": "cloud.admin@globex.com", "type": "User"}], "ipAddresses": [{"address": "__3__", "country": "CA"}]}}
        """, (rule), (InHours), (severity), (Office));

    [Fact]
    public void A_wiz_user_actor_is_read_and_an_administrator_in_hours_closes_a_medium_alert_but_not_a_high_one()
    {
        var outcome = FamilyFixtures.Triage([new FamilyFixture("c0", WizUser("Credentials added to application", "MEDIUM").ReplaceLineEndings(" "), false, "")], Context())[0];
        Assert.StartsWith("cloud.admin", outcome.Alert!.User); // the actor, not the snapshot's service account
        Assert.Contains(outcome.Assessment!.Evidence, e => e.Key == "admin_in_hours");
        Assert.Equal(Classification.Benign, outcome.Assessment.Classification);

        // Rated high by the product: who ran it and when does not explain it away.
        var grant = Assess(WizUser("High-privilege role assigned to external identity", "HIGH"));
        Assert.Contains(grant.Evidence, e => e.Key == "admin_in_hours");
        Assert.NotEqual(Classification.Benign, grant.Classification);
    }
}
