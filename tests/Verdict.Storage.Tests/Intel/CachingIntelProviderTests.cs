using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Storage.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>The caching decorator over a hand-written provider, with the real SQLite cache and a fake clock.</summary>
public sealed class CachingIntelProviderTests : IDisposable
{
    private static readonly Entity Hash = new(EntityKind.FileHash, new string('a', 64));
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));

    private sealed class CountingProvider(TimeProvider time, IntelVerdict verdict) : IIntelProvider
    {
        public int Calls;
        public IntelVerdict Verdict { get; set; } = verdict;
        public string Name => "VirusTotal";
        public bool Supports(EntityKind kind) => kind == EntityKind.FileHash;

        public Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new IntelResult(Name, entity, Verdict, $"call {Calls}", time.GetUtcNow(), Score: 7));
        }
    }

    private async Task<(CountingProvider Inner, CachingIntelProvider Caching, SqliteIntelCache Cache)> Setup(IntelVerdict verdict)
    {
        var inner = new CountingProvider(time, verdict);
        var cache = await SqliteIntelCache.OpenAsync(Path.Combine(temp.Path, "verdict.db"), TestContext.Current.CancellationToken);
        return (inner, new CachingIntelProvider(inner, cache, TimeSpan.FromHours(24), time), cache);
    }

    [Fact]
    public async Task A_second_lookup_within_the_ttl_comes_from_the_cache_with_the_original_time()
    {
        var (inner, caching, cache) = await Setup(IntelVerdict.Malicious);
        await using var _ = cache;
        var first = await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);
        var firstTime = time.GetUtcNow();
        time.Advance(TimeSpan.FromHours(23));

        var second = await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);

        Assert.Equal(1, inner.Calls);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(firstTime, second.RetrievedAt);
        Assert.Equal(first with { FromCache = true }, second);
    }

    [Fact]
    public async Task An_expired_entry_makes_a_new_call()
    {
        var (inner, caching, cache) = await Setup(IntelVerdict.Clean);
        await using var _ = cache;
        await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var again = await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);

        Assert.Equal(2, inner.Calls);
        Assert.False(again.FromCache);
        Assert.Equal(time.GetUtcNow(), again.RetrievedAt);
    }

    [Fact]
    public async Task Errors_are_not_cached()
    {
        var (inner, caching, cache) = await Setup(IntelVerdict.Error);
        await using var _ = cache;
        await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);
        inner.Verdict = IntelVerdict.Unknown;

        var second = await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);
        var third = await caching.LookupAsync(Hash, TestContext.Current.CancellationToken);

        Assert.Equal(2, inner.Calls);
        Assert.Equal((IntelVerdict.Unknown, false), (second.Verdict, second.FromCache));
        Assert.Equal((IntelVerdict.Unknown, true), (third.Verdict, third.FromCache));
    }

    public void Dispose() => temp.Dispose();
}
