using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>Vendor-native alert shapes (tests/data/vendors) read with no mapping file: each canonical field from the vendor's own name.</summary>
public class VendorShapeTests
{
    // New York, so a time read in the organisation's zone by mistake would show.
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    private static Alert[] Read(string fixture)
    {
        using var stream = File.OpenRead(TestData.Fixture("vendors/" + fixture));
        var results = JsonAlertReader.Read(stream, fixture, Context).ToArray();
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        return [.. results.Select(r => r.Value!)];
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ModSecurity_native_audit_json_gives_the_first_message_as_rule_and_its_request()
    {
        var alerts = Read("modsecurity.json");

        var sqli = alerts[0];
        Assert.Equal("SQL Injection Attack Detected via libinjection", sqli.Rule);
        Assert.Equal("203.0.113.77", sqli.SourceIp);
        Assert.Equal(Utc("2026-11-14T21:03:09Z"), sqli.Time); // asctime without an offset is UTC, not the context's zone
        Assert.Equal(Severity.Critical, sqli.DetectorSeverity); // syslog 2 = CRITICAL
        Assert.Equal("176318058912.834411", sqli.Id);
        Assert.StartsWith("/shop/item.php?id=4%27%20UNION", sqli.Field(CanonicalField.Url), StringComparison.Ordinal);
        Assert.StartsWith("sqlmap/1.8.2", sqli.Field(CanonicalField.UserAgent), StringComparison.Ordinal);
        Assert.Equal("Host: shop.example.org\nUser-Agent: sqlmap/1.8.2#stable (https://sqlmap.org)\nAccept: */*", sqli.Field(CanonicalField.RequestHeaders));
        Assert.Equal("403", sqli.Field(CanonicalField.ResponseStatus));

        var login = alerts[1];
        Assert.Equal(Utc("2026-11-15T06:41:52Z"), login.Time); // "+0100" before the year is honoured
        Assert.Equal(Severity.Medium, login.DetectorSeverity); // the word WARNING
        Assert.Equal("log=admin&pwd=Summer2026%21", login.Field(CanonicalField.RequestBody));
        Assert.Contains("Cookie: wordpress_test_cookie", login.Field(CanonicalField.RequestHeaders), StringComparison.Ordinal);
    }

    [Fact]
    public void Suricata_eve_alert_is_named_by_its_signature_and_severity_1_is_the_highest()
    {
        var alerts = Read("suricata.jsonl");

        Assert.Equal(["ET USER_AGENTS Go HTTP Client User-Agent", "ET EXPLOIT Possible Apache Struts OGNL Expression Injection", "ET DNS Query for .cc TLD"],
            alerts.Select(a => a.Rule));
        Assert.Equal([Severity.Medium, Severity.High, Severity.Low], alerts.Select(a => a.DetectorSeverity!.Value));
        Assert.Equal("10.30.4.21", alerts[0].SourceIp);
        Assert.Contains(alerts[0].Entities, e => e.Kind == EntityKind.Ip && e.Value == "45.137.21.9");
        Assert.Equal("/bins/x86_64", alerts[0].Field(CanonicalField.Url));
        Assert.Equal("Go-http-client/1.1", alerts[0].Field(CanonicalField.UserAgent));
        Assert.Equal(Utc("2026-11-16T10:22:31.41822Z"), alerts[0].Time);
        Assert.Equal("update-check.example.cc", alerts[2].Field(CanonicalField.Domain));
    }

    [Fact]
    public void Aws_waf_log_gives_the_terminating_rule_the_client_and_the_request()
    {
        var waf = Assert.Single(Read("aws-waf.json"));

        Assert.Equal("AWS-AWSManagedRulesSQLiRuleSet", waf.Rule);
        Assert.Equal("192.0.2.201", waf.SourceIp);
        Assert.Equal(Utc("2026-11-16T18:03:42.817Z"), waf.Time);
        Assert.Null(waf.DetectorSeverity);
        Assert.Equal("/api/orders?sort=id%20desc;select%20pg_sleep(5)--", waf.Field(CanonicalField.Url));
        Assert.Equal("Host: shop.example.org\nUser-Agent: python-requests/2.32.3\nAccept: */*", waf.Field(CanonicalField.RequestHeaders));
        Assert.Equal("GET", waf.Field(CanonicalField.HttpMethod));
        Assert.Equal("BLOCK", waf.Field(CanonicalField.Result));
    }

    [Fact]
    public void Falcon_detection_summary_gives_detect_name_user_host_command_line_and_severity_name()
    {
        var d = Assert.Single(Read("falcon.json"));

        Assert.Equal("CredentialDumping", d.Rule);
        Assert.Equal("m.okafor", d.User);
        Assert.Equal("fin-lt-0042", d.Host);
        Assert.Equal(@"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 712 C:\Users\Public\l.dmp full", d.CommandLine);
        Assert.Equal(Severity.High, d.DetectorSeverity);
        Assert.Equal(Utc("2026-11-15T11:04:05Z"), d.Time);
        Assert.Equal("ldt:5a1b2c3d4e:8800121", d.Id);
        Assert.EndsWith(@"System32\cmd.exe", d.ParentProcess, StringComparison.Ordinal);
        Assert.Equal(["T1003"], d.Tags);
        Assert.Contains(d.Entities, e => e.Kind == EntityKind.FileHash);
    }

    [Fact]
    public void Entra_risk_detection_gives_risk_event_type_user_ip_and_risk_level_and_an_unknown_level_is_no_severity()
    {
        var alerts = Read("entra-risk.jsonl");

        Assert.Equal("unfamiliarFeatures", alerts[0].Rule);
        Assert.Equal("priya.raman", alerts[0].User);
        Assert.Equal("102.89.44.17", alerts[0].SourceIp);
        Assert.Equal(Severity.Medium, alerts[0].DetectorSeverity);
        Assert.Equal(Utc("2026-11-15T03:12:44.0881232Z"), alerts[0].Time);
        Assert.Equal("NG", alerts[0].Field(CanonicalField.Country));

        // "hidden" is on no scale: the record is read all the same, with no detector severity and the raw value kept.
        Assert.Equal("anonymizedIPAddress", alerts[1].Rule);
        Assert.Null(alerts[1].DetectorSeverity);
        Assert.Contains(new KeyValuePair<string, string>("riskLevel", "hidden"), alerts[1].Fields);
    }

    [Fact]
    public void GuardDuty_finding_through_eventbridge_gives_type_access_key_user_remote_ip_and_a_0_to_10_severity()
    {
        var alerts = Read("guardduty.json");

        var exfil = alerts[0];
        Assert.Equal("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", exfil.Rule);
        Assert.Equal("app-server-role", exfil.User);
        Assert.Equal("198.51.100.66", exfil.SourceIp);
        Assert.Equal(Severity.High, exfil.DetectorSeverity); // 8 on GuardDuty's 0-10 scale
        Assert.Equal(Utc("2026-11-16T22:08:41Z"), exfil.Time);
        Assert.StartsWith("Credentials created exclusively", exfil.Description, StringComparison.Ordinal);

        var probe = alerts[1];
        Assert.Equal("Recon:EC2/PortProbeUnprotectedPort", probe.Rule);
        Assert.Null(probe.User); // the envelope's "account" is an AWS account number, not a user
        Assert.Equal("i-0f1e2d3c4b5a69788", probe.Host);
        Assert.Equal("203.0.113.250", probe.SourceIp);
        Assert.Equal(Severity.Low, probe.DetectorSeverity); // 2.5
    }

    [Fact]
    public void Falco_priorities_map_to_severities_and_output_fields_give_user_and_command_line()
    {
        var alerts = Read("falco.jsonl");

        Assert.Equal([Severity.Low, Severity.Critical, Severity.Info], alerts.Select(a => a.DetectorSeverity!.Value));
        Assert.Equal("Terminal shell in container", alerts[0].Rule);
        Assert.Equal("root", alerts[0].User);
        Assert.Equal("k8s-node-07", alerts[0].Host);
        Assert.Equal("bash -i", alerts[0].CommandLine);
        Assert.Equal("runc", alerts[0].ParentProcess);
        Assert.Equal(Utc("2026-11-16T14:02:11.1234567Z"), alerts[0].Time); // nanoseconds cut to what .NET holds
        Assert.Equal("www-data", alerts[1].User);
    }

    [Theory]
    [InlineData("alert.severity", "1", Severity.High)]
    [InlineData("alert.severity", "3", Severity.Low)]
    [InlineData("detail.severity", "9.5", Severity.Critical)]
    [InlineData("detail.severity", "4", Severity.Medium)]
    [InlineData("detail.severity", "0.5", Severity.Info)]
    [InlineData("transaction.messages.1.details.severity", "5", Severity.Low)]
    [InlineData("priority", "Emergency", Severity.Critical)]
    [InlineData("priority", "Alert", Severity.Critical)]
    [InlineData("priority", "Error", Severity.High)]
    [InlineData("priority", "Informational", Severity.Info)]
    [InlineData("level", "warn", Severity.Medium)]
    [InlineData("level", "high", Severity.High)] // words under level (Sigma) still read
    [InlineData("severity", "4", Severity.High)] // elsewhere 1..5 keeps its meaning
    [InlineData("severity_id", "1", Severity.Info)] // OCSF and Symantec ICDm: 1 informational .. 6 fatal
    [InlineData("severity_id", "4", Severity.High)]
    [InlineData("severity_id", "6", Severity.Critical)]
    [InlineData("rule.level", "3", Severity.Info)] // Wazuh 0-15
    [InlineData("rule.level", "5", Severity.Low)]
    [InlineData("rule.level", "10", Severity.Medium)]
    [InlineData("rule.level", "12", Severity.High)]
    [InlineData("rule.level", "15", Severity.Critical)]
    [InlineData("threatseverity", "2", Severity.Critical)] // Trellix ePO: syslog 0-7
    [InlineData("EPOEvents.ThreatSeverity", "4", Severity.Medium)]
    public void Severity_is_read_on_its_source_scale(string field, string text, Severity expected) =>
        Assert.Equal(expected, SeverityScale.Read(field, text));

    [Theory]
    [InlineData("severity", "urgent-ish")]
    [InlineData("detail.severity", "42")]
    [InlineData("alert.severity", "0")]
    [InlineData("severity_id", "0")] // unknown
    [InlineData("severity_id", "99")] // other
    [InlineData("rule.level", "16")]
    [InlineData("Level", "4")] // a SigninLogs / AuditLogs row's log level (informational), not a rating of 4 of 5
    [InlineData("Level", "2")] // an event log's "error" level is no detector rating either
    public void A_severity_on_no_scale_is_none(string field, string text) => Assert.Null(SeverityScale.Read(field, text));

    [Fact]
    public void Fields_survey_shows_each_vendor_name_as_a_built_in_alias()
    {
        using var stream = File.OpenRead(TestData.Fixture("vendors/suricata.jsonl"));
        var survey = FieldSurvey.Read(stream, "suricata.jsonl", json: true, FieldMapping.Empty, limit: 10);

        SurveyedField Of(string name) => survey.Fields.Single(f => f.Name == name);
        Assert.Equal((CanonicalField.Rule, FieldOrigin.BuiltInAlias, null), (Of("alert.signature").Field, Of("alert.signature").Origin, Of("alert.signature").ReadFirst));
        Assert.Equal("alert.signature", Of("event_type").ReadFirst); // event_type ("alert") gives way to the signature
        Assert.Equal(CanonicalField.Url, Of("http.url").Field);
        Assert.Equal(CanonicalField.UserAgent, Of("http.http_user_agent").Field);
    }

    [Fact]
    public void A_mapping_file_still_wins_over_a_preferred_vendor_name()
    {
        var (mapping, errors) = FieldMapping.Load(new StringReader("fields:\n  event_type: rule\n"), "map.yaml");
        Assert.Empty(errors);

        var map = mapping!.Map(["event_type", "alert.signature"]);

        Assert.Equal(0, map[CanonicalField.Rule]);
    }
}
