using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>
/// The shared HTTP behaviour (rate limit as a queue, Retry-After, backoff, retries, timeouts) through the VirusTotal
/// client, against a local server, with the waits on a fake clock that the test drives.
/// </summary>
public sealed class IntelHttpTests : IDisposable
{
    /// <summary>
    /// Fake seconds that may pass while a real request is in flight, as the test drives the clock in steps. Lower
    /// bounds are exact (the client must wait at least that long); upper bounds only rule out a much longer wait.
    /// </summary>
    private const int Slack = 12;

    private readonly HttpClient http = new();
    private readonly FakeTimeProvider time = TestClock.New();

    private VirusTotalClient Client(FakeIntelApis apis, int maxRetries = 3, TimeSpan? timeout = null) =>
        new(http, new ApiKey(FakeIntelApis.Key), Options(apis, maxRetries, timeout), time);

    /// <summary>The clock is driven a second at a time, so requests get a generous fake timeout unless a test is about timeouts.</summary>
    private static VirusTotalOptions Options(FakeIntelApis apis, int maxRetries = 3, TimeSpan? timeout = null) =>
        new() { BaseUrl = apis.BaseUrl, MaxRetries = maxRetries, Timeout = timeout ?? TimeSpan.FromHours(1) };

    private static Entity Hash(int i) => new(EntityKind.FileHash, i.ToString("x64", CultureInfo.InvariantCulture));

    private static Entity Eicar => new(EntityKind.FileHash, FakeIntelApis.EicarSha256);

    [Fact]
    public async Task A_429_with_retry_after_in_seconds_waits_that_long_then_succeeds()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(FakeIntelApis.TooManyRequests("30"));

