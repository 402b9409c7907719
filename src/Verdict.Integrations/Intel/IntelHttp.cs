using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Verdict.Integrations.Intel;

/// <summary>What one GET came to: the status and body the provider must read, or a failure note for the brief.</summary>
internal sealed record IntelHttpOutcome(int Status, string Body, string? Failure = null)
{
    public static IntelHttpOutcome Failed(string note) => new(0, "", note);

    /// <summary>The body as T, or null when it is not the JSON the service documents.</summary>
    public T? Parse<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(Body, type);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The HTTP behaviour every remote intel provider shares: the API key in a header, the provider's rate limit as a
/// queue, a timeout per request, retries for 429, 5xx, timeouts and broken connections with exponential backoff
/// and jitter (a Retry-After header wins; a 429 without one waits a rate window), and no retry for a rejected key (401/403), after which the provider
/// makes no more calls. Never throws except for the caller's cancellation; never writes the key anywhere but the header.
/// </summary>
internal sealed class IntelHttp
{
    private readonly HttpClient http;
    private readonly IntelProviderOptions options;
    private readonly ApiKey key;
    private readonly string keyHeader;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly RequestRateLimiter limiter;
    private int rejectedStatus;

    public IntelHttp(HttpClient http, IntelProviderOptions options, ApiKey key, string keyHeader, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        (this.http, this.options, this.key, this.keyHeader) = (http, options, key, keyHeader);
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        limiter = new RequestRateLimiter(options.RequestsPerWindow, options.RateWindow, this.time);
    }

    private string Source => options.SourceName;

    /// <summary>An HttpClient for intel lookups: a User-Agent, compressed answers, no client-wide timeout (each request has its own).</summary>
    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = 16 * 1024 * 1024 };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Verdict", "1.0"));
        return client;
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> below the base URL; any status other than 401, 403, 429 and 5xx comes back for the provider to read.</summary>
    public async Task<IntelHttpOutcome> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var url = options.Resolve(pathAndQuery);
        for (var attempt = 0; ; attempt++)
        {
            if (Volatile.Read(ref rejectedStatus) is var rejected and > 0) return IntelHttpOutcome.Failed(Rejected(rejected));
            var pausedFor = limiter.PausedUntil - time.GetUtcNow();
            if (pausedFor > options.MaxRetryWait) return IntelHttpOutcome.Failed($"{Source}: rate limited (429); the server asked to wait {Describe(pausedFor)}");

            var (status, body, retryAfter, trouble) = await SendOnceAsync(url, cancellationToken);
            if (trouble is null && status is 401 or 403)
            {
                Interlocked.CompareExchange(ref rejectedStatus, status, 0);
                logger.LogWarning("{Source} rejected the API key ({Status}); no more lookups from it this run", Source, status);
                return IntelHttpOutcome.Failed(Rejected(status));
            }
            if (trouble is null && status != 429 && status < 500) return new IntelHttpOutcome(status, body);

            var reason = trouble ?? (status == 429 ? "rate limited (429)" : $"server error ({status})");
            // A 429 without Retry-After: the quota refills within one rate window, so wait that long (at least).
            var wait = retryAfter ?? (status == 429 ? Max(Backoff(attempt), Min(options.RateWindow, options.MaxRetryWait)) : Backoff(attempt));
            if (retryAfter > options.MaxRetryWait)
            {
                limiter.PauseUntil(time.GetUtcNow() + retryAfter.Value);
                return IntelHttpOutcome.Failed($"{Source}: {reason}; the server asked to wait {Describe(retryAfter.Value)}");
            }
            if (status == 429) limiter.PauseUntil(time.GetUtcNow() + wait);
            if (attempt >= options.MaxRetries)
            {
                var note = options.MaxRetries == 0 ? $"{Source}: {reason}" : $"{Source}: {reason} after {options.MaxRetries} {(options.MaxRetries == 1 ? "retry" : "retries")}";
                logger.LogWarning("{Note}", note);
                return IntelHttpOutcome.Failed(note);
            }
            logger.LogInformation("{Source}: {Reason}; retry {Retry} of {MaxRetries} in {Wait}", Source, reason, attempt + 1, options.MaxRetries, Describe(wait));
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Text from the network with the key blanked out, in case a server echoes it.</summary>
    public string Redact(string text) => key.Redact(text);

    private string Rejected(int status) => $"{Source} rejected the API key ({status})";

    /// <summary>One request under the rate limit and the timeout: the status, body and Retry-After, or what went wrong.</summary>
    private async Task<(int Status, string Body, TimeSpan? RetryAfter, string? Trouble)> SendOnceAsync(Uri url, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(cancellationToken);
        using var timer = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(keyHeader, key.Value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var started = time.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            logger.LogDebug("{Source} GET {Path} answered {Status} in {Elapsed} ms", Source, url.AbsolutePath, (int)response.StatusCode,
                (long)time.GetElapsedTime(started).TotalMilliseconds);
            return ((int)response.StatusCode, body, RetryAfter(response), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, "", null, $"no answer within {Describe(options.Timeout)}");
        }
        catch (HttpRequestException e)
        {
            return (0, "", null, e.HttpRequestError switch
            {
                HttpRequestError.ResponseEnded => $"{url.Host} closed the connection before the answer was complete",
                HttpRequestError.InvalidResponse => $"{url.Host} sent an answer that is not valid HTTP",
                _ => $"cannot reach {url.Host} ({key.Redact(e.Message)})",
            });
        }
        catch (IOException e)
        {
            return (0, "", null, $"the connection to {url.Host} broke ({key.Redact(e.Message)})");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>RetryBaseDelay × 2^attempt, plus up to half again at random so parallel clients do not retry in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var nominal = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        return nominal + nominal * (Random.Shared.NextDouble() / 2);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{Math.Ceiling(span.TotalSeconds):0} s"
        : span.TotalMinutes < 120 ? $"{Math.Ceiling(span.TotalMinutes):0} min"
        : $"{span.TotalHours:0.#} h";
}
