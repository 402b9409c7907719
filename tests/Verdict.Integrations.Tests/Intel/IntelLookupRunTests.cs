using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Storage.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Intel;

/// <summary>
/// Whole runs: entities from many alerts, both providers built from the environment against one local server that
/// answers like AbuseIPDB and VirusTotal, the SQLite cache in a temporary folder, and a fake clock.
/// </summary>
public sealed class IntelLookupRunTests : IDisposable
{
    private static readonly Entity Tor = new(EntityKind.Ip, FakeIntelApis.TorIp);
    private static readonly Entity Eicar = new(EntityKind.FileHash, FakeIntelApis.EicarSha256);

    private readonly HttpClient http = new();
    private readonly FakeTimeProvider time = TestClock.New();
    private readonly TempDirectory temp = new();

    /// <summary>What 1,000 alerts mention: the same few IPs, hashes and a domain over and over, written different ways.</summary>
    private static List<Entity> EntitiesOfManyAlerts() =>
    [
        .. Enumerable.Range(0, 1000).SelectMany(i => new Entity[]
        {
            new(EntityKind.User, $"user{i % 7}"),
            new(EntityKind.Host, "ws-01"),
            i % 2 == 0 ? Tor : new(EntityKind.Ip, "::ffff:" + FakeIntelApis.TorIp),
            new(EntityKind.Ip, i % 3 == 0 ? FakeIntelApis.SuspiciousIp : "10.0.0.5"),
            i % 2 == 0 ? Eicar : new(EntityKind.FileHash, "SHA256=" + FakeIntelApis.EicarSha256.ToUpperInvariant()),
            new(EntityKind.Domain, FakeIntelApis.EvilDomain),
        }),
    ];

    private IntelSources Sources(FakeIntelApis apis, IIntelCache? cache, Dictionary<string, string>? environment = null, int maxRetries = 3) =>
        IntelProviders.FromEnvironment(http, cache,
            new AbuseIpDbOptions { BaseUrl = apis.BaseUrl, MaxRetries = maxRetries, Timeout = TimeSpan.FromHours(1) },
            new VirusTotalOptions { BaseUrl = apis.BaseUrl, MaxRetries = maxRetries, Timeout = TimeSpan.FromHours(1), CacheTtl = TimeSpan.FromHours(48) },
            time, logger: null,
            environment: (environment ?? new() { ["ABUSEIPDB_API_KEY"] = FakeIntelApis.Key, ["VIRUSTOTAL_API_KEY"] = FakeIntelApis.Key }).GetValueOrDefault);

    private Task<IntelReport> Run(IntelSources sources, IEnumerable<Entity> entities) =>
        TestClock.RunAsync(time, new IntelLookup(sources, time: time).RunAsync(entities, TestContext.Current.CancellationToken));

