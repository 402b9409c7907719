using System.Text;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using Verdict.Cli;
using Verdict.Cli.Commands;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>AttackCommand.LoadKnowledgeBaseAsync: environment variable, cache, and the first-use download (from a server on 127.0.0.1).</summary>
public sealed class AttackDataLoadingTests : IDisposable
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-stix21.json"));
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("verdict-attack-");
    private readonly TestConsole console = new();

    public AttackDataLoadingTests() => console.Profile.Width = 240;

    private CliServices Services => new(console, new FakeTimeProvider(CliRunner.Now), () => Stream.Null);
    private string CacheFile => Path.Combine(temp.FullName, "cache", "attack", "enterprise-attack.json");

    /// <summary>The fixture padded with whitespace past the downloader's 1 MB minimum: still the same bundle.</summary>
    private static byte[] BigFixture() => [.. Fixture.AsSpan(0, Fixture.Length - 2), .. Encoding.ASCII.GetBytes(new string(' ', 1024 * 1024)), .. "}\n"u8];

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public async Task First_use_downloads_into_the_cache_then_reads_the_cache()
    {
        var big = BigFixture();
        await using var server = new LocalHttpServer(path => path == "/enterprise-attack/enterprise-attack.json" ? HttpReply.Json(big) : new HttpReply(404, []));
        var env = Env(("VERDICT_CACHE_DIR", Path.Combine(temp.FullName, "cache")), ("VERDICT_ATTACK_BASE_URL", server.BaseUrl.AbsoluteUri));

        var kb = await AttackCommand.LoadKnowledgeBaseAsync(null, env, temp.FullName, Services, TestContext.Current.CancellationToken);

        Assert.Equal("18.1", kb!.Version);
        Assert.Equal(big, File.ReadAllBytes(CacheFile));
        Assert.Contains("downloading MITRE's current Enterprise bundle", console.Output);
        Assert.Contains($"Cached ATT&CK v18.1 at {CacheFile}", console.Output);

        var again = await AttackCommand.LoadKnowledgeBaseAsync(null, env, temp.FullName, Services, TestContext.Current.CancellationToken);
        Assert.Equal(4, again!.Techniques.Count);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_failed_download_explains_how_to_work_offline()
    {
        await using var server = new LocalHttpServer(_ => new HttpReply(404, []));
        var env = Env(("VERDICT_CACHE_DIR", Path.Combine(temp.FullName, "cache")), ("VERDICT_ATTACK_BASE_URL", server.BaseUrl.AbsoluteUri));

        var kb = await AttackCommand.LoadKnowledgeBaseAsync(null, env, temp.FullName, Services, TestContext.Current.CancellationToken);

        Assert.Null(kb);
        Assert.Contains("error: download of ATT&CK data failed: HTTP 404 from", console.Output);
        Assert.Contains("To work offline, pass --attack-data PATH or set $VERDICT_ATTACK_DATA", console.Output);
        Assert.False(File.Exists(CacheFile));
    }

    [Fact]
    public async Task The_environment_variable_is_used_when_there_is_no_option()
    {
        var env = Env(("VERDICT_ATTACK_DATA", Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-stix20.json")), ("VERDICT_ATTACK_BASE_URL", "http://127.0.0.1:1/"));
        var kb = await AttackCommand.LoadKnowledgeBaseAsync(null, env, temp.FullName, Services, TestContext.Current.CancellationToken);
        Assert.Equal("2.0", kb!.SpecVersion);
        Assert.Equal("", console.Output);
    }

    [Fact]
    public async Task A_bad_base_url_and_a_broken_cache_are_clear_errors()
    {
        var env = Env(("VERDICT_CACHE_DIR", Path.Combine(temp.FullName, "cache")), ("VERDICT_ATTACK_BASE_URL", "ftp://mirror.example/"));
        Assert.Null(await AttackCommand.LoadKnowledgeBaseAsync(null, env, temp.FullName, Services, TestContext.Current.CancellationToken));
        Assert.Contains("$VERDICT_ATTACK_BASE_URL is not an http(s) URL: 'ftp://mirror.example/'", console.Output);

        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, "{\"type\": \"bundle\", \"objects\": []}");
        Assert.Null(await AttackCommand.LoadKnowledgeBaseAsync(null, env, temp.FullName, Services, TestContext.Current.CancellationToken));
        Assert.Contains("(the cached copy; delete it to download a fresh one)", console.Output);
    }

    public void Dispose() => temp.Delete(recursive: true);
}
