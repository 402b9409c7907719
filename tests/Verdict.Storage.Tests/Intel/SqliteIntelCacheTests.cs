using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Storage;
using Verdict.Storage.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

public sealed class SqliteIntelCacheTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Entity Ip = new(EntityKind.Ip, "185.220.101.1");
    private readonly TempDirectory temp = new();

    private string Db => Path.Combine(temp.Path, "data", "verdict.db");

    [Fact]
    public async Task A_stored_result_comes_back_with_every_field_after_reopening()
    {
        var stored = new IntelResult("AbuseIPDB", Ip, IntelVerdict.Malicious, "AbuseIPDB: confidence 100%", Noon, Score: 100, Note: "Tor exit");
        await using (var cache = await SqliteIntelCache.OpenAsync(Db, TestContext.Current.CancellationToken))
        {
            await cache.PutAsync(stored, TestContext.Current.CancellationToken);
        }

        await using var reopened = await SqliteIntelCache.OpenAsync(Db, TestContext.Current.CancellationToken);
        var found = await reopened.GetAsync("AbuseIPDB", Ip, Noon.AddHours(-1), TestContext.Current.CancellationToken);

        Assert.Equal(stored, found);
        Assert.Null(reopened.LastError);
    }

    [Fact]
    public async Task The_key_is_source_kind_and_value_and_a_newer_result_replaces_the_old()
    {
        await using var cache = await SqliteIntelCache.OpenAsync(Db, TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;
        await cache.PutAsync(new IntelResult("VirusTotal", Ip, IntelVerdict.Clean, "old", Noon), ct);
        await cache.PutAsync(new IntelResult("VirusTotal", Ip, IntelVerdict.Suspicious, "new", Noon.AddHours(1), Score: 2.5), ct);

        var found = await cache.GetAsync("VirusTotal", Ip, Noon, ct);
        Assert.Equal((IntelVerdict.Suspicious, "new", 2.5), (found!.Verdict, found.Summary, found.Score));
        Assert.Null(await cache.GetAsync("AbuseIPDB", Ip, Noon, ct));
        Assert.Null(await cache.GetAsync("VirusTotal", new Entity(EntityKind.Domain, Ip.Value), Noon, ct));
    }

    [Fact]
    public async Task A_result_older_than_the_cutoff_is_a_miss_and_purge_removes_it()
    {
        await using var cache = await SqliteIntelCache.OpenAsync(Db, TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;
        await cache.PutAsync(new IntelResult("VirusTotal", Ip, IntelVerdict.Clean, "clean", Noon), ct);

        Assert.NotNull(await cache.GetAsync("VirusTotal", Ip, Noon, ct));
        Assert.Null(await cache.GetAsync("VirusTotal", Ip, Noon.AddTicks(1), ct));
        Assert.Equal(0, await cache.PurgeAsync(Noon, ct));
        Assert.Equal(1, await cache.PurgeAsync(Noon.AddSeconds(1), ct));
        Assert.Null(await cache.GetAsync("VirusTotal", Ip, Noon.AddDays(-1), ct));
    }

    [Fact]
    public void The_default_database_is_in_the_data_folder()
    {
        Assert.Equal(Path.Combine("/srv/verdict", "verdict.db"), StorePaths.DefaultDatabaseFile(name => name == "VERDICT_DATA_DIR" ? "/srv/verdict" : null));
        Assert.EndsWith(Path.Combine("verdict", "verdict.db"), StorePaths.DefaultDatabaseFile(_ => null), StringComparison.Ordinal);
    }

    public void Dispose() => temp.Dispose();
}
