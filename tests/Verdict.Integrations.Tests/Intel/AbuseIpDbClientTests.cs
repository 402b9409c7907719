using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>The AbuseIPDB client against a local server speaking AbuseIPDB v2.</summary>
public sealed class AbuseIpDbClientTests : IDisposable
{
    private readonly HttpClient http = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider time = TestClock.New();

    private AbuseIpDbClient Client(FakeIntelApis apis, string key = FakeIntelApis.Key, int maxRetries = 3) =>
        new(http, new ApiKey(key), new AbuseIpDbOptions { BaseUrl = apis.BaseUrl, MaxRetries = maxRetries }, time);

    private static Entity Ip(string value) => new(EntityKind.Ip, value);

    [Fact]
    public async Task A_reported_tor_exit_is_malicious_with_the_documented_request()
    {
        await using var apis = new FakeIntelApis(time);

        var result = await Client(apis).LookupAsync(Ip(FakeIntelApis.TorIp), TestContext.Current.CancellationToken);

        var request = Assert.Single(apis.Http.Received);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v2/check?ipAddress=185.220.101.1&maxAgeInDays=90", request.Path);
        Assert.Equal(FakeIntelApis.Key, request.Header("Key"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal((IntelVerdict.Malicious, 100.0, "AbuseIPDB"), (result.Verdict, result.Score, result.Source));
        Assert.Equal("AbuseIPDB: confidence 100%, 1,234 reports from 321 users, Tor exit, ISP Example Hosting GmbH, "
            + "Data Center/Web Hosting/Transit, DE, last reported 2026-10-30", result.Summary);
        Assert.Equal(TestClock.Start, result.RetrievedAt);
        Assert.False(result.FromCache);
        Assert.Null(result.Note);
    }

    [Theory]
    [InlineData(FakeIntelApis.SuspiciousIp, IntelVerdict.Suspicious, "AbuseIPDB: confidence 40%, 7 reports from 5 users")]
    [InlineData(FakeIntelApis.WhitelistedIp, IntelVerdict.Clean, "AbuseIPDB: whitelisted, confidence 0%, no reports in 90 days")]
    [InlineData("2a00:1450:4001:80b::200e", IntelVerdict.Clean, "AbuseIPDB: confidence 0%, no reports in 90 days")]
    public async Task Confidence_maps_to_a_verdict_and_clean_says_it_is_weak(string ip, IntelVerdict verdict, string start)
    {
        await using var apis = new FakeIntelApis(time);

        var result = await Client(apis).LookupAsync(Ip(ip), TestContext.Current.CancellationToken);

        Assert.Equal(verdict, result.Verdict);
        Assert.StartsWith(start, result.Summary, StringComparison.Ordinal);
        Assert.Equal(verdict == IntelVerdict.Clean, result.Summary.EndsWith("(clean here is weak evidence)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(74, false, IntelVerdict.Suspicious)]
    [InlineData(75, false, IntelVerdict.Malicious)]
    [InlineData(24, false, IntelVerdict.Clean)]
    [InlineData(25, false, IntelVerdict.Suspicious)]
    [InlineData(90, true, IntelVerdict.Clean)]
    public void Thresholds_are_75_and_25_and_whitelisted_is_clean(int score, bool whitelisted, IntelVerdict expected)
    {
        var data = new AbuseIpDbCheck("1.2.3.4", true, 4, whitelisted, score, null, null, null, null, null, false, 3, 2, null);
        Assert.Equal(expected, AbuseIpDbClient.Judge(data, 90).Verdict);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("172.20.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.10.10")]
    [InlineData("100.64.1.1")]
    [InlineData("203.0.113.9")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    public async Task Private_and_reserved_addresses_are_not_sent(string ip)
    {
        await using var apis = new FakeIntelApis(time);

        var result = await Client(apis).LookupAsync(Ip(ip), TestContext.Current.CancellationToken);

        Assert.Equal((IntelVerdict.Unknown, "private address, not looked up"), (result.Verdict, result.Note));
        Assert.Equal(0, apis.Calls);
    }

    [Fact]
    public async Task A_bad_key_is_an_error_without_retry_and_later_lookups_make_no_call()
    {
        await using var apis = new FakeIntelApis(time);
        var client = Client(apis, key: "wrong-key");

        var first = await client.LookupAsync(Ip(FakeIntelApis.TorIp), TestContext.Current.CancellationToken);
        var second = await client.LookupAsync(Ip(FakeIntelApis.SuspiciousIp), TestContext.Current.CancellationToken);

        Assert.Equal((IntelVerdict.Error, "AbuseIPDB rejected the API key (401)"), (first.Verdict, first.Note));
        Assert.Equal((IntelVerdict.Error, "AbuseIPDB rejected the API key (401)"), (second.Verdict, second.Note));
        Assert.Equal(1, apis.Calls);
    }

    [Fact]
    public async Task A_refused_request_carries_the_servers_detail()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(422, """{"errors": [{"detail": "The max age in days must be between 1 and 365.", "status": 422, "source": {"parameter": "maxAgeInDays"}}]}"""));

        var result = await Client(apis).LookupAsync(Ip(FakeIntelApis.TorIp), TestContext.Current.CancellationToken);

        Assert.Equal("AbuseIPDB: request refused (422): The max age in days must be between 1 and 365.", result.Note);
        Assert.Equal(1, apis.Calls);
    }

    [Theory]
    [InlineData("{\"data\": {\"ipAddress\": \"185.220.101.1\", \"abuseConfidenceScore\": ")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"data\": {\"ipAddress\": \"185.220.101.1\", \"abuseConfidenceScore\": \"high\"}}")]
    [InlineData("{\"something\": \"else\"}")]
    public async Task A_malformed_body_is_an_unreadable_response(string body)
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(200, body));

        var result = await Client(apis).LookupAsync(Ip(FakeIntelApis.TorIp), TestContext.Current.CancellationToken);

        Assert.Equal((IntelVerdict.Error, "AbuseIPDB: unreadable response"), (result.Verdict, result.Note));
    }

    public void Dispose() => http.Dispose();
}
