using Microsoft.Extensions.AI;

namespace Verdict.Llm.Embeddings;

/// <summary>`UseReadableErrors()`: adds <see cref="ReadableErrorsEmbeddingGenerator"/> to an embedding pipeline.</summary>
public static class ReadableErrorsEmbeddingGeneratorBuilderExtensions
{
    /// <param name="options">The provider and model, named in the messages (the key itself never is).</param>
    /// <param name="endpoint">The endpoint the calls go to, shown without credentials.</param>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseReadableErrors(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder,
        EmbeddingOptions options, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        return builder.Use(inner => new ReadableErrorsEmbeddingGenerator(inner, options, endpoint));
    }
}
