using Microsoft.Extensions.AI;

namespace Verdict.Tests.Support;

/// <summary>An in-process embedding generator over <see cref="ConceptEmbedding"/> that records its calls and can be told to fail.</summary>
internal sealed class FakeEmbeddingGenerator(string? modelId = "concepts-v1") : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("fake", new Uri("http://127.0.0.1/"), modelId);

    /// <summary>The inputs of every call, in order.</summary>
    public List<IReadOnlyList<string>> Calls { get; } = [];

    /// <summary>When set, every call throws this instead of answering.</summary>
    public Func<Exception>? Failure { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var inputs = values.ToList();
        lock (Calls) Calls.Add(inputs);
        if (Failure is { } failure) throw failure();
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(inputs.Select(v => new Embedding<float>(ConceptEmbedding.Embed(v)))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }
}
