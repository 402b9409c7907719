using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Verdict.Integrations.Notify;

/// <summary>Retries and timeouts of webhook delivery.</summary>
public sealed record WebhookSenderOptions
{
    public int MaxRetries { get; init; } = 3;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A Retry-After longer than this is not waited for: the delivery fails and says so.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>How a delivery went: sent after some attempts, or failed with a reason that never contains the URL.</summary>
public sealed record DeliveryResult(NotifyTarget Target, bool Sent, int Attempts, string? Error);

/// <summary>
/// Posts JSON to a webhook. 429 and 5xx are retried with exponential backoff, a Retry-After header (Slack's rate
/// limit) wins; 4xx other than 429 fails at once. It never throws for a failed delivery: notifications stage actions,
/// they must never stop triage.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time, WebhookSenderOptions? options = null)
{
    private readonly WebhookSenderOptions options = options ?? new WebhookSenderOptions();

    public async Task<DeliveryResult> SendAsync(NotifyTarget target, JsonObject payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(payload);
        var body = payload.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            var (status, retryAfter, trouble) = await PostOnceAsync(target.Url, body, cancellationToken);
            if (status is >= 200 and < 300) return new DeliveryResult(target, true, attempt + 1, null);
            var reason = trouble ?? $"HTTP {status}";
            var retryable = trouble is not null || status is 429 or >= 500;
            if (!retryable) return new DeliveryResult(target, false, attempt + 1, $"{target.Display}: {reason}");
            if (attempt >= options.MaxRetries) return new DeliveryResult(target, false, attempt + 1, $"{target.Display}: {reason} after {attempt + 1} attempts");
            if (retryAfter > options.MaxRetryWait)
                return new DeliveryResult(target, false, attempt + 1, $"{target.Display}: {reason}; the server asked to wait {retryAfter.Value.TotalSeconds:0} s");
            await Task.Delay(retryAfter ?? options.RetryBaseDelay * Math.Pow(2, attempt), time, cancellationToken);
        }
    }

    private async Task<(int Status, TimeSpan? RetryAfter, string? Trouble)> PostOnceAsync(Uri url, string body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content, timeout.Token);
            return ((int)response.StatusCode, RetryAfter(response), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, $"no answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            // The message of a connection failure can name the host and port, never the path: still, say only what kind of failure.
            return (0, null, e.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"request failed ({e.HttpRequestError})");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500) return null;
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}
