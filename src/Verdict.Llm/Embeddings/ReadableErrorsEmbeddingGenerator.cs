using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Verdict.Llm.Embeddings;

/// <summary>
/// Turns whatever a provider SDK throws (HttpRequestException, ClientResultException, OllamaException, timeouts,
/// unreadable JSON) into an <see cref="EmbeddingServiceException"/> whose message names the endpoint and the
/// problem, decided by exception type and HTTP status, never by message text. Provider messages are not passed on:
/// they can quote the request's credentials, so the translated exception keeps no inner exception. A cancellation the
/// caller asked for is left alone.
/// </summary>
public sealed class ReadableErrorsEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingOptions options, Uri endpoint)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly string _where = EmbeddingOptions.Display(endpoint);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken);
        }
        catch (Exception e) when (e is not EmbeddingServiceException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw Translate(e);
        }
    }

    /// <summary>The readable form of a provider's failure.</summary>
    public EmbeddingServiceException Translate(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = e switch
        {
            ClientResultException { Status: > 0 } c => c.Status,
            HttpRequestException { StatusCode: { } code } => (int)code,
            _ => (int?)null,
        };
        if (status is { } s) return new EmbeddingServiceException(ForStatus(s), s);
        var message = e switch
        {
            OperationCanceledException or TimeoutException => $"{_where} did not answer within {options.Timeout.TotalSeconds:0.#} s",
            HttpRequestException or ClientResultException => $"cannot reach {_where}{Reason(e)}",
            JsonException or FormatException or InvalidDataException => $"{_where} sent an answer that is not an embedding response",
            _ when e.GetType().Namespace?.StartsWith("OllamaSharp", StringComparison.Ordinal) == true =>
                $"the Ollama server at {_where} refused the request (is model '{options.Model}' pulled? try: ollama pull {options.Model})",
            _ => $"the embedding call to {_where} failed ({e.GetType().Name})",
        };
        return new EmbeddingServiceException(message, statusCode: null);
    }

    private string ForStatus(int status) => status switch
    {
        401 or 403 when options.Provider == EmbeddingOptions.OpenAI =>
            $"{_where} refused the API key (HTTP {status}): check ${options.ApiKeyVariable}",
        401 or 403 => $"{_where} refused the request (HTTP {status}): it wants credentials",
        404 when options.Provider == EmbeddingOptions.Ollama =>
            $"{_where} has no model '{options.Model}' (HTTP 404): run `ollama pull {options.Model}`, or check the URL",
        404 => $"{_where} has no embeddings API or no model '{options.Model}' (HTTP 404): check the URL and the model name",
        429 => $"{_where} is rate-limiting the calls (HTTP 429): wait, or check the account's quota",
        >= 500 => $"{_where} failed (HTTP {status}): the server had an internal error",
        _ => $"{_where} answered HTTP {status} to the embedding request",
    };

    /// <summary>Why a connection failed, from the socket error (these messages name only the host and port).</summary>
    private static string Reason(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is System.Net.Sockets.SocketException socket) return $" ({socket.SocketErrorCode})";
        }
        return "";
    }
}
