using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>
/// No API key in any result, note, log line, output file or exception message, on every path: success, a rejected
/// key (the fake server even echoes it back), refused requests whose message quotes it, retries, timeouts, a dead port.
/// </summary>
public sealed class ApiKeyLeakTests : IDisposable
{
    private const string RejectedKey = "revoked-SECRET-4c1d";

    private readonly HttpClient http = new();
    private readonly FakeTimeProvider time = TestClock.New();
    private readonly CapturingLogger logger = new();
    private readonly List<string> seen = [];

    private static readonly Entity Ip = new(EntityKind.Ip, FakeIntelApis.TorIp);
    private static readonly Entity Hash = new(EntityKind.FileHash, FakeIntelApis.EicarSha256);

    private IIntelProvider[] Providers(Uri baseUrl, string key, TimeSpan? timeout = null) =>
    [
        new AbuseIpDbClient(http, new ApiKey(key), new AbuseIpDbOptions { BaseUrl = baseUrl, MaxRetries = 1, Timeout = timeout ?? TimeSpan.FromHours(1) }, time, logger),
        new VirusTotalClient(http, new ApiKey(key), new VirusTotalOptions { BaseUrl = baseUrl, MaxRetries = 1, Timeout = timeout ?? TimeSpan.FromHours(1) }, time, logger),
    ];

    /// <summary>Runs both providers over an IP and a hash and keeps everything a person or a file could see.</summary>
    private async Task<IntelReport> RunAndRecord(IIntelProvider[] providers)
    {
        var report = await TestClock.RunAsync(time, new IntelLookup(new IntelSources(providers, []), time: time).RunAsync([Ip, Hash], TestContext.Current.CancellationToken));
        using var output = new StringWriter();
        output.Write(JsonSerializer.Serialize(report.Results.Values.SelectMany(r => r).ToList()));
        seen.Add(output.ToString());
        seen.AddRange(report.Notes);
        seen.AddRange(report.Results.Values.SelectMany(r => r).Select(r => r.ToString()));
        return report;
    }

    private void AssertNoKeyAnywhere()
    {
        var everything = string.Join("\n", seen) + "\n" + logger.Text;
        Assert.DoesNotContain(FakeIntelApis.Key, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(RejectedKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_rejected_key_is_reported_without_the_key()
    {
        await using var apis = new FakeIntelApis(time);

        var report = await RunAndRecord(Providers(apis.BaseUrl, RejectedKey));

        Assert.InRange(apis.Calls, 2, 3); // one each, at most: the two VirusTotal lookups may both be in flight before the first 401
        Assert.Contains(report.For(Ip), r => r.Note == "AbuseIPDB rejected the API key (401)");
        Assert.All(report.For(Hash), r => Assert.Equal("VirusTotal rejected the API key (401)", r.Note));
        Assert.Contains("AbuseIPDB rejected the API key (401)", logger.Text, StringComparison.Ordinal);
        Assert.Contains(RejectedKey, string.Join("", apis.Http.Received.Select(r => r.Header("Key") + r.Header("x-apikey"))), StringComparison.Ordinal);
        AssertNoKeyAnywhere();
    }

    [Fact]
    public async Task Server_messages_that_quote_the_key_are_redacted_and_every_error_path_is_clean()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(422, $$"""{"errors": [{"detail": "key {{FakeIntelApis.Key}} may not ask this", "status": 422}]}"""), FakeIntelApis.ToAbuseIpDb);
        apis.ThenReply(HttpReply.Json(400, $$"""{"error": {"code": "BadRequestError", "message": "{{FakeIntelApis.Key}} is not allowed" } }"""), FakeIntelApis.ToVirusTotal);

        var report = await RunAndRecord(Providers(apis.BaseUrl, FakeIntelApis.Key));
        apis.ThenReply(HttpReply.Json(503, FakeIntelApis.Key), FakeIntelApis.ToAbuseIpDb);
        apis.ThenReply(HttpReply.Json(503, FakeIntelApis.Key), FakeIntelApis.ToAbuseIpDb);
        apis.ThenReply(FakeIntelApis.TooManyRequests("3"), FakeIntelApis.ToVirusTotal);
        apis.ThenReply(FakeIntelApis.TooManyRequests("3"), FakeIntelApis.ToVirusTotal);
        apis.ThenReply(FakeIntelApis.TooManyRequests("3"), FakeIntelApis.ToVirusTotal);
        apis.ThenReply(FakeIntelApis.TooManyRequests("3"), FakeIntelApis.ToVirusTotal);
        await RunAndRecord(Providers(apis.BaseUrl, FakeIntelApis.Key));
        for (var i = 0; i < 6; i++) apis.ThenReply(HttpReply.Json(200, "") with { Hang = true });
        await RunAndRecord(Providers(apis.BaseUrl, FakeIntelApis.Key, timeout: TimeSpan.FromSeconds(5)));

        Assert.Contains(report.Results.Values.SelectMany(r => r), r => r.Note is { } n && n.Contains("[redacted] may not ask this", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.Contains("after 1 retry", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.Contains("no answer within 5 s", StringComparison.Ordinal));
        AssertNoKeyAnywhere();
    }

    [Fact]
    public async Task A_dead_port_and_a_cancelled_run_do_not_show_the_key()
    {
        Uri closed;
        await using (var gone = new FakeIntelApis(time)) closed = gone.BaseUrl;
        await RunAndRecord(Providers(closed, FakeIntelApis.Key));

        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(200, "") with { Hang = true });
        using var cancel = new CancellationTokenSource();
        var lookup = Providers(apis.BaseUrl, FakeIntelApis.Key)[0].LookupAsync(Ip, cancel.Token);
        while (apis.Calls == 0) await Task.Delay(5, TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
        seen.Add(error.ToString());

        Assert.Equal("[redacted]", new ApiKey(FakeIntelApis.Key).ToString());
        seen.Add($"{new ApiKey(FakeIntelApis.Key)}");
        AssertNoKeyAnywhere();
    }

    public void Dispose() => http.Dispose();
}
