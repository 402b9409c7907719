using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using Verdict.Cli;
using Verdict.Tests.Attack.Mapping;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>
/// `verdict attack map` and `verdict eval attack` with --embeddings, against a local embedding server. The environment
/// (VERDICT_CACHE_DIR, keys) is passed in through CliServices, so tests never change the process's nor write to the home cache.
/// </summary>
public sealed class AttackMapSemanticTests : IDisposable
{
    private static readonly string Key = "test-key-" + Guid.NewGuid().ToString("N"); // made up per run: no key-shaped literal in the source
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("verdict-cli-embed-");
    private readonly Dictionary<string, string> environment = [];

    public AttackMapSemanticTests() => environment["VERDICT_CACHE_DIR"] = temp.FullName;

    public void Dispose() => temp.Delete(recursive: true);

    private async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 240;
        using var error = new StringWriter();
        var services = new CliServices(console, new FakeTimeProvider(CliRunner.Now), () => new MemoryStream())
        {
            Environment = environment.GetValueOrDefault,
            Error = error,
        };
        var code = await VerdictApp.RunAsync(args, services, TestContext.Current.CancellationToken);
        return (code, console.Output, error.ToString());
    }

    private static string[] Map(string text, params string[] extra) => ["attack", "map", "--text", text, "--attack-data", SemanticFixture.Path, .. extra];

    [Fact]
    public async Task Text_mode_fuses_semantic_retrieval_says_so_and_reads_the_vectors_from_the_cache_the_second_time()
    {
        await using var server = new EmbeddingServer();
        var url = server.BaseUrl.AbsoluteUri;

        var lexical = await Run(Map(SemanticFixture.NoSharedWords));
        var first = await Run(Map(SemanticFixture.NoSharedWords, "--embeddings", "ollama:test", "--embeddings-url", url));
        var second = await Run(Map(SemanticFixture.NoSharedWords, "--embeddings", "ollama:test", "--embeddings-url", url));

        Assert.Equal((0, 0, 0), (lexical.Code, first.Code, second.Code));
        Assert.DoesNotContain("T1555.003", lexical.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Semantic retrieval", lexical.Output, StringComparison.Ordinal);
        var cacheFile = Assert.Single(Directory.GetFiles(Path.Combine(temp.FullName, "embeddings")));
        Assert.Contains($"Semantic retrieval on: ollama test at {url} (11 technique vectors embedded now, cached in {cacheFile}).", first.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"Semantic retrieval on: ollama test at {url} (11 technique vectors from the cache).", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ [1-3] │ T1555\.003 │ Credentials from Web Browsers │ [0-9.]+ +│ text resembles the technique \(lexical and semantic retrieval\)", second.Output);
        Assert.Equal(3, server.Requests.Count); // the techniques once, then one query per run
        Assert.Equal(["test"], server.Requests.Select(r => r.Json["model"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Input_mode_keeps_standard_output_to_JSON_lines_and_takes_the_settings_from_the_environment()
    {
        await using var server = new EmbeddingServer();
        environment["VERDICT_EMBEDDINGS"] = "openai:text-embedding-test";
        environment["VERDICT_EMBEDDINGS_URL"] = new Uri(server.BaseUrl, "v1").AbsoluteUri;
        environment["OPENAI_API_KEY"] = Key;
        var input = Path.Combine(temp.FullName, "events.jsonl");
        File.WriteAllLines(input, [$$"""{"id": "a", "text": "{{SemanticFixture.NoSharedWords}}"}""", """{"id": "b", "text": "schtasks /create /tn x /tr c:\\x.exe"}"""]);

        var (code, output, error) = await Run("attack", "map", "--input", input, "--field", "text", "--attack-data", SemanticFixture.Path);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a", "b"], lines.Select(l => l.GetProperty("id").GetString()));
        Assert.Contains(lines[0].GetProperty("techniques").EnumerateArray(), t => t.GetProperty("id").GetString() == SemanticFixture.Target);
        Assert.StartsWith($"Semantic retrieval on: openai text-embedding-test at {server.BaseUrl}v1/", error, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {Key}", r.Headers["authorization"]));
        Assert.DoesNotContain(Key, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_turns_semantic_retrieval_off_with_a_clear_line_and_never_shows_the_key()
    {
        await using var server = new EmbeddingServer { Fault = r => new EmbeddingReply(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{r.Headers["authorization"]}}}"}}""") };
        environment["OPENAI_API_KEY"] = Key;

        var (code, output, _) = await Run(Map(SemanticFixture.FewSharedWords, "--embeddings", "openai:text-embedding-test", "--embeddings-url", new Uri(server.BaseUrl, "v1").AbsoluteUri));

        Assert.Equal(0, code);
        Assert.Contains($"Semantic retrieval off: {server.BaseUrl}v1/ refused the API key (HTTP 401): check $OPENAI_API_KEY. Ranking lexically.", output, StringComparison.Ordinal);
        Assert.Contains("T1539", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cohere:embed", "unknown embedding provider 'cohere'")]
    [InlineData("ollama:", "no embedding model: write ollama:MODEL")]
    [InlineData("openai:text-embedding-3-small", "the OpenAI API needs a key: set $OPENAI_API_KEY")]
    public async Task Wrong_settings_are_a_usage_error_found_before_any_work(string spec, string message)
    {
        var (code, output, _) = await Run("attack", "map", "--text", "whoami", "--attack-data", Path.Combine(temp.FullName, "absent.json"), "--embeddings", spec);

        Assert.Equal(2, code);
        Assert.Contains($"error: {message}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_URL_without_a_model_is_a_usage_error()
    {
        var (code, output, _) = await Run(Map("whoami", "--embeddings-url", "http://127.0.0.1:1/"));

        Assert.Equal(2, code);
        Assert.Contains("error: --embeddings-url needs --embeddings PROVIDER:MODEL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_attack_scores_through_the_fused_ranking()
    {
        await using var server = new EmbeddingServer();
        var devsets = temp.CreateSubdirectory("devsets");
        File.WriteAllLines(Path.Combine(devsets.FullName, "sigma-rules.jsonl"),
        [
            $$"""{"title": "Chrome logins harvested", "description": "{{SemanticFixture.NoSharedWords}}", "detection": {}, "techniques": ["T1555.003"]}""",
            """{"title": "Screenshot taken", "description": "desktop screen capture", "detection": {}, "techniques": ["T1113"]}""",
        ]);

        var (code, output, _) = await Run("eval", "attack", "--devsets", devsets.FullName, "--attack-data", SemanticFixture.Path, "--embeddings", "ollama:test", "--embeddings-url", server.BaseUrl.AbsoluteUri);

        Assert.Equal(0, code);
        Assert.Contains("Semantic retrieval on: ollama test", output, StringComparison.Ordinal);
        Assert.Matches(@"│ sigma-rules\.jsonl │ 2 +│ [0-9.]+ % +│ 100\.0 % +│ [0-9.]+ % +│ 100\.0 % +│", output);
        Assert.Equal(3, server.Requests.Count);
    }
}
