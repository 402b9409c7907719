using System.Text.Json;
using Verdict.Analysis;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// What a listed scanner's address does not explain (a web shell that runs commands, a change made through an identity
/// provider's admin API, command-and-control traffic out to the internet), and credential stores packed into an archive: each beside the benign case it must not disturb.
/// </summary>
public sealed class ScannerAndCollectionTests
{
    private const string Scanner = "10.50.0.10"; // known_scanners in tests/data/families/context.yaml

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("x0", JsonSerializer.Serialize(input), true, "")])[0].Assessment!;

    private static object F5(string body, string status = "passed") => new
    {
        support_id = "18000000000000001234", date_time = "2026-11-19 13:58:20", request_status = status, ip_client = Scanner,
        method = "POST", uri = "/app/upload/attachment", attack_type = "Server Side Code Injection", violations = "Attack signature detected",
        sig_names = "JSP code injection (Parameter)", severity = "Critical", response_code = status == "passed" ? "200" : "0",
        request = $"POST /app/upload/attachment HTTP/1.1\\r\\nHost: app.globex.local\\r\\nContent-Type: multipart/form-data\\r\\n\\r\\n{body}",
    };

    [Fact]
    public void A_web_shell_that_runs_commands_is_not_explained_by_the_scanner_address_but_a_scanner_marker_probe_is()
    {
        var shell = Assess(F5("filename=\"cmd.jsp\" <% Runtime.getRuntime().exec(request.getParameter(\"c\")); %>"));
        Assert.Contains(shell.Evidence, e => e.Key == "web_shell" && e.Strong);
        Assert.NotEqual(Classification.Benign, shell.Classification);

        var php = Assess(F5("filename=\"x.php\" <?php system($_GET['c']); ?>"));
        Assert.Contains(php.Evidence, e => e.Key == "web_shell");
        Assert.NotEqual(Classification.Benign, php.Classification);

        // A scanner's upload check writes a marker, not a command runner.
        var marker = Assess(F5("filename=\"nessus.jsp\" <%= 1337*1337 %>"));
        Assert.DoesNotContain(marker.Evidence, e => e.Key == "web_shell");
        Assert.Contains(marker.Evidence, e => e.Key == "scanner");
    }

    [Fact]
    public void A_blocked_web_shell_upload_is_recorded_but_not_strong()
    {
        var blocked = Assess(F5("filename=\"cmd.jsp\" <% Runtime.getRuntime().exec(request.getParameter(\"c\")); %>", status: "blocked"));
        Assert.Contains(blocked.Evidence, e => e.Key == "web_shell" && !e.Strong);
    }

    private static object Keycloak(string type, string? operation = null) => new
    {
        id = "kc-1", time = 1795313021000L, realmId = "staff", type, operationType = operation, resourceType = operation is null ? null : "REALM_ROLE_MAPPING",
        representation = operation is null ? null : "[{\"name\": \"realm-admin\"}]",
        authDetails = new { realmId = "master", clientId = "security-admin-console", username = "it.admin", ipAddress = Scanner },
    };

    [Fact]
    public void A_change_through_the_identity_providers_admin_api_from_the_scanner_gets_no_scanner_credit_but_its_failed_logins_do()
    {
        var grant = Assess(Keycloak("ADMIN_EVENT", "CREATE"));
        Assert.DoesNotContain(grant.Evidence, e => e.Key == "scanner");
        Assert.NotEqual(Classification.Benign, grant.Classification);

        var probe = Assess(Keycloak("LOGIN_ERROR"));
        Assert.Contains(probe.Evidence, e => e.Key == "scanner");
    }

    private static object PanThreat(string destination, string threat, string category) => new
    {
        receive_time = "2026-11-20 16:55:05", serial_number = "012345678901", type = "THREAT", threat_content_type = "spyware",
        source_address = Scanner, destination_address = destination, rule_name = "scanner-allow", application = "ssl",
        action = "alert", threat_id = threat, category, severity = "critical", direction_of_attack = "client-to-server",
        sequence_number = 7003, device_name = "fw-01",
    };

    [Fact]
    public void The_scanner_calling_out_to_the_internet_with_command_and_control_traffic_gets_no_scanner_credit_but_its_probe_of_an_own_host_does()
    {
        var beacon = Assess(PanThreat("45.141.84.120", "Sliver C2 Framework Traffic Detection(86990)", "command-and-control"));
        Assert.DoesNotContain(beacon.Evidence, e => e.Key == "scanner");
        Assert.NotEqual(Classification.Benign, beacon.Classification);

        var probe = Assess(PanThreat("10.50.3.14", "Apache Log4j Remote Code Execution Vulnerability(91991)", "code-execution"));
        Assert.Contains(probe.Evidence, e => e.Key == "scanner");
        Assert.Equal(Classification.Benign, probe.Classification);
    }

    [Fact]
    public void Directory_replication_named_only_in_the_ips_message_gets_no_scanner_credit()
    {
        var replication = Assess(new
        {
            TimeGenerated = "2026-11-24T02:10:44Z", DeviceVendor = "Fortinet", DeviceProduct = "Fortigate", Activity = "utm:ips signature",
            Message = "MS.Windows.DRSUAPI.GetNCChanges.Replication", DeviceAction = "detected", SourceIP = Scanner, DestinationIP = "10.50.3.2",
            DestinationPort = 135, ApplicationProtocol = "DCE-RPC", Type = "CommonSecurityLog",
        });
        Assert.DoesNotContain(replication.Evidence, e => e.Key == "scanner");
        Assert.NotEqual(Classification.Benign, replication.Classification);
    }

    private static Dictionary<string, object> Elastic(string commandLine) => new()
    {
        ["@timestamp"] = "2026-11-20T15:12:48Z", ["kibana.alert.uuid"] = "4cc1f00d", ["kibana.alert.rule.name"] = "Sensitive Files Compression",
        ["kibana.alert.severity"] = "medium", ["host"] = new { name = "ci-runner03" }, ["user"] = new { name = "svc-backup" },
        ["process"] = new { name = "tar", executable = "/usr/bin/tar", command_line = commandLine, parent = new { name = "sh" } },
        ["event"] = new { kind = "signal", category = new[] { "process" } },
    };

    [Fact]
    public void Credential_stores_packed_into_an_archive_stay_open_but_an_ordinary_archive_does_not_count()
    {
        var keys = Assess(Elastic("tar czf /tmp/.c.tgz /home/runner/.ssh /etc/gitlab-runner/config.toml"));
        Assert.Contains(keys.Evidence, e => e.Key == "secrets_archived");
        Assert.NotEqual(Classification.Benign, keys.Classification);

        var cloud = Assess(Elastic("zip -r /tmp/x.zip /home/dev/.aws/credentials /home/dev/.kube/config"));
        Assert.Contains(cloud.Evidence, e => e.Key == "secrets_archived");

        var site = Assess(Elastic("tar czf /backup/www-20261120.tgz /var/www/html"));
        Assert.DoesNotContain(site.Evidence, e => e.Key == "secrets_archived");
    }
}
