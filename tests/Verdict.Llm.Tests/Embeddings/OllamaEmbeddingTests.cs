using Verdict.Attack.Mapping;
using Verdict.Llm.Embeddings;
using Verdict.Tests.Attack.Mapping;
using Verdict.Tests.Support;

namespace Verdict.Tests.Embeddings;

/// <summary>The real OllamaSharp client against a local server speaking Ollama's POST /api/embed.</summary>
public sealed class OllamaEmbeddingTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly int Current = SemanticFixture.KnowledgeBase.Techniques.Count(t => !t.Deprecated);

    private static Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> Generator(EmbeddingServer server, TimeSpan? timeout = null)
    {
        var options = EmbeddingOptions.Parse("ollama:concepts", server.BaseUrl.AbsoluteUri);
        if (timeout is { } t) options.Timeout = t;
        return EmbeddingProviders.Create(options, _ => null);
    }

    [Fact]
    public async Task The_index_is_built_with_batched_embed_requests_and_queries_are_fused()
    {
        await using var server = new EmbeddingServer();
        using var generator = Generator(server);

        var index = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct);
        var mapper = new TechniqueMapper(SemanticFixture.KnowledgeBase, index);
        var fused = await mapper.MapAsync(MappingInput.FromText(SemanticFixture.NoSharedWords), cancellationToken: Ct);

        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/api/embed"), (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Equal("concepts", r.Json["model"]!.GetValue<string>()));
        Assert.Equal(Current, requests[0].Inputs.Count);
        Assert.StartsWith("Credentials from Web Browsers. Adversaries may acquire", requests[0].Inputs.Single(i => i.StartsWith("Credentials from Web", StringComparison.Ordinal)));
        Assert.Equal([SemanticFixture.NoSharedWords], requests[1].Inputs);
        Assert.DoesNotContain(requests, r => r.Headers.ContainsKey("authorization"));
        Assert.InRange(SemanticFixture.RankOf(fused.Select(t => t.Id), SemanticFixture.Target), 1, 3);
        Assert.DoesNotContain(mapper.Map(MappingInput.FromText(SemanticFixture.NoSharedWords)), t => t.Id == SemanticFixture.Target);
    }

    [Fact]
    public async Task A_second_build_reads_the_cache_and_sends_only_queries()
    {
        using var temp = new TempDirectory();
        await using var server = new EmbeddingServer();
        using var generator = Generator(server);
        await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, temp.Path, cancellationToken: Ct);
        Assert.Single(server.Requests);

        var again = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, Generator(server), temp.Path, cancellationToken: Ct);
        await new TechniqueMapper(SemanticFixture.KnowledgeBase, again).MapAsync(MappingInput.FromText(SemanticFixture.FewSharedWords), cancellationToken: Ct);

        Assert.Equal(Current, again.VectorsFromCache);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(server.Requests.Last().Inputs);
    }

    [Fact]
    public async Task A_server_error_falls_back_to_lexical_ranking_with_one_note()
    {
        await using var server = new EmbeddingServer();
        using var generator = Generator(server);
        var index = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct);
        var notes = new List<string>();
        var mapper = new TechniqueMapper(SemanticFixture.KnowledgeBase, index, notes.Add);
        server.Fault = _ => new EmbeddingReply(500, """{"error":"llama runner process has terminated"}""");
        var input = MappingInput.FromText(SemanticFixture.FewSharedWords);

        var ranked = await mapper.MapAsync(input, cancellationToken: Ct);
        await mapper.MapAsync(input, cancellationToken: Ct);

        Assert.Equivalent(mapper.Map(input), ranked, strict: true);
        var note = Assert.Single(notes);
        Assert.Equal($"semantic retrieval failed: {server.BaseUrl.AbsoluteUri} failed (HTTP 500): the server had an internal error. Ranking lexically instead where it fails (for the rest of the run after 3 failures in a row).", note);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_falls_back_to_lexical_ranking()
    {
        await using var server = new EmbeddingServer();
        using var generator = Generator(server, TimeSpan.FromMilliseconds(500));
        var index = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct);
        var notes = new List<string>();
        var mapper = new TechniqueMapper(SemanticFixture.KnowledgeBase, index, notes.Add);
        server.Fault = _ => new EmbeddingReply(200, "{}", TimeSpan.FromSeconds(5));
        var input = MappingInput.FromText(SemanticFixture.FewSharedWords);

        var ranked = await mapper.MapAsync(input, cancellationToken: Ct);

        Assert.Equivalent(mapper.Map(input), ranked, strict: true);
        Assert.StartsWith($"semantic retrieval failed: {server.BaseUrl.AbsoluteUri} did not answer within 0.5 s", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_says_to_pull_it()
    {
        await using var server = new EmbeddingServer { Fault = _ => new EmbeddingReply(404, """{"error":"model \"concepts\" not found, try pulling it first"}""") };
        using var generator = Generator(server);

        var e = await Assert.ThrowsAsync<EmbeddingServiceException>(() => SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct));

        Assert.Contains("ollama pull concepts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_server_at_the_address_is_a_clear_message()
    {
        Uri closed;
        await using (var server = new EmbeddingServer()) closed = server.BaseUrl;
        using var generator = EmbeddingProviders.Create(EmbeddingOptions.Parse("ollama:concepts", closed.AbsoluteUri), _ => null);

        var e = await Assert.ThrowsAsync<EmbeddingServiceException>(() => generator.GenerateAsync(["x"], cancellationToken: Ct));

        Assert.StartsWith($"cannot reach {closed.AbsoluteUri}", e.Message, StringComparison.Ordinal);
        Assert.Null(e.StatusCode);
    }
}