    private Task<SqliteIntelCache> OpenCache() => SqliteIntelCache.OpenAsync(temp.File("verdict.db"), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Each_distinct_entity_is_looked_up_once_however_many_alerts_mention_it()
    {
        await using var apis = new FakeIntelApis(time) { VirusTotalQuotaPerMinute = 4 };
        var entities = EntitiesOfManyAlerts();

        var report = await Run(Sources(apis, cache: null), entities);

        Assert.Equal(6, apis.Calls);
        Assert.All(apis.Http.Requests.GroupBy(p => p), g => Assert.Single(g));
        Assert.Equal(0, apis.TooManyServed);
        Assert.Equal(entities.Distinct().Count(), report.Results.Count);
        Assert.Equal([IntelVerdict.Malicious, IntelVerdict.Malicious], report.For(Tor).Select(r => r.Verdict));
        Assert.Equal(["AbuseIPDB", "VirusTotal"], report.For(new Entity(EntityKind.Ip, "::ffff:" + FakeIntelApis.TorIp)).Select(r => r.Source));
        Assert.Equal(IntelVerdict.Malicious, Assert.Single(report.For(new Entity(EntityKind.FileHash, "SHA256=" + FakeIntelApis.EicarSha256.ToUpperInvariant()))).Verdict);
        Assert.All(report.For(new Entity(EntityKind.Ip, "10.0.0.5")), r => Assert.Equal("private address, not looked up", r.Note));
        Assert.Empty(report.For(new Entity(EntityKind.User, "user1")));
        Assert.Equal(["AbuseIPDB: 3 checked", "VirusTotal: 5 checked"], report.Notes);
    }

    [Fact]
    public async Task A_second_run_with_the_store_makes_no_call_and_an_expired_ttl_makes_new_ones()
    {
        await using var apis = new FakeIntelApis(time) { VirusTotalQuotaPerMinute = 4 };
        var firstTime = time.GetUtcNow();
        await using (var cache = await OpenCache()) await Run(Sources(apis, cache), EntitiesOfManyAlerts());
        Assert.Equal(6, apis.Calls);
        time.Advance(TimeSpan.FromHours(1));

        IntelReport again;
        await using (var cache = await OpenCache()) again = await Run(Sources(apis, cache), EntitiesOfManyAlerts());

        Assert.Equal(6, apis.Calls);
        Assert.All(again.Results.Values.SelectMany(r => r), r => Assert.True(r.FromCache));
        Assert.True(again.For(Eicar)[0].RetrievedAt < firstTime + TimeSpan.FromMinutes(5));
        Assert.Equal(IntelVerdict.Malicious, again.For(Eicar)[0].Verdict);
        Assert.Equal(["AbuseIPDB: 3 checked, 3 from the cache", "VirusTotal: 5 checked, 5 from the cache"], again.Notes);

        time.Advance(TimeSpan.FromHours(24));
        await using (var cache = await OpenCache()) again = await Run(Sources(apis, cache), EntitiesOfManyAlerts());

        Assert.Equal(8, apis.Calls);
        Assert.All(again.Results.Values.SelectMany(r => r).Where(r => r.Source == "AbuseIPDB"), r => Assert.False(r.FromCache));
        Assert.All(again.Results.Values.SelectMany(r => r).Where(r => r.Source == "VirusTotal"), r => Assert.True(r.FromCache));
    }

    [Fact]
    public async Task Errors_are_not_cached_so_the_next_run_asks_again()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(HttpReply.Json(500, "down"), r => r.Path.Contains(FakeIntelApis.EicarSha256, StringComparison.Ordinal));
        IntelReport first;
        await using (var cache = await OpenCache()) first = await Run(Sources(apis, cache, maxRetries: 0), [Tor, Eicar]);
        Assert.Equal((IntelVerdict.Error, "VirusTotal: server error (500)"), (first.For(Eicar)[0].Verdict, first.For(Eicar)[0].Note));
        Assert.Contains("VirusTotal: 2 checked, 1 failed", first.Notes);
        var calls = apis.Calls;

        IntelReport second;
        await using (var cache = await OpenCache()) second = await Run(Sources(apis, cache, maxRetries: 0), [Tor, Eicar]);

        Assert.Equal(calls + 1, apis.Calls);
        Assert.EndsWith($"/files/{FakeIntelApis.EicarSha256}", apis.Http.Requests.Last(), StringComparison.Ordinal);
        Assert.Equal((IntelVerdict.Malicious, false), (second.For(Eicar)[0].Verdict, second.For(Eicar)[0].FromCache));
    }

    [Fact]
    public async Task Without_keys_the_run_says_which_sources_were_not_used()
    {
        await using var apis = new FakeIntelApis(time);

        var none = Sources(apis, null, environment: []);
        var report = await Run(none, [Tor, Eicar]);
        var onlyVirusTotal = Sources(apis, null, environment: new() { ["VIRUSTOTAL_API_KEY"] = FakeIntelApis.Key, ["ABUSEIPDB_API_KEY"] = "  " });

        Assert.Empty(none.Providers);
        Assert.Equal(["AbuseIPDB: not used (set ABUSEIPDB_API_KEY)", "VirusTotal: not used (set VIRUSTOTAL_API_KEY)"], report.Notes);
        Assert.Empty(report.For(Tor));
        Assert.Equal(0, apis.Calls);
        Assert.Equal(["VirusTotal"], onlyVirusTotal.Providers.Select(p => p.Name));
        Assert.Equal(["AbuseIPDB: not used (set ABUSEIPDB_API_KEY)"], onlyVirusTotal.NotUsed);
    }

    [Fact]
    public async Task A_run_survives_every_kind_of_failure_with_a_note_for_each()
    {
        await using var apis = new FakeIntelApis(time);
        apis.ThenReply(FakeIntelApis.TooManyRequests("20"), r => r.Path.Contains("/ip_addresses/", StringComparison.Ordinal));
        apis.ThenReply(HttpReply.Json(200, "{\"data\": {\"attributes\": "), r => r.Path.Contains("/domains/", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["ABUSEIPDB_API_KEY"] = "revoked-key", ["VIRUSTOTAL_API_KEY"] = FakeIntelApis.Key };
        var unknownHash = new Entity(EntityKind.FileHash, new string('0', 64));
        var domain = new Entity(EntityKind.Domain, FakeIntelApis.EvilDomain);

        var report = await Run(Sources(apis, null, environment), [Tor, unknownHash, domain]);

        var abuse = report.For(Tor).Single(r => r.Source == "AbuseIPDB");
        Assert.Equal((IntelVerdict.Error, "AbuseIPDB rejected the API key (401)"), (abuse.Verdict, abuse.Note));
        Assert.Equal(IntelVerdict.Malicious, report.For(Tor).Single(r => r.Source == "VirusTotal").Verdict);
        Assert.Equal(IntelVerdict.Unknown, report.For(unknownHash)[0].Verdict);
        Assert.Equal("VirusTotal: unreadable response", report.For(domain)[0].Note);
        Assert.Equal(["AbuseIPDB: 1 checked, 1 failed", "VirusTotal: 3 checked, 1 failed"], report.Notes);
    }

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }
}