        var result = await TestClock.RunAsync(time, Client(apis).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal(IntelVerdict.Malicious, result.Verdict);
        Assert.Equal(2, apis.Calls);
        var waited = apis.Arrivals[1].At - apis.Arrivals[0].At;
        Assert.InRange(waited, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30 + Slack));
    }

    [Fact]
    public async Task A_429_with_retry_after_as_an_http_date_waits_until_then()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(FakeIntelApis.TooManyRequests((TestClock.Start + TimeSpan.FromSeconds(45)).ToString("R", CultureInfo.InvariantCulture)));

        var result = await TestClock.RunAsync(time, Client(apis).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal(IntelVerdict.Malicious, result.Verdict);
        Assert.InRange(apis.Arrivals[1].At - TestClock.Start, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(45 + Slack));
    }

    [Fact]
    public async Task A_429_without_retry_after_waits_a_whole_rate_window()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(429, """{"error": {"code": "QuotaExceededError", "message": "Quota exceeded"}}"""));

        var result = await TestClock.RunAsync(time, Client(apis).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal(IntelVerdict.Malicious, result.Verdict);
        Assert.InRange(apis.Arrivals[1].At - apis.Arrivals[0].At, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60 + Slack));
    }

    [Fact]
    public async Task Rate_limited_every_time_is_an_error_after_three_retries()
    {
        await using var apis = new FakeIntelApis(time);
        for (var i = 0; i < 4; i++) apis.ThenReply(FakeIntelApis.TooManyRequests("5"));

        var result = await TestClock.RunAsync(time, Client(apis).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal((IntelVerdict.Error, "VirusTotal: rate limited (429) after 3 retries"), (result.Verdict, result.Note));
        Assert.Equal(4, apis.Calls);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_fails_at_once_and_holds_later_lookups()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(FakeIntelApis.TooManyRequests("86400"));
        var client = Client(apis);

        var first = await client.LookupAsync(Eicar, TestContext.Current.CancellationToken);
        var second = await client.LookupAsync(Hash(1), TestContext.Current.CancellationToken);

        Assert.Equal("VirusTotal: rate limited (429); the server asked to wait 24 h", first.Note);
        Assert.Equal(IntelVerdict.Error, second.Verdict);
        Assert.Equal(1, apis.Calls);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_backoff_then_reported()
    {
        await using var apis = new FakeIntelApis(time);
        for (var i = 0; i < 4; i++) apis.ThenReply(HttpReply.Json(500, """{"error": {"code": "TransientError", "message": "try again"}}"""));

        var result = await TestClock.RunAsync(time, Client(apis).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal((IntelVerdict.Error, "VirusTotal: server error (500) after 3 retries"), (result.Verdict, result.Note));
        var at = apis.Arrivals.Select(a => a.At).ToList();
        Assert.Equal(4, at.Count);
        // 2, 4 and 8 s plus up to half again of jitter (and a little slack for the clock being driven in steps).
        Assert.InRange(at[1] - at[0], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3 + Slack));
        Assert.InRange(at[2] - at[1], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6 + Slack));
        Assert.InRange(at[3] - at[2], TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12 + Slack));
    }

    [Fact]
    public async Task A_server_error_that_clears_up_is_retried_to_success()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(503, ""));
        apis.ThenReply(HttpReply.Json(500, "oops"));

        var result = await TestClock.RunAsync(time, Client(apis).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal(IntelVerdict.Malicious, result.Verdict);
        Assert.Equal(3, apis.Calls);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_is_retried()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(200, "") with { Hang = true });
        apis.ThenReply(HttpReply.Json(200, "") with { Hang = true });

        var result = await TestClock.RunAsync(time, Client(apis, maxRetries: 1, timeout: TimeSpan.FromSeconds(15)).LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal((IntelVerdict.Error, "VirusTotal: no answer within 15 s after 1 retry"), (result.Verdict, result.Note));
        Assert.Equal(2, apis.Calls);
        Assert.True(apis.Arrivals[1].At - apis.Arrivals[0].At >= TimeSpan.FromSeconds(17));
    }

    [Fact]
    public async Task A_closed_port_is_an_error_after_retries()
    {
        Uri closed;
        await using (var gone = new FakeIntelApis(time)) closed = gone.BaseUrl;
        var client = new VirusTotalClient(http, new ApiKey(FakeIntelApis.Key), new VirusTotalOptions { BaseUrl = closed, MaxRetries = 2 }, time);

        var result = await TestClock.RunAsync(time, client.LookupAsync(Eicar, TestContext.Current.CancellationToken));

        Assert.Equal(IntelVerdict.Error, result.Verdict);
        Assert.StartsWith("VirusTotal: cannot reach 127.0.0.1 (", result.Note, StringComparison.Ordinal);
        Assert.EndsWith(") after 2 retries", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Four_requests_a_minute_queue_the_fifth_and_provoke_no_429()
    {
        await using var apis = new FakeIntelApis(time) { VirusTotalQuotaPerMinute = 4 };
        var client = Client(apis);

        var lookups = Task.WhenAll(Enumerable.Range(1, 6).Select(i => client.LookupAsync(Hash(i), TestContext.Current.CancellationToken)));
        var results = await TestClock.RunAsync(time, lookups);

        Assert.Equal(0, apis.TooManyServed);
        Assert.Equal(6, apis.Calls);
        Assert.All(results, r => Assert.Equal(IntelVerdict.Unknown, r.Verdict));
        Assert.Equal(6, results.Select(r => r.Entity).Distinct().Count());
        var at = apis.Arrivals.Select(a => a.At - TestClock.Start).Order().ToList();
        Assert.All(at.Take(4), t => Assert.True(t < TimeSpan.FromSeconds(30), $"first four should go at once, one went at {t}"));
        Assert.All(at.Skip(4), t => Assert.True(t >= TimeSpan.FromSeconds(60), $"the fifth and sixth must wait for the window, one went at {t}"));
    }

    [Fact]
    public void Options_are_validated_with_every_problem_named()
    {
        var bad = new VirusTotalOptions
        {
            BaseUrl = new Uri("ftp://example.org/"), RequestsPerWindow = 0, Timeout = TimeSpan.Zero, MaxRetries = -1, ApiKeyVariable = " ",
        };

        var problems = bad.Validate();
        var error = Assert.Throws<ArgumentException>(() => new VirusTotalClient(http, new ApiKey("k"), bad, time));

        Assert.Equal(5, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("VirusTotal options: ", p, StringComparison.Ordinal));
        Assert.Contains("RequestsPerWindow must be at least 1 (got 0)", error.Message, StringComparison.Ordinal);
        Assert.Empty(new VirusTotalOptions().Validate());
        Assert.Empty(new AbuseIpDbOptions().Validate());
    }

    public void Dispose() => http.Dispose();
}
