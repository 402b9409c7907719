using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>The VirusTotal client against a local server speaking VirusTotal v3, one endpoint at a time.</summary>
public sealed class VirusTotalClientTests : IDisposable
{
    private readonly HttpClient http = new();
    private readonly FakeTimeProvider time = TestClock.New();

    private VirusTotalClient Client(FakeIntelApis apis, string key = FakeIntelApis.Key) =>
        new(http, new ApiKey(key), new VirusTotalOptions { BaseUrl = apis.BaseUrl }, time);

    private async Task<(IntelResult Result, ReceivedRequest Request)> LookUp(EntityKind kind, string value)
    {
        await using var apis = new FakeIntelApis(time);
        var result = await Client(apis).LookupAsync(new Entity(kind, value), TestContext.Current.CancellationToken);
        var request = Assert.Single(apis.Http.Received);
        Assert.Equal(FakeIntelApis.Key, request.Header("x-apikey"));
        return (result, request);
    }

    [Fact]
    public async Task A_known_file_hash_is_malicious_with_its_name_and_type()
    {
        var (result, request) = await LookUp(EntityKind.FileHash, FakeIntelApis.EicarSha256.ToUpperInvariant());

        Assert.Equal($"/api/v3/files/{FakeIntelApis.EicarSha256}", request.Path);
        Assert.Equal((IntelVerdict.Malicious, 86.1), (result.Verdict, result.Score));
        Assert.Equal("VirusTotal: 62/72 engines flag it malicious; 'eicar.com'; Text; reputation -62; last analysed 2026-10-30", result.Summary);
    }

    [Fact]
    public async Task An_ip_address_with_one_or_two_flags_is_suspicious()
    {
        var (result, request) = await LookUp(EntityKind.Ip, "4.4.4.4");
        Assert.Equal("/api/v3/ip_addresses/4.4.4.4", request.Path);
        Assert.Equal(IntelVerdict.Clean, result.Verdict);

        var (tor, _) = await LookUp(EntityKind.Ip, FakeIntelApis.TorIp);
        Assert.Equal(IntelVerdict.Malicious, tor.Verdict);
        Assert.StartsWith("VirusTotal: 14/94 engines flag it malicious, 2 suspicious;", tor.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_is_looked_up_lower_case_and_one_flag_is_suspicious()
    {
        var (result, request) = await LookUp(EntityKind.Domain, "Login-Micros0ft.example.");

        Assert.Equal($"/api/v3/domains/{FakeIntelApis.EvilDomain}", request.Path);
        Assert.Equal(IntelVerdict.Suspicious, result.Verdict);
        Assert.Equal("VirusTotal: 1/92 engines flag it malicious, 1 suspicious; reputation -1; last analysed 2026-10-30", result.Summary);
    }

    [Fact]
    public async Task A_url_is_identified_by_its_unpadded_base64url()
    {
        var (result, request) = await LookUp(EntityKind.Url, FakeIntelApis.EvilUrl);

        Assert.Equal("/api/v3/urls/aHR0cDovL2xvZ2luLW1pY3JvczBmdC5leGFtcGxlL2F1dGg_c2Vzc2lvbj0x", request.Path);
        Assert.Equal(IntelVerdict.Malicious, result.Verdict);
        Assert.Equal("aHR0cHM6Ly93d3cuZXhhbXBsZS5jb20v", VirusTotalClient.UrlId("https://www.example.com/"));
    }

    [Fact]
    public async Task A_clean_result_says_it_is_weak_evidence()
    {
        var (result, _) = await LookUp(EntityKind.FileHash, FakeIntelApis.CleanSha256);

        Assert.Equal((IntelVerdict.Clean, 0.0), (result.Verdict, result.Score));
        Assert.Contains("0/70 engines flag it", result.Summary, StringComparison.Ordinal);
        Assert.Contains("clean here is weak evidence", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EntityKind.FileHash, "0123456789abcdef0123456789abcdef", "VirusTotal has never seen this hash")]
    [InlineData(EntityKind.Domain, "never-seen.example", "VirusTotal has never seen this domain")]
    [InlineData(EntityKind.Url, "https://never-seen.example/", "VirusTotal has never seen this URL")]
    public async Task Something_virustotal_never_saw_is_unknown(EntityKind kind, string value, string summary)
    {
        var (result, _) = await LookUp(kind, value);

        Assert.Equal((IntelVerdict.Unknown, summary, null), (result.Verdict, result.Summary, result.Note));
    }

    [Theory]
    [InlineData(EntityKind.FileHash, "not-a-hash", "not an MD5, SHA-1 or SHA-256 hash, not looked up")]
    [InlineData(EntityKind.Ip, "192.168.1.20", "private address, not looked up")]
    [InlineData(EntityKind.Domain, "a domain with spaces", "not a domain name, not looked up")]
    public async Task Values_that_cannot_be_looked_up_make_no_call(EntityKind kind, string value, string note)
    {
        await using var apis = new FakeIntelApis(time);

        var result = await Client(apis).LookupAsync(new Entity(kind, value), TestContext.Current.CancellationToken);

        Assert.Equal((IntelVerdict.Unknown, note), (result.Verdict, result.Note));
        Assert.Equal(0, apis.Calls);
    }

    [Fact]
    public async Task A_bad_key_is_an_error_without_retry()
    {
        await using var apis = new FakeIntelApis(time);

        var result = await Client(apis, "wrong").LookupAsync(new Entity(EntityKind.FileHash, FakeIntelApis.EicarSha256), TestContext.Current.CancellationToken);

        Assert.Equal((IntelVerdict.Error, "VirusTotal rejected the API key (401)"), (result.Verdict, result.Note));
        Assert.Equal(1, apis.Calls);
    }

    [Theory]
    [InlineData(200, "{\"data\": {\"attributes\": {\"last_analysis_stats\": {\"malicious\": \"many\"}}}}", "VirusTotal: unreadable response")]
    [InlineData(200, "{\"data\": ", "VirusTotal: unreadable response")]
    [InlineData(200, "", "VirusTotal: unreadable response")]
    [InlineData(400, "{\"error\": {\"code\": \"InvalidArgumentError\", \"message\": \"bad hash\"}}", "VirusTotal: request refused (400, InvalidArgumentError): bad hash")]
    [InlineData(404, "<html>nope</html>", "VirusTotal: unexpected answer (HTTP 404)")]
    public async Task Malformed_or_refused_answers_are_errors(int status, string body, string note)
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(status, body));

        var result = await Client(apis).LookupAsync(new Entity(EntityKind.FileHash, FakeIntelApis.EicarSha256), TestContext.Current.CancellationToken);

        Assert.Equal((IntelVerdict.Error, note), (result.Verdict, result.Note));
        Assert.Equal("VirusTotal: no verdict (lookup failed)", result.Summary);
    }

    public void Dispose() => http.Dispose();
}
