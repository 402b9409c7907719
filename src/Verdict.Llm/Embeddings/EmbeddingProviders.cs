using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Verdict.Llm.Embeddings;

/// <summary>
/// Builds the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for validated <see cref="EmbeddingOptions"/>:
/// OllamaSharp's client for `ollama`, the OpenAI SDK's embedding client for `openai` (the OpenAI API or an
/// OpenAI-compatible server), composed with <see cref="ReadableErrorsEmbeddingGenerator"/> so failures read well.
/// Nothing is downloaded: the model runs where the endpoint is.
/// </summary>
public static class EmbeddingProviders
{
    /// <summary>Sent to OpenAI-compatible servers that want no key (the SDK needs one): not a secret.</summary>
    internal const string NoKey = "no-key";

    /// <summary>The generator for the options, reading the key and OPENAI_BASE_URL from the process environment.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options) =>
        Create(options, Environment.GetEnvironmentVariable);

    /// <summary>The generator for the options; <paramref name="environment"/> reads variables (tests pass their own).</summary>
    /// <exception cref="ArgumentException">The options are not valid; the message says why (<see cref="EmbeddingOptions.Validate"/>).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.Validate(environment) is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var endpoint = options.ResolveEndpoint(environment)!;
        var inner = options.Provider == EmbeddingOptions.Ollama ? Ollama(options, endpoint) : OpenAICompatible(options, endpoint, environment);
        return new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
            .UseReadableErrors(options, endpoint)
            .Build();
    }

    private static OwningGenerator Ollama(EmbeddingOptions options, Uri endpoint)
    {
        // OllamaApiClient disposes only an HttpClient it made itself: this one is handed over with the client.
        var http = new HttpClient { BaseAddress = endpoint, Timeout = options.Timeout };
        return new OwningGenerator(new OllamaApiClient(http, options.Model), http);
    }

    private static IEmbeddingGenerator<string, Embedding<float>> OpenAICompatible(EmbeddingOptions options, Uri endpoint, Func<string, string?> environment)
    {
        var key = environment(options.ApiKeyVariable) is { Length: > 0 } k ? k : NoKey;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
        };
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetEmbeddingClient(options.Model).AsIEmbeddingGenerator();
    }

    /// <summary>A generator that also disposes the HttpClient it was built on.</summary>
    private sealed class OwningGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, HttpClient http)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing) http.Dispose();
            base.Dispose(disposing);
        }
    }
}
