using Verdict.Analysis;
using Verdict.Analysis.Families.Cloud;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Readings shared by many organisations and products: a zone is in its region, Google's own service agents act for the
/// project, an OCSF finding (Security Lake, any OCSF CSPM) is a posture finding when its class or finding types say so,
/// and container runtime rules (Falco's, in Sysdig's shape) on a workload's ordinary start-up. Hand-written; each benign
/// reading closes its case and the attack wearing its clothes stays open.
/// </summary>
public sealed class CloudSharedSchemaTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        CloudRegions = new HashSet<string>(["eu-central-1", "europe-north1"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("t0", json.ReplaceLineEndings(" "), true, "")], Context())[0].Assessment!;

    [Theory]
    [InlineData("eu-central-1", true)]
    [InlineData("eu-central-1a", true)]      // an AWS availability zone
    [InlineData("europe-north1-b", true)]    // a GCP zone
    [InlineData("eu-central-2", false)]      // another region, not a zone
    [InlineData("eu-central-2a", false)]
    [InlineData("europe-north12-a", false)]
    [InlineData("southamerica-east1-a", false)]
    public void A_zone_counts_as_its_region_and_nothing_else_does(string region, bool used) =>
        Assert.Equal(used, CloudEvidence.UsedRegion(Context().CloudRegions, region));

    /// <summary>A GCP Cloud Audit Logs entry creating an instance in a zone.</summary>
    private static string GcpInsert(string principal, string zone, string ip = "") => $$$"""
        {"protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog", "status": {},
          "authenticationInfo": {"principalEmail": "{{{principal}}}"},
          "requestMetadata": {"callerIp": "{{{ip}}}", "callerSuppliedUserAgent": "GCE Managed Instance Group"},
          "serviceName": "compute.googleapis.com", "methodName": "v1.compute.instances.insert",
          "resourceName": "projects/p-1/zones/{{{zone}}}/instances/pool-a-7f2c"},
         "insertId": "g1", "resource": {"type": "gce_instance", "labels": {"zone": "{{{zone}}}", "project_id": "p-1"}},
         "timestamp": "2026-11-18T13:02:40.009Z", "severity": "NOTICE", "logName": "projects/p-1/logs/cloudaudit.googleapis.com%2Factivity"}
        """;

    [Fact]
    public void Googles_own_service_agent_scaling_a_pool_closes_but_a_look_alike_account_or_an_unused_region_does_not()
    {
        var agent = Assess(GcpInsert("312009887102@cloudservices.gserviceaccount.com", "europe-north1-b"));
        Assert.Contains(agent.Evidence, e => e.Key == "aws_service_caller");
        Assert.Contains(agent.Evidence, e => e.Key == "usual_region");
        Assert.Equal(Classification.Benign, agent.Classification);

        // A customer's own service account named like an agent, in a project of the attacker's: no platform caller.
        var lookalike = Assess(GcpInsert("service-312009887102@cloudservices-robot.iam.gserviceaccount.com", "europe-north1-b", "102.89.34.117"));
        Assert.DoesNotContain(lookalike.Evidence, e => e.Key == "aws_service_caller");

        // The agent filling a pool someone placed in a region the organisation never uses (mining capacity) stays open.
        var away = Assess(GcpInsert("312009887102@cloudservices.gserviceaccount.com", "southamerica-east1-a"));
        Assert.DoesNotContain(away.Evidence, e => e.Key == "aws_service_caller");
        Assert.Contains(away.Evidence, e => e.Key == "unusual_region");
        Assert.NotEqual(Classification.Benign, away.Classification);
    }

    /// <summary>An OCSF finding as Amazon Security Lake writes it from Security Hub.</summary>
    private static string Ocsf(int cls, string title, string types, string severity = "High", string extra = "") => $$$"""
        {"metadata": {"product": {"name": "Security Hub", "vendor_name": "AWS"}, "uid": "f-{{{cls}}}", "version": "1.1.0"},
         "time": 1794808840000, "cloud": {"region": "eu-central-1", "provider": "AWS", "account": {"uid": "123456789012"}},
         "finding_info": {"uid": "arn:aws:securityhub:eu-central-1:123456789012:finding/f-1", "title": "{{{title}}}", "types": [{{{types}}}]},
         "resources": [{"uid": "arn:aws:ec2:eu-central-1:123456789012:instance/i-0b1c", "type": "AwsEc2Instance"}],
         "severity": "{{{severity}}}", "status": "New", "class_name": "Security Finding", "class_uid": {{{cls}}}, "category_uid": 2{{{extra}}}}
        """;

    [Fact]
    public void An_ocsf_configuration_check_or_vulnerability_closes_as_posture_but_a_threat_finding_does_not()
    {
        var check = Assess(Ocsf(2001, "EC2 instances should not have a public IPv4 address", "\"Software and Configuration Checks/AWS Security Best Practices\""));
        Assert.Contains(check.Evidence, e => e.Key == "posture_finding");
        Assert.Equal(Classification.Benign, check.Classification);

        var vulnerability = Assess(Ocsf(2002, "CVE-2024-6387 - openssh", "\"Software and Configuration Checks/Vulnerabilities/CVE\""));
        Assert.Contains(vulnerability.Evidence, e => e.Key == "posture_finding");
        Assert.Equal(Classification.Benign, vulnerability.Classification);

        // The same envelope carrying a threat detection (GuardDuty's TTPs type) is activity, not posture.
        var threat = Assess(Ocsf(2001, "Anomalous data access on S3 bucket research", "\"TTPs/Exfiltration/Exfiltration:S3-AnomalousBehavior\""));
        Assert.DoesNotContain(threat.Evidence, e => e.Key == "posture_finding");
        Assert.NotEqual(Classification.Benign, threat.Classification);

        // Personal data found in a bucket: where it sits matters, and the finding does not say; the data owner decides.
        var data = Assess(Ocsf(2001, "The S3 object contains personal information.", "\"Sensitive Data Identifications/PII/SensitiveData:S3Object-Personal\"", "Medium"));
        Assert.DoesNotContain(data.Evidence, e => e.Key == "posture_finding");
        Assert.NotEqual(Classification.Benign, data.Classification);

        // A posture check about a management port open to the whole internet stays open.
        var port = Assess(Ocsf(2001, "Security groups should not allow SSH (port 22) from 0.0.0.0/0", "\"Software and Configuration Checks/AWS Security Best Practices\""));
        Assert.Contains(port.Evidence, e => e.Key == "internet_exposed_admin_port");
        Assert.NotEqual(Classification.Benign, port.Classification);
    }

    /// <summary>A Sysdig Secure runtime policy event (Falco fields under content.fields, the workload under labels).</summary>
    private static string Sysdig(string rule, string fields, string container, string image = "docker.io/library/nginx", string pod = "web-5b8f-q7wz") => $$$"""
        {"id": "sd-1", "timestamp": "2026-11-18T14:00:00.000Z", "originator": "policy", "category": "runtime", "source": "syscall",
         "name": "Sysdig Runtime Notable Events", "severity": 5, "content": {"policyId": 7702, "ruleName": "{{{rule}}}", "ruleType": "RULE_TYPE_FALCO",
         "fields": {{{fields}}}}, "labels": {"kubernetes.pod.name": "{{{pod}}}", "container.name": "{{{container}}}", "container.image.repo": "{{{image}}}",
         "host.hostName": "node-3.internal"}}
        """;

    [Fact]
    public void A_controllers_own_api_server_connection_closes_but_a_tool_run_in_the_container_does_not()
    {
        var controller = Assess(Sysdig("Contact K8S API Server From Container",
            """{"proc.cmdline": "/usr/local/bin/rollout-controller --workers 20", "fd.sip": "172.20.0.1", "k8s.ns.name": "deploy"}""", "rollout-controller"));
        Assert.Contains(controller.Evidence, e => e.Key == "controller_api_call");
        Assert.Equal(Classification.Benign, controller.Classification);

        var tool = Assess(Sysdig("Contact K8S API Server From Container",
            """{"proc.cmdline": "curl -sk https://172.20.0.1/api/v1/namespaces/kube-system/secrets", "fd.sip": "172.20.0.1", "k8s.ns.name": "web"}""", "web-frontend"));
        Assert.DoesNotContain(tool.Evidence, e => e.Key == "controller_api_call");
        Assert.NotEqual(Classification.Benign, tool.Classification);
    }

    [Fact]
    public void The_entrypoint_rendering_its_config_closes_but_writing_the_loaders_preload_list_does_not()
    {
        var config = Assess(Sysdig("Write below etc",
            """{"proc.cmdline": "sh /docker-entrypoint.d/20-envsubst-on-templates.sh", "proc.pname": "docker-entrypoi", "fd.name": "/etc/nginx/conf.d/default.conf", "user.name": "root"}""", "web"));
        Assert.Contains(config.Evidence, e => e.Key == "entrypoint_config");
        Assert.Equal(Classification.Benign, config.Classification);

        var preload = Assess(Sysdig("Write below etc",
            """{"proc.cmdline": "sh /docker-entrypoint.d/99-setup.sh", "proc.pname": "docker-entrypoi", "fd.name": "/etc/ld.so.preload", "user.name": "root"}""", "web"));
        Assert.DoesNotContain(preload.Evidence, e => e.Key == "entrypoint_config");
        Assert.NotEqual(Classification.Benign, preload.Classification);
    }

    [Fact]
    public void Pip_run_by_the_notebooks_python_closes_but_a_script_from_tmp_does_not()
    {
        const string image = "quay.io/jupyter/scipy-notebook";
        var pip = Assess(Sysdig("Drift Detection",
            """{"proc.cmdline": "/opt/conda/bin/python3.11 /opt/conda/bin/pip install biopython==1.84", "user.name": "jovyan"}""", "notebook", image, "jupyter-analyst1"));
        Assert.Contains(pip.Evidence, e => e.Key == "notebook_package_install");
        Assert.Equal(Classification.Benign, pip.Classification);

        var script = Assess(Sysdig("Drift Detection",
            """{"proc.cmdline": "/opt/conda/bin/python3.11 /tmp/.x/pip.py --pool stratum+tcp://pool.example.net:3333", "user.name": "jovyan"}""", "notebook", image, "jupyter-analyst1"));
        Assert.DoesNotContain(script.Evidence, e => e.Key == "notebook_package_install");
        Assert.NotEqual(Classification.Benign, script.Classification);
    }

    [Fact]
    public void A_cloud_providers_csi_driver_from_its_own_registry_closes_but_the_same_name_elsewhere_does_not()
    {
        static string Driver(string repo) => Sysdig("Launch Privileged Container",
            """{"proc.cmdline": "aws-ebs-csi-driver node --endpoint=unix:/csi/csi.sock", "container.privileged": "true", "k8s.ns.name": "kube-system"}""",
            "ebs-plugin", repo, "ebs-csi-node-8hx2c");
        var driver = Assess(Driver("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver"));
        Assert.Contains(driver.Evidence, e => e.Key == "node_agent_image");
        Assert.Equal(Classification.Benign, driver.Classification);

        var lookalike = Assess(Driver("docker.io/ebs-csi-driver/aws-ebs-csi-driver"));
        Assert.DoesNotContain(lookalike.Evidence, e => e.Key == "node_agent_image");
        Assert.NotEqual(Classification.Benign, lookalike.Classification);
    }
}
