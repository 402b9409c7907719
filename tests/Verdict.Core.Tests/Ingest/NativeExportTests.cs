using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>Native exports (tests/data/vendors, written from each vendor's documented shape) read with no mapping file.</summary>
public class NativeExportTests
{
    // New York, so a time read in the organisation's zone by mistake would show.
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    internal static ParseResult<Alert>[] ReadAll(string fixture)
    {
        using var stream = File.OpenRead(TestData.Fixture("vendors/" + fixture));
        return JsonAlertReader.Read(stream, fixture, Context).ToArray();
    }

    internal static Alert[] Read(string fixture)
    {
        var results = ReadAll(fixture);
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        return [.. results.Select(r => r.Value!)];
    }

    internal static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A raw field as the record carries it (the e-mail headers ingest adds under the names the e-mail family reads).</summary>
    internal static string? Raw(Alert a, string name) => a.Fields.FirstOrDefault(f => f.Key == name).Value;

    internal static void Reads(Alert a, string rule, string? user, string? ip, string time, string id)
    {
        Assert.Equal(rule, a.Rule);
        Assert.Equal(user, a.User);
        Assert.Equal(ip, a.SourceIp);
        Assert.Equal(Utc(time), a.Time);
        Assert.Equal(id, a.Id);
    }

    [Fact]
    public void Entra_sign_in_log_records_are_named_by_their_risk_or_result()
    {
        var alerts = Read("entra-signin.jsonl");

        Reads(alerts[0], "Entra ID sign-in failed (50126): Error validating credentials due to invalid username or password.", "dana.reyes",
            "198.51.100.23", "2026-10-03T08:15:30Z", "0b7e4a1c-2f3d-4e5a-9b6c-7d8e9f0a1b2c");
        Assert.Equal("Entra ID risky sign-in: unfamiliarFeatures, anonymizedIPAddress", alerts[1].Rule);
        Assert.Equal("Entra ID sign-in succeeded", alerts[2].Rule);
    }

    [Fact]
    public void Zeek_notice_with_epoch_seconds_and_a_fraction_is_named_by_its_notice_type()
    {
        var zeek = Read("zeek-notice.jsonl").Single();

        Assert.Equal("SSH::Password_Guessing", zeek.Rule);
        Assert.Equal("192.0.2.50", zeek.SourceIp);
        Assert.Equal(Utc("2026-10-03T08:20:21.538114Z"), zeek.Time);
        Assert.StartsWith("192.0.2.50 appears to be guessing", zeek.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Snort3_alert_json_reads_seconds_or_a_year_and_says_why_a_yearless_timestamp_is_not_read()
    {
        var results = ReadAll("snort3.jsonl");

        var struts = results[0].Value!;
        Assert.Equal("SERVER-WEBAPP Apache Struts OGNL injection attempt", struts.Rule); // msg, not "1:2025001:3"
        Assert.Equal("192.0.2.77", struts.SourceIp);
        Assert.Equal(Utc("2026-10-03T08:20:21Z"), struts.Time); // from seconds: the timestamp has no year
        Assert.Equal(Utc("2026-10-03T08:21:00.0001-04:00"), results[1].Value!.Time); // -y: a year, local time
        Assert.False(results[2].Success);
        Assert.Contains("no year", results[2].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(3, results[2].Error!.Source.Line);
    }

    [Fact]
    public void SentinelOne_threat_gives_classification_process_user_agent_host_and_creation_time()
    {
        var threat = Read("sentinelone.json").Single();

        Reads(threat, "Trojan", "kim.lee", null, "2026-10-04T11:02:03.456Z", "1700000000000000101");
        Assert.Equal("fin-lt-042", threat.Host);
        Assert.Equal("invoice_viewer.exe /silent", threat.CommandLine);
        Assert.StartsWith("a3f1c2d4", threat.Field(CanonicalField.FileHash), StringComparison.Ordinal);
    }

    [Fact]
    public void Splunk_webhook_payload_reads_the_search_name_and_the_result_fields()
    {
        var hook = Read("splunk-webhook.json").Single();

        Reads(hook, "Windows - Suspicious Certutil Download", "raj.patel", "10.9.8.7", "2026-10-03T10:20:30Z",
            "scheduler__admin__search__RMD5aa11bb22cc33_at_1791015600_77");
        Assert.Equal("ws-eng-07.contoso.example", hook.Host);
        Assert.StartsWith("certutil -urlcache", hook.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Splunk_es_notable_keeps_its_rule_name_and_reads_the_rule_description()
    {
        var notable = Read("splunk-notable.json").Single();

        Reads(notable, "Excessive Failed Logins", "lee.chan", "10.4.5.6", "2026-10-03T12:00:05Z",
            "AB12CD34-0000-4000-8000-000000000001@@notable@@0123456789abcdef");
        Assert.Equal("lee.chan failed to log on 40 times from 10.4.5.6", notable.Description);
    }
}
