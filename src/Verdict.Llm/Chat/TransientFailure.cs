using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Anthropic.Exceptions;

namespace Verdict.Llm.Chat;

/// <summary>
/// Which provider failures are worth retrying (429, 529 overloaded, 5xx, 408, timeouts, dropped connections) and the
/// wait the server asked for. The SDKs' exceptions do not all carry response headers, so
/// <see cref="RetryAfterHandler"/> notes Retry-After on the HTTP response for the call in flight.
/// </summary>
internal static class TransientFailure
{
    public static bool IsTransient(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested, // the SDK's or HttpClient's timeout
        TimeoutException => true,
        AnthropicApiException api => IsTransient((int)api.StatusCode),
        AnthropicException { InnerException: HttpRequestException or IOException } => true,
        ClientResultException result => result.Status == 0 || IsTransient(result.Status),
        HttpRequestException http => http.StatusCode is null || IsTransient((int)http.StatusCode),
        IOException => true, // the connection dropped while the answer was being read (HttpIOException)
        _ => false,
    };

    public static bool IsTransient(int status) => status is 408 or 429 or >= 500 and <= 599;

    /// <summary>A short description without the message (which may echo request content): status and type only.</summary>
    public static string Describe(Exception e) => e switch
    {
        AnthropicApiException api => $"HTTP {(int)api.StatusCode}",
        ClientResultException result => $"HTTP {result.Status}",
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        OperationCanceledException or TimeoutException => "timed out",
        ProviderUnavailableException unavailable => unavailable.Message,
        JsonException or AnthropicInvalidDataException or { InnerException: JsonException } => "unreadable response",
        IOException or HttpRequestException or AnthropicIOException => "connection failed",
        _ => e.GetType().Name,
    };

    /// <summary>Reads Retry-After (seconds or an HTTP date) and retry-after-ms.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms) && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            return TimeSpan.FromMilliseconds(m);
        if (response.Headers.RetryAfter is { } ra)
            return ra.Delta ?? (ra.Date is { } date ? date - now : null);
        return null;
    }

    internal static bool IsRetryable(HttpStatusCode status) => IsTransient((int)status);
}

/// <summary>The server's requested wait for the call in flight, shared down the async flow.</summary>
internal sealed class RetryHint
{
    private static readonly AsyncLocal<RetryHint?> current = new();

    public TimeSpan? RetryAfter { get; set; }

    public static RetryHint? Current => current.Value;

    public static RetryHint Begin() => current.Value = new RetryHint();
}

/// <summary>An HTTP handler under the SDK that notes Retry-After on failed responses for <see cref="RetryingChatClient"/>.</summary>
public sealed class RetryAfterHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && RetryHint.Current is { } hint) hint.RetryAfter = TransientFailure.RetryAfter(response, time.GetUtcNow());
        return response;
    }
}
