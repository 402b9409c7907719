using Verdict.Attack.Mapping;
using Verdict.Llm.Embeddings;
using Verdict.Tests.Attack.Mapping;
using Verdict.Tests.Support;

namespace Verdict.Tests.Embeddings;

/// <summary>The real OpenAI SDK client (through Microsoft.Extensions.AI.OpenAI) against a local server speaking POST /v1/embeddings.</summary>
public sealed class OpenAIEmbeddingTests
{
    private static readonly string Key = "test-key-" + Guid.NewGuid().ToString("N"); // made up per run: no key-shaped literal in the source
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly int Current = SemanticFixture.KnowledgeBase.Techniques.Count(t => !t.Deprecated);

    private static Func<string, string?> WithKey(string? key) => name => name == "OPENAI_API_KEY" ? key : null;

    private static Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> Generator(EmbeddingServer server) => Generator(server, Key);

    private static Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> Generator(EmbeddingServer server, string? key) =>
        EmbeddingProviders.Create(EmbeddingOptions.Parse("openai:text-embedding-concepts", new Uri(server.BaseUrl, "v1").AbsoluteUri), WithKey(key));

    [Fact]
    public async Task Requests_carry_the_model_the_batch_and_the_key_and_fusion_finds_the_meant_technique()
    {
        await using var server = new EmbeddingServer();
        using var generator = Generator(server);
        var notes = new List<string>();

        var index = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct);
        var fused = await new TechniqueMapper(SemanticFixture.KnowledgeBase, index, notes.Add).MapAsync(MappingInput.FromText(SemanticFixture.FewSharedWords), cancellationToken: Ct);

        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/v1/embeddings"), (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Equal("text-embedding-concepts", r.Json["model"]!.GetValue<string>()));
        Assert.All(requests, r => Assert.Equal($"Bearer {Key}", r.Headers["authorization"]));
        Assert.Equal(Current, requests[0].Inputs.Count);
        Assert.Equal([SemanticFixture.FewSharedWords], requests[1].Inputs);
        Assert.InRange(SemanticFixture.RankOf(fused.Select(t => t.Id), SemanticFixture.Target), 1, 2);
        Assert.Empty(notes);
        Assert.Equal(Current, index.Count);
    }

    [Fact]
    public async Task The_model_and_endpoint_key_the_cache_so_a_second_run_embeds_only_the_query()
    {
        using var temp = new TempDirectory();
        await using var server = new EmbeddingServer();
        using (var first = Generator(server)) await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, first, temp.Path, cancellationToken: Ct);
        using var generator = Generator(server);

        var again = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, temp.Path, cancellationToken: Ct);
        await again.SearchAsync("dump lsass memory", 3, Ct);

        Assert.Equal(Current, again.VectorsFromCache);
        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain(Key, File.ReadAllText(again.CacheFile!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_key_gives_a_clear_message_that_never_shows_the_key()
    {
        await using var server = new EmbeddingServer
        {
            Fault = r => new EmbeddingReply(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{r.Headers["authorization"][7..]}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""),
        };
        using var generator = Generator(server);

        var e = await Assert.ThrowsAsync<EmbeddingServiceException>(() => SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct));

        Assert.Equal($"{server.BaseUrl.AbsoluteUri}v1/ refused the API key (HTTP 401): check $OPENAI_API_KEY", e.Message);
        Assert.Equal(401, e.StatusCode);
        Assert.DoesNotContain(Key, e.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests); // a 401 is not retried
    }

    [Fact]
    public async Task A_refused_key_during_mapping_is_one_note_without_the_key()
    {
        await using var server = new EmbeddingServer();
        using var generator = Generator(server);
        var index = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct);
        var notes = new List<string>();
        var mapper = new TechniqueMapper(SemanticFixture.KnowledgeBase, index, notes.Add);
        server.Fault = r => new EmbeddingReply(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{r.Headers["authorization"]}}}"}}""");

        var ranked = await mapper.MapAsync(MappingInput.FromText(SemanticFixture.FewSharedWords), cancellationToken: Ct);

        Assert.Equivalent(mapper.Map(MappingInput.FromText(SemanticFixture.FewSharedWords)), ranked, strict: true);
        var note = Assert.Single(notes);
        Assert.Contains("refused the API key (HTTP 401): check $OPENAI_API_KEY", note, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OpenAI_compatible_server_needs_only_its_URL()
    {
        await using var server = new EmbeddingServer();
        using var generator = Generator(server, key: null);

        var embedded = await generator.GenerateAsync(["steal", "saved browser passwords"], cancellationToken: Ct);

        Assert.Equal(2, embedded.Count);
        Assert.Equal(ConceptEmbedding.Dimensions, embedded[0].Vector.Length);
        Assert.Equal($"Bearer {EmbeddingProviders.NoKey}", Assert.Single(server.Requests).Headers["authorization"]);
    }
}
