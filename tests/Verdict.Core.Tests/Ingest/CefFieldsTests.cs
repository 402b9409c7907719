using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Ingest;

/// <summary>ArcSight CEF read in its three shapes: a raw line inside a JSON text field, native keys, and Sentinel CommonSecurityLog rows.</summary>
public class CefFieldsTests
{
    private static Alert ReadOne(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var results = JsonAlertReader.Read(stream, "cef.jsonl", EnvironmentContext.Default).ToArray();
        var result = Assert.Single(results);
        Assert.True(result.Success, result.Error?.ToString());
        return result.Value!;
    }

    [Fact]
    public void A_cef_line_gives_its_header_and_extension_with_escapes_undone()
    {
        var fields = CefFields.Parse(@"<134>Nov 18 03:10:00 fw01 CEF:0|Acme|Edge \| WAF|2.1|4711|Path a\\b|8|src=203.0.113.9 request=/search?q\=a b msg=two words act=blocked");
        Assert.NotNull(fields);
        string Get(string key) => fields!.Single(f => f.Key == key).Value;
        Assert.Equal("Edge | WAF", Get("deviceProduct"));
        Assert.Equal(@"Path a\b", Get("name"));
        Assert.Equal("8", Get("severity"));
        Assert.Equal("/search?q=a b", Get("request"));
        Assert.Equal("two words", Get("msg"));
        Assert.Equal("blocked", Get("act"));
    }

    [Theory]
    [InlineData("plain text mentioning CEF:0 but no header")]
    [InlineData("CEF:0|Acme|Edge|1|sig")]
    [InlineData("LEEF:1.0|Acme|Edge|1|sig|src=1.2.3.4")]
    public void Text_that_is_not_a_cef_line_is_not_parsed(string text) => Assert.Null(CefFields.Parse(text));

    [Fact]
    public void A_cef_line_in_a_syslog_message_is_read_ahead_of_the_collectors_fields()
    {
        var alert = ReadOne("""{"alert_id": "c1", "timestamp": "2026-11-18T03:10:00Z", "hostname": "logcol01", "severity": "info", "message": "CEF:0|Acme|Edge WAF|2.1|4711|SQL Injection|8| src=203.0.113.9 dpt=443 request=shop.example.org/item requestMethod=GET requestClientApplication=curl/8.4 act=blocked"}""");
        Assert.Equal("SQL Injection", alert.Rule);
        Assert.Equal("203.0.113.9", alert.SourceIp);
        Assert.Equal(Severity.High, alert.DetectorSeverity); // 8 of CEF's 0-10, not the collector's syslog "info"
        Assert.Equal("shop.example.org/item", alert.Field(CanonicalField.Url));
        Assert.Equal("GET", alert.Field(CanonicalField.HttpMethod));
        Assert.Equal("curl/8.4", alert.Field(CanonicalField.UserAgent));
        Assert.Equal("443", alert.Field(CanonicalField.DestinationPort));
    }

    [Fact]
    public void A_commonsecuritylog_row_is_named_by_its_activity_or_its_message_and_its_severity_runs_to_ten()
    {
        var waf = ReadOne("""{"TimeGenerated": "2026-11-18T03:10:00Z", "DeviceVendor": "Acme", "DeviceProduct": "Edge WAF", "Activity": "Cross Site Scripting", "LogSeverity": "5", "DeviceAction": "blocked", "SourceIP": "203.0.113.9", "Type": "CommonSecurityLog"}""");
        Assert.Equal("Cross Site Scripting", waf.Rule);
        Assert.Equal(Severity.Medium, waf.DetectorSeverity); // 5 of 10, not 5 of 5
        Assert.Equal("blocked", waf.Field(CanonicalField.Result));
        var ips = ReadOne("""{"TimeGenerated": "2026-11-18T03:10:00Z", "DeviceVendor": "Acme", "DeviceProduct": "Edge FW", "Activity": "utm:ips signature", "Message": "Apache.Log4j.Error.Log.Remote.Code.Execution", "LogSeverity": "9", "DeviceAction": "dropped", "SourceIP": "203.0.113.9", "Type": "CommonSecurityLog"}""");
        Assert.Equal("Apache.Log4j.Error.Log.Remote.Code.Execution", ips.Rule);
        Assert.Equal(Severity.Critical, ips.DetectorSeverity);
    }

    [Fact]
    public void A_native_cef_record_keeps_its_own_fields_and_its_act_is_left_to_the_product_readers()
    {
        var alert = ReadOne("""{"cefVersion": "0", "deviceVendor": "Acme", "deviceProduct": "Mail GW", "name": "Consolidated Log Event", "severity": "5", "act": "QUARANTINED", "suser": "a@example.org"}""");
        Assert.Equal("Consolidated Log Event", alert.Rule);
        Assert.Equal(Severity.Medium, alert.DetectorSeverity);
        Assert.Null(alert.Field(CanonicalField.Result));
    }
}
