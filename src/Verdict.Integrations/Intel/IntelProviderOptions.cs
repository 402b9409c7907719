namespace Verdict.Integrations.Intel;

/// <summary>
/// Settings shared by the remote intel providers; each provider has its own subclass with its documented defaults.
/// Bound from configuration and checked with <see cref="Validate"/> before the first request. The key itself never
/// lives here: only the name of the environment variable that holds it.
/// </summary>
public abstract class IntelProviderOptions
{
    protected IntelProviderOptions(Uri baseUrl, string apiKeyVariable, int requestsPerWindow, TimeSpan rateWindow)
    {
        BaseUrl = baseUrl;
        ApiKeyVariable = apiKeyVariable;
        RequestsPerWindow = requestsPerWindow;
        RateWindow = rateWindow;
    }

    /// <summary>The name shown in briefs and notes ("VirusTotal").</summary>
    public abstract string SourceName { get; }

    /// <summary>The API root; tests and mirrors point it elsewhere. A path below the host is kept.</summary>
    public Uri BaseUrl { get; init; }

    public string ApiKeyVariable { get; init; }

    /// <summary>At most this many requests start in any <see cref="RateWindow"/>; more wait in a queue.</summary>
    public int RequestsPerWindow { get; init; }

    public TimeSpan RateWindow { get; init; }

    /// <summary>For one request: connecting, sending and reading the whole answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a result is served from the store before it is looked up again.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Retries after a 429, a 5xx, a timeout or a broken connection; then the lookup is an error.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// The first backoff; each retry doubles it, plus up to half again of jitter. A Retry-After header wins; a 429
    /// without one waits at least a <see cref="RateWindow"/> (at most <see cref="MaxRetryWait"/>).
    /// </summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A server that asks for a longer wait than this (a daily quota spent) fails the lookup at once.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with these settings, one line each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok) problems.Add($"{SourceName} options: {problem}");
        }
        Check(BaseUrl is { IsAbsoluteUri: true } && (BaseUrl.Scheme == Uri.UriSchemeHttps || BaseUrl.Scheme == Uri.UriSchemeHttp),
            $"BaseUrl must be an absolute http(s) URL (got '{BaseUrl}')");
        Check(!string.IsNullOrWhiteSpace(ApiKeyVariable), "ApiKeyVariable must name an environment variable");
        Check(RequestsPerWindow >= 1, $"RequestsPerWindow must be at least 1 (got {RequestsPerWindow})");
        Check(RateWindow > TimeSpan.Zero, $"RateWindow must be positive (got {RateWindow})");
        Check(Timeout > TimeSpan.Zero, $"Timeout must be positive (got {Timeout})");
        Check(CacheTtl > TimeSpan.Zero, $"CacheTtl must be positive (got {CacheTtl})");
        Check(MaxRetries is >= 0 and <= 10, $"MaxRetries must be between 0 and 10 (got {MaxRetries})");
        Check(RetryBaseDelay >= TimeSpan.Zero, $"RetryBaseDelay must not be negative (got {RetryBaseDelay})");
        Check(MaxRetryWait >= TimeSpan.Zero, $"MaxRetryWait must not be negative (got {MaxRetryWait})");
        return problems;
    }

    /// <summary>The URL of <paramref name="relativePath"/> below <see cref="BaseUrl"/> (a missing final slash on the base is fine).</summary>
    internal Uri Resolve(string relativePath)
    {
        var root = BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
        return new Uri(root, relativePath.TrimStart('/'));
    }
}
