using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Verdict.Context;
using Verdict.Logs;
using Verdict.Server;
using Verdict.Server.Triage;
using Verdict.Tests.Intel;
using Verdict.Tests.Service;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>`verdict serve` with an AbuseIPDB key: two servers on one store ask a local AbuseIPDB about an address once.</summary>
public sealed class SharedIntelCacheTests
{
    private static string Alert(string id, string user) => $$$"""
        {"@timestamp":"2026-11-20T09:15:00Z","event":{"id":"{{{id}}}","severity":73},"rule":{"name":"Sign-in from anonymising network"},"message":"sign-in","user":{"name":"{{{user}}}"},"source":{"ip":"{{{FakeIntelApis.TorIp}}}"}}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_second_server_on_the_store_is_served_the_indicator_from_the_store(string kind)
    {
        await using var abuseIpDb = new FakeIntelApis(new FakeTimeProvider(DateTimeOffset.UtcNow));
        string? Env(string name) => name switch { "ABUSEIPDB_API_KEY" => FakeIntelApis.Key, "ABUSEIPDB_BASE_URL" => abuseIpDb.BaseUrl.ToString(), _ => null };
        ServiceIntel? intel = null;
        await using var first = await RunningServer.StartAsync(kind, new ServerOptions { Workers = 0 }, engineOnStore: store =>
        {
            intel = ServiceIntel.Create(store, Env, TimeProvider.System);
            return new TriageEngine(EnvironmentContext.Default, LogStore.Empty, TimeProvider.System) { Intel = intel.Sources };
        });
        using var _ = intel;
        var otherStore = first.Store.OpenAnother();
        using var otherIntel = ServiceIntel.Create(otherStore, Env, TimeProvider.System);
        await using var second = await VerdictServer.StartAsync(new ServerOptions { Urls = "http://127.0.0.1:0", Workers = 0 }, otherStore,
            new TriageEngine(EnvironmentContext.Default, LogStore.Empty, TimeProvider.System) { Intel = otherIntel.Sources }, cancellationToken: TestContext.Current.CancellationToken);
        using var secondClient = new HttpClient { BaseAddress = new Uri(VerdictServer.Urls(second)[0]) };

        var asked = await first.JsonAsync(HttpMethod.Post, "/triage", first.AnalystKey, Alert("ecs-1", "alice"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/triage") { Content = new StringContent(Alert("ecs-2", "bob"), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", first.AnalystKey); // keys live in the shared store
        using var response = await secondClient.SendAsync(request, TestContext.Current.CancellationToken);
        var cached = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(1, abuseIpDb.Calls);
        var fresh = Assert.Single(asked.GetProperty("intel").EnumerateArray());
        var stored = Assert.Single(cached.GetProperty("intel").EnumerateArray());
        Assert.Equal(("AbuseIPDB", "malicious", false), (fresh.Str("source"), fresh.Str("verdict"), fresh.TryGetProperty("from_cache", out var f) && f.GetBoolean()));
        Assert.Equal(("AbuseIPDB", "malicious", true), (stored.Str("source"), stored.Str("verdict"), stored.GetProperty("from_cache").GetBoolean()));
        Assert.Equal(fresh.Str("retrieved_at"), stored.Str("retrieved_at"));
        Assert.Null(intel!.Cache.LastError);
        await second.StopAsync(TestContext.Current.CancellationToken);
        if (otherStore is IAsyncDisposable d) await d.DisposeAsync();
    }
}
