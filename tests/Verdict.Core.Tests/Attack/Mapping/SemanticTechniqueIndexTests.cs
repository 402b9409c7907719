using Verdict.Attack;
using Verdict.Attack.Mapping;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack.Mapping;

/// <summary>Building, searching and caching the technique vectors, with an in-process concept "model".</summary>
public sealed class SemanticTechniqueIndexTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static AttackKnowledgeBase Kb => SemanticFixture.KnowledgeBase;
    private static int Current => Kb.Techniques.Count(t => !t.Deprecated);

    [Fact]
    public async Task Every_current_technique_is_embedded_once_in_batches_and_deprecated_ones_are_left_out()
    {
        var generator = new FakeEmbeddingGenerator();
        var index = await SemanticTechniqueIndex.BuildAsync(Kb, generator, cancellationToken: Ct);

        Assert.Equal(Current, index.Count);
        Assert.Equal(0, index.VectorsFromCache);
        Assert.Null(index.CacheFile);
        var inputs = generator.Calls.SelectMany(c => c).ToList();
        Assert.Equal(Current, inputs.Count);
        Assert.All(generator.Calls, c => Assert.InRange(c.Count, 1, SemanticTechniqueIndex.BatchSize));
        Assert.Contains("Credentials from Web Browsers. Adversaries may acquire credentials from web browsers by reading files specific to the target browser. Web browsers", inputs.Single(i => i.StartsWith("Credentials from Web Browsers.", StringComparison.Ordinal)));
        Assert.DoesNotContain(inputs, i => i.Contains("(Citation:", StringComparison.Ordinal) || i.Contains("(old)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Texts_in_other_words_find_the_technique_they_mean()
    {
        var index = await SemanticTechniqueIndex.BuildAsync(Kb, new FakeEmbeddingGenerator(), cancellationToken: Ct);

        var hits = await index.SearchAsync(SemanticFixture.FewSharedWords, 3, Ct);

        Assert.Equal(SemanticFixture.Target, hits[0].Id);
        Assert.Equal(3, hits.Count);
        Assert.InRange(hits[0].Cosine, 0.7, 1.0);
        Assert.True(hits[0].Cosine > hits[1].Cosine);
        Assert.Equal(SemanticFixture.Target, (await index.SearchAsync(SemanticFixture.NoSharedWords, 1, Ct))[0].Id);
        Assert.Empty(await index.SearchAsync("  ", 3, Ct));
    }

    [Fact]
    public async Task A_second_build_reads_the_cache_and_embeds_nothing()
    {
        using var temp = new TempDirectory();
        var first = await SemanticTechniqueIndex.BuildAsync(Kb, new FakeEmbeddingGenerator(), temp.Path, cancellationToken: Ct);
        var generator = new FakeEmbeddingGenerator();

        var second = await SemanticTechniqueIndex.BuildAsync(Kb, generator, temp.Path, cancellationToken: Ct);

        Assert.Empty(generator.Calls);
        Assert.Equal(Current, second.VectorsFromCache);
        Assert.Equal(first.CacheFile, second.CacheFile);
        Assert.True(File.Exists(second.CacheFile));
        Assert.Single(Directory.GetFiles(temp.Path));
        Assert.Equal((await first.SearchAsync(SemanticFixture.FewSharedWords, 5, Ct)).Select(h => h.Id), (await second.SearchAsync(SemanticFixture.FewSharedWords, 5, Ct)).Select(h => h.Id));
        Assert.Single(generator.Calls); // the query only
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public async Task A_corrupt_cache_file_is_ignored_and_rewritten(string damage)
    {
        using var temp = new TempDirectory();
        var path = (await SemanticTechniqueIndex.BuildAsync(Kb, new FakeEmbeddingGenerator(), temp.Path, cancellationToken: Ct)).CacheFile!;
        var good = await File.ReadAllBytesAsync(path, Ct);
        byte[] bad = damage switch
        {
            "garbage" => [.. good.Select((b, i) => i > 40 ? (byte)(b ^ 0x5a) : b)],
            "truncated" => good[..(good.Length / 2)],
            _ => [],
        };
        await File.WriteAllBytesAsync(path, bad, Ct);
        var generator = new FakeEmbeddingGenerator();

        var rebuilt = await SemanticTechniqueIndex.BuildAsync(Kb, generator, temp.Path, cancellationToken: Ct);

        Assert.Equal(0, rebuilt.VectorsFromCache);
        Assert.Equal(Current, generator.Calls.Sum(c => c.Count));
        Assert.Equal(good, await File.ReadAllBytesAsync(path, Ct));
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left behind
    }

    [Fact]
    public async Task Another_model_gets_its_own_file_and_changed_techniques_replace_the_stale_one()
    {
        using var temp = new TempDirectory();
        var nomic = await SemanticTechniqueIndex.BuildAsync(Kb, new FakeEmbeddingGenerator("model-a"), temp.Path, cancellationToken: Ct);
        var other = await SemanticTechniqueIndex.BuildAsync(Kb, new FakeEmbeddingGenerator("model-b"), temp.Path, cancellationToken: Ct);
        Assert.NotEqual(nomic.CacheFile, other.CacheFile);
        Assert.Equal(0, other.VectorsFromCache);

        var generator = new FakeEmbeddingGenerator("model-a");
        var updated = await SemanticTechniqueIndex.BuildAsync(AttackFixtures.Stix20, generator, temp.Path, cancellationToken: Ct);

        Assert.Equal(nomic.CacheFile, updated.CacheFile);
        Assert.Equal(0, updated.VectorsFromCache);
        Assert.NotEmpty(generator.Calls);
        Assert.Equal(2, Directory.GetFiles(temp.Path).Length);
    }

    [Fact]
    public async Task A_model_that_does_not_say_its_name_is_not_cached()
    {
        using var temp = new TempDirectory();
        var index = await SemanticTechniqueIndex.BuildAsync(Kb, new FakeEmbeddingGenerator(modelId: null), temp.Path, cancellationToken: Ct);

        Assert.Null(index.CacheFile);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task A_failing_model_fails_the_build_and_writes_no_cache()
    {
        using var temp = new TempDirectory();
        var generator = new FakeEmbeddingGenerator { Failure = () => new HttpRequestException("connection refused") };

        await Assert.ThrowsAsync<HttpRequestException>(() => SemanticTechniqueIndex.BuildAsync(Kb, generator, temp.Path, cancellationToken: Ct));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void The_document_is_the_name_and_the_description_without_citations_cut_at_a_word()
    {
        var technique = new AttackTechnique { Id = "T9999", StixId = "x", Name = "Long One", Description = string.Join(' ', Enumerable.Repeat("word(Citation: X)", 1000)) };

        var document = SemanticTechniqueIndex.Document(technique);

        Assert.StartsWith("Long One. word word", document);
        Assert.InRange(document.Length, SemanticTechniqueIndex.MaxDocumentChars - 5, SemanticTechniqueIndex.MaxDocumentChars);
        Assert.EndsWith("word", document);
    }
}
