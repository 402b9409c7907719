using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Verdict.Context;
using Verdict.Integrations.Sentinel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Sentinel;

/// <summary>The Log Analytics query client and the incident pull against a local server speaking the API's wire format.</summary>
public sealed class LogAnalyticsClientTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "data", "alerts", "sentinel-bruteforce.json");

    /// <summary>A credential that hands out one token and remembers the scopes asked for.</summary>
    private sealed class TestCredential(string token) : TokenCredential
    {
        public ConcurrentQueue<string> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes) Scopes.Enqueue(scope);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Fires every wait at once and remembers how long each was meant to be (Retry-After, backoff).</summary>
    private sealed class InstantTime : TimeProvider
    {
        public ConcurrentQueue<TimeSpan> Waits { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) Waits.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
        }
    }

    private static (LogAnalyticsClient Client, TestCredential Credential, InstantTime Time, HttpClient Http) Client(FakeLogAnalytics api, string token = FakeLogAnalytics.Token)
    {
        var credential = new TestCredential(token);
        var time = new InstantTime();
        var http = new HttpClient();
        var options = new LogAnalyticsOptions { WorkspaceId = FakeLogAnalytics.Workspace, Endpoint = api.BaseUrl, MaxRetries = 2 };
        return (new LogAnalyticsClient(http, credential, options, time), credential, time, http);
    }

    [Fact]
    public async Task Pull_reads_the_incident_then_its_alerts_with_a_bearer_token()
    {
        await using var api = new FakeLogAnalytics(Fixture);
        var (client, credential, _, http) = Client(api);
        using var _ = http;

        var results = await new SentinelIncidentPull(client).PullAsync(42, EnvironmentContext.Default, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        Assert.Equal(["7d1f0c1e-0001-4b7a-9f00-00000000bf01", "7d1f0c1e-0002-4b7a-9f00-00000000bf02"], results.Select(r => r.Value!.Id));
        var alert = results[0].Value!;
        Assert.Equal(("bob", "185.220.101.34", "Brute force attack against a user account"), (alert.User, alert.SourceIp, alert.Rule));
        Assert.Contains(new KeyValuePair<string, string>("incident.number", "42"), alert.Fields);
        Assert.Equal(new Verdict.Alerts.SourceRef("sentinel incident 42 alerts", 1), alert.Source);

        var requests = api.Http.Received.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal(("POST", $"/v1/workspaces/{FakeLogAnalytics.Workspace}/query", "Bearer " + FakeLogAnalytics.Token),
            (r.Method, r.Path, r.Header("Authorization"))));
        using var first = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("SecurityIncident | where IncidentNumber == 42 | summarize arg_max(TimeGenerated, *) by IncidentNumber", first.RootElement.GetProperty("query").GetString());
        Assert.Equal("P90D", first.RootElement.GetProperty("timespan").GetString());
        Assert.Equal("SecurityAlert | where SystemAlertId in (\"7d1f0c1e-0001-4b7a-9f00-00000000bf01\", \"7d1f0c1e-0002-4b7a-9f00-00000000bf02\") | summarize arg_max(TimeGenerated, *) by SystemAlertId",
            api.Queries.ToArray()[1]);
        Assert.All(credential.Scopes, s => Assert.Equal("https://api.loganalytics.io/.default", s));
    }

    [Fact]
    public async Task A_429_waits_its_Retry_After_and_a_5xx_backs_off_then_the_query_succeeds()
    {
        await using var api = new FakeLogAnalytics(Fixture);
        api.Then(FakeLogAnalytics.Error(429, "TooManyRequests", "Rate limit exceeded", retryAfter: "7"));
        api.Then(FakeLogAnalytics.Error(503, "ServiceUnavailable", "Try later"));
        var (client, _, time, http) = Client(api);
        using var _ = http;

        using var document = await client.QueryAsync(SentinelIncidentPull.IncidentQuery(42), TestContext.Current.CancellationToken);

        Assert.Equal(1, document.RootElement.GetProperty("tables")[0].GetProperty("rows").GetArrayLength());
        Assert.Equal(3, api.Http.Received.Count);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(4)], time.Waits.Where(w => w > TimeSpan.Zero && w < TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Persistent_throttling_gives_up_after_the_retries_with_a_clear_message()
    {
        await using var api = new FakeLogAnalytics(Fixture);
        for (var i = 0; i < 3; i++) api.Then(FakeLogAnalytics.Error(429, "TooManyRequests", "Rate limit exceeded", retryAfter: "1"));
        var (client, _, _, http) = Client(api);
        using var _ = http;

        var e = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync("SecurityIncident | take 1", TestContext.Current.CancellationToken));

        Assert.Equal(429, e.Status);
        Assert.Contains("throttled the query (429) 3 times: TooManyRequests: Rate limit exceeded", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, api.Http.Received.Count);
    }

    [Theory]
    [InlineData(403, "InsufficientAccessError", "Log Analytics Reader role")]
    [InlineData(400, "BadArgumentError", "refused the query (400): BadArgumentError: The request had some invalid properties (inner detail)")]
    public async Task Client_errors_are_not_retried_and_say_what_the_service_said(int status, string code, string expected)
    {
        await using var api = new FakeLogAnalytics(Fixture);
        api.Then(FakeLogAnalytics.Error(status, code, "The request had some invalid properties"));
        var (client, _, _, http) = Client(api);
        using var _ = http;

        var e = await Assert.ThrowsAsync<LogAnalyticsException>(() => client.QueryAsync("SecurityIncident | take 1", TestContext.Current.CancellationToken));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Single(api.Http.Received);
    }

    [Fact]
    public async Task A_wrong_token_and_an_unknown_incident_are_one_error_record_each_without_the_token()
    {
        await using var api = new FakeLogAnalytics(Fixture);
        var (badClient, _, _, http) = Client(api, token: "wrong-token");
        var (client, _, _, http2) = Client(api);
        using var _ = http;
        using var __ = http2;

        var rejected = Assert.Single(await new SentinelIncidentPull(badClient).PullAsync(42, EnvironmentContext.Default, null, TestContext.Current.CancellationToken));
        var unknown = Assert.Single(await new SentinelIncidentPull(client).PullAsync(7, EnvironmentContext.Default, null, TestContext.Current.CancellationToken));

        Assert.Contains("did not accept the credentials (401): AuthorizationRequiredError", rejected.Error!.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", rejected.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal("sentinel incident 7:0: no incident 7 in the workspace (searched the last 90 days)", unknown.Error!.ToString());
    }

    [Fact]
    public void Alert_ids_are_quoted_as_KQL_string_literals()
    {
        Assert.Equal("SecurityAlert | where SystemAlertId in (\"a\\\"b\", \"c\\\\d\") | summarize arg_max(TimeGenerated, *) by SystemAlertId",
            SentinelIncidentPull.AlertQuery(["a\"b", "c\\d"]));
    }
}
