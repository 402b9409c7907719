using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>One small fixture per schema (tests/data/alerts): the canonical fields and entities each yields.</summary>
public class JsonAlertReaderTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    internal static List<Alert> ReadFixture(string name, FieldMapping? mapping = null)
    {
        using var stream = File.OpenRead(TestData.Fixture(Path.Combine("alerts", name)));
        var results = JsonAlertReader.Read(stream, name, Context, mapping).ToList();
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        return [.. results.Select(r => r.Value!)];
    }

    private static bool Has(Alert alert, EntityKind kind, string value) =>
        alert.Entities.Any(e => e.Kind == kind && e.Value.Equals(value, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void A_Windows_event_id_names_the_kind_of_event_not_the_alert()
    {
        const string rows = """
            {"TimeGenerated":"2026-11-18T14:47:21Z","Type":"SecurityEvent","Computer":"dc01","EventID":4625,"Activity":"4625 - An account failed to log on.","TargetUserName":"ana"}
            {"TimeGenerated":"2026-11-18T14:48:02Z","Type":"SecurityEvent","Computer":"dc01","EventID":4625,"Activity":"4625 - An account failed to log on.","TargetUserName":"ben"}
            {"time":"2026-11-18T14:49:00Z","event_id":"9f6c1e","rule":"Impossible travel","user":"cy"}
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(rows));
        var ids = JsonAlertReader.Read(stream, "security.jsonl", Context).Select(r => r.Value!.Id).ToList();

        Assert.Equal(["security-1", "security-2", "9f6c1e"], ids); // two failed logons are two alerts, not one id twice
    }

    [Fact]
    public void Read_EcsNdjson_NestedFieldsAreFlattenedAndRecognised()
    {
        var alerts = ReadFixture("ecs.ndjson");

        Assert.Equal(2, alerts.Count);
        var a = alerts[0];
        Assert.Equal(("ecs-1", "Encoded PowerShell", "alice", "ws-042", "10.0.4.12"), (a.Id, a.Rule, a.User, a.Host, a.SourceIp));
        Assert.Equal("powershell.exe -enc SQBFAFgA", a.CommandLine);
        Assert.Equal(@"C:\Windows\explorer.exe", a.ParentProcess);
        Assert.Equal(["T1059.001"], a.Tags);
        Assert.Null(a.DetectorSeverity); // ECS event.severity is a number of the source's own scale: kept raw
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero), a.Time);
        Assert.True(Has(a, EntityKind.Ip, "203.0.113.50"));
        Assert.Contains(new KeyValuePair<string, string>("destination.port", "443"), a.Fields);
        Assert.Equal(2, alerts[1].Source.Line);
        Assert.True(Has(alerts[1], EntityKind.Domain, "evil-updates.example"));
    }

    [Fact]
    public void Read_OcsfObject_FindingTitleActorEndpointsAndEpochMilliseconds()
    {
        var a = Assert.Single(ReadFixture("ocsf.json"));

        Assert.Equal(("ocsf-77", "Brute force then success", "carol", "srv-db-01", "198.51.100.23"), (a.Id, a.Rule, a.User, a.Host, a.SourceIp));
        Assert.Equal(Severity.High, a.DetectorSeverity);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763630100000), a.Time);
        Assert.Equal("Multiple failed logins followed by a success", a.Description);
        Assert.True(Has(a, EntityKind.Ip, "10.0.0.5"));
        Assert.Equal(1, a.Source.Line);
    }

    [Fact]
    public void Read_SplunkCimArray_SignatureSrcDestUser()
    {
        var alerts = ReadFixture("cim.json");

        Assert.Equal(("ET SCAN Nmap SYN scan", "dave", "192.0.2.44", Severity.Medium), (alerts[0].Rule, alerts[0].User, alerts[0].SourceIp, alerts[0].DetectorSeverity));
        Assert.True(Has(alerts[0], EntityKind.Ip, "10.1.1.20"));
        Assert.Equal(3, alerts[1].Source.Line);
        Assert.True(Has(alerts[1], EntityKind.FileHash, "44d88612fea8a8f36de82e1278abb02f"));
        Assert.True(Has(alerts[1], EntityKind.Url, "http://203.0.113.9/payload.exe"));
    }

    [Fact]
    public void Read_SentinelSecurityAlert_EntitiesAsJsonStringOrArray()
    {
        var alerts = ReadFixture("sentinel.json");

        var a = alerts[0];
        Assert.Equal(("5b2c0f3e-1111-4c1a-9d1e-000000000001", "Suspicious sign-in from a TOR exit", Severity.High), (a.Id, a.Rule, a.DetectorSeverity));
        Assert.Equal("laptop-9", a.Host);
        Assert.Equal(["T1078"], a.Tags);
        Assert.True(Has(a, EntityKind.Ip, "185.220.101.4"));
        Assert.True(Has(a, EntityKind.Host, "laptop-9.contoso.com"));
        Assert.NotNull(a.User);
        Assert.StartsWith("frank", a.User, StringComparison.Ordinal);
        Assert.Contains(a.Fields, f => f.Key == "Entities.0.Address");
        var b = alerts[1];
        Assert.NotNull(b.User);
        Assert.Contains("grace", b.User, StringComparison.Ordinal);
        Assert.True(Has(b, EntityKind.Ip, "10.2.3.4"));
    }

    [Fact]
    public void Read_UnseenWafShorthand_IsUnderstoodWithNoMapping()
    {
        var alerts = ReadFixture("waf.json");

        var a = alerts[0];
        Assert.Equal(("SQL injection attempt", "45.33.32.156", "waf-01", Severity.High), (a.Rule, a.SourceIp, a.Host, a.DetectorSeverity));
        Assert.True(Has(a, EntityKind.Ip, "10.10.0.8"));
        Assert.Contains(new KeyValuePair<string, string>("req_header.User-Agent", "sqlmap/1.7"), a.Fields);
        Assert.Contains(new KeyValuePair<string, string>("rsp_status", "200"), a.Fields);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 0, 1, TimeSpan.FromHours(-5)), a.Time);
        foreach (var (name, field) in new[] { ("sip", CanonicalField.SourceIp), ("dip", CanonicalField.DestinationIp), ("uri", CanonicalField.Url),
            ("method", CanonicalField.HttpMethod), ("req_header.Host", CanonicalField.RequestHeaders), ("hostname", CanonicalField.Host), ("rsp_status", CanonicalField.ResponseStatus),
            ("rule_name", CanonicalField.Rule), ("dport", CanonicalField.DestinationPort), ("sport", CanonicalField.SourcePort),
            ("req_body", CanonicalField.RequestBody), ("rsp_body", CanonicalField.ResponseBody), ("attack_type", CanonicalField.AttackType),
            ("kill_chain", CanonicalField.KillChain) })
        {
            Assert.Equal(field, FieldMapping.Empty.Resolve(name).Field);
        }
    }
}
