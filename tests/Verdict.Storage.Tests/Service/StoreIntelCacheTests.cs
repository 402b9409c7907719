using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Storage.Service;

namespace Verdict.Tests.Service;

/// <summary>The intel cache in the service store, on SQLite and PostgreSQL: what goes in comes back, until its TTL runs out.</summary>
public sealed class StoreIntelCacheTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Entity Ip = new(EntityKind.Ip, "185.220.101.1");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CountingProvider(TimeProvider time) : IIntelProvider
    {
        public int Calls;
        public string Name => "AbuseIPDB";
        public bool Supports(EntityKind kind) => kind == EntityKind.Ip;

        public Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new IntelResult(Name, entity, IntelVerdict.Malicious, $"call {Calls}", time.GetUtcNow(), Score: 97.5, Note: "Tor exit"));
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_stored_result_comes_back_with_every_field_and_a_newer_one_replaces_it(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var cache = new StoreIntelCache(t.Store);
        var stored = new IntelResult("AbuseIPDB", Ip, IntelVerdict.Malicious, "AbuseIPDB: confidence 100%", Noon.AddTicks(1234567), Score: 99.25, Note: "Tor exit");
        await cache.PutAsync(stored, Ct);

        Assert.Equal(stored, await new StoreIntelCache(t.OpenAnother()).GetAsync("AbuseIPDB", Ip, Noon, Ct));
        Assert.Null(await cache.GetAsync("VirusTotal", Ip, Noon, Ct));
        Assert.Null(await cache.GetAsync("AbuseIPDB", new Entity(EntityKind.Domain, Ip.Value), Noon, Ct));

        await cache.PutAsync(new IntelResult("AbuseIPDB", Ip, IntelVerdict.Clean, "newer", Noon.AddHours(1)), Ct);
        var found = await cache.GetAsync("AbuseIPDB", Ip, Noon, Ct);
        Assert.Equal((IntelVerdict.Clean, "newer", (double?)null, (string?)null), (found!.Verdict, found.Summary, found.Score, found.Note));
        Assert.Null(cache.LastError);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_second_lookup_from_another_server_is_served_from_the_store_until_the_ttl_runs_out(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var time = new FakeTimeProvider(Noon);
        var inner = new CountingProvider(time);
        var first = new CachingIntelProvider(inner, new StoreIntelCache(t.Store), TimeSpan.FromHours(24), time);
        var second = new CachingIntelProvider(inner, new StoreIntelCache(t.OpenAnother()), TimeSpan.FromHours(24), time);

        var asked = await first.LookupAsync(Ip, Ct);
        time.Advance(TimeSpan.FromHours(23));
        var cached = await second.LookupAsync(Ip, Ct);

        Assert.Equal(1, inner.Calls);
        Assert.Equal(asked with { FromCache = true }, cached);
        Assert.Equal(Noon, cached.RetrievedAt);

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1)); // past the TTL: asked again, and the new answer is stored
        var fresh = await second.LookupAsync(Ip, Ct);
        Assert.Equal((2, false, "call 2"), (inner.Calls, fresh.FromCache, fresh.Summary));
        Assert.Equal("call 2", (await first.LookupAsync(Ip, Ct)).Summary);
        Assert.Equal(2, inner.Calls);
        Assert.Equal(0, await t.Store.PurgeIntelAsync(time.GetUtcNow() - TimeSpan.FromHours(24), Ct));
        Assert.Equal(1, await t.Store.PurgeIntelAsync(time.GetUtcNow().AddSeconds(1), Ct));
    }

    [Fact]
    public async Task An_unreachable_store_is_a_miss_and_the_lookup_is_made()
    {
        var cache = new StoreIntelCache(new PostgresVerdictStore("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2"));
        var inner = new CountingProvider(TimeProvider.System);
        var result = await new CachingIntelProvider(inner, cache, TimeSpan.FromHours(1)).LookupAsync(Ip, Ct);

        Assert.Equal((1, IntelVerdict.Malicious), (inner.Calls, result.Verdict));
        Assert.StartsWith("intel cache write failed", cache.LastError, StringComparison.Ordinal);
    }
}
