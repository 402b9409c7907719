using System.Net.Sockets;
using System.Text;
using Verdict.Integrations.Attack;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack;

/// <summary>The downloader against a real HTTP server on 127.0.0.1 serving the hand-written STIX 2.1 fixture.</summary>
public sealed class AttackDownloaderTests : IDisposable
{
    private const string BundlePath = "/enterprise-attack/enterprise-attack.json";
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-stix21.json"));
    private static readonly byte[] PreviousCache = Encoding.UTF8.GetBytes("{\"type\": \"bundle\", \"note\": \"the cache from last time\"}");

    private readonly TempDirectory temp = new();
    private readonly HttpClient http = new();

    private string CacheFile => Path.Combine(temp.Path, "attack", "enterprise-attack.json");

    private AttackDownloader Downloader(Uri baseUrl, long minimumBytes = 1024) =>
        new(http, new AttackDownloadOptions { BaseUrl = baseUrl, MinimumBytes = minimumBytes });

    private void WritePreviousCache()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllBytes(CacheFile, PreviousCache);
    }

    private void AssertCacheUnchangedAndNoTempFile()
    {
        Assert.Equal(PreviousCache, File.ReadAllBytes(CacheFile));
        Assert.Equal([CacheFile], Directory.GetFiles(Path.GetDirectoryName(CacheFile)!));
    }

    [Fact]
    public async Task A_good_download_is_checked_and_written_to_the_cache()
    {
        await using var server = new LocalHttpServer(path => path == BundlePath ? HttpReply.Json(Fixture) : new HttpReply(404, []));
        var reports = new List<(long Read, long? Total)>();
        WritePreviousCache();

        var result = await Downloader(server.BaseUrl).DownloadAsync(CacheFile, new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Error);
        Assert.Equal("18.1", result.KnowledgeBase!.Version);
        Assert.Equal(CacheFile, result.CachePath);
        Assert.Equal(Fixture, File.ReadAllBytes(CacheFile));
        Assert.Equal([CacheFile], Directory.GetFiles(Path.GetDirectoryName(CacheFile)!));
        Assert.Equal((Fixture.Length, Fixture.Length), (reports[^1].Read, reports[^1].Total));
        Assert.Equal([BundlePath], server.Requests);
    }

    [Fact]
    public async Task The_cache_folder_is_created_and_a_base_url_with_a_path_is_honoured()
    {
        await using var server = new LocalHttpServer(path => path == "/mirror/attack" + BundlePath ? HttpReply.Json(Fixture) : new HttpReply(404, []));

        var result = await Downloader(new Uri(server.BaseUrl, "mirror/attack")).DownloadAsync(CacheFile, null, TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Error);
        Assert.True(File.Exists(CacheFile));
    }

    [Fact]
    public async Task A_truncated_body_leaves_the_cache_byte_identical_and_no_temp_file()
    {
        var half = Fixture[..(Fixture.Length / 2)];
        await using var server = new LocalHttpServer(_ => new HttpReply(200, half, AnnouncedLength: Fixture.Length));
        WritePreviousCache();

        var result = await Downloader(server.BaseUrl).DownloadAsync(CacheFile, null, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Equal($"download truncated: got {half.Length} of {Fixture.Length} bytes; cache left unchanged", result.Error);
        AssertCacheUnchangedAndNoTempFile();
    }

    [Fact]
    public async Task An_HTTP_error_is_reported_with_status_and_url()
    {
        await using var server = new LocalHttpServer(_ => new HttpReply(404, Encoding.UTF8.GetBytes("404: Not Found")));
        WritePreviousCache();

        var result = await Downloader(server.BaseUrl).DownloadAsync(CacheFile, null, TestContext.Current.CancellationToken);

        Assert.Equal($"download of ATT&CK data failed: HTTP 404 from {server.BaseUrl}enterprise-attack/enterprise-attack.json", result.Error);
        AssertCacheUnchangedAndNoTempFile();
    }

    [Theory]
    [InlineData("<html><body>Rate limited</body></html>", "is not valid JSON")]
    [InlineData("{\"type\": \"bundle\", \"objects\": [{\"type\": \"malware\", \"id\": \"malware--1\"}]}", "without ATT&CK techniques")]
    public async Task A_body_that_is_not_an_ATTACK_bundle_is_refused(string body, string reason)
    {
        var padded = Encoding.UTF8.GetBytes(body + new string(' ', 2048));
        await using var server = new LocalHttpServer(_ => HttpReply.Json(padded));
        WritePreviousCache();

        var result = await Downloader(server.BaseUrl).DownloadAsync(CacheFile, null, TestContext.Current.CancellationToken);

        Assert.StartsWith($"the download from {server.BaseUrl}enterprise-attack/enterprise-attack.json is not an ATT&CK STIX bundle (", result.Error);
        Assert.Contains(reason, result.Error);
        Assert.EndsWith("; cache left unchanged", result.Error);
        AssertCacheUnchangedAndNoTempFile();
    }

    [Fact]
    public async Task Less_than_a_megabyte_is_too_small_by_default()
    {
        await using var server = new LocalHttpServer(_ => HttpReply.Json(Fixture));

        var result = await new AttackDownloader(http, new AttackDownloadOptions { BaseUrl = server.BaseUrl }).DownloadAsync(CacheFile, null, TestContext.Current.CancellationToken);

        Assert.StartsWith($"download too small: got {Fixture.Length} bytes", result.Error);
        Assert.False(File.Exists(CacheFile));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(CacheFile)!));
    }

    [Fact]
    public async Task A_refused_connection_is_a_clear_error()
    {
        var closed = new TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await Downloader(new Uri($"http://127.0.0.1:{port}/")).DownloadAsync(CacheFile, null, TestContext.Current.CancellationToken);

        Assert.StartsWith("download of ATT&CK data failed: ", result.Error);
        Assert.EndsWith($"(http://127.0.0.1:{port}/enterprise-attack/enterprise-attack.json)", result.Error);
        Assert.False(File.Exists(CacheFile));
    }

    [Fact]
    public void The_default_url_is_MITREs_official_repository() =>
        Assert.Equal("https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json",
            new AttackDownloadOptions().BundleUrl.AbsoluteUri);

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want every report, in order, before the call returns.</summary>
    private sealed class SynchronousProgress(Action<(long, long?)> report) : IProgress<(long Read, long? Total)>
    {
        public void Report((long Read, long? Total) value) => report(value);
    }
}
