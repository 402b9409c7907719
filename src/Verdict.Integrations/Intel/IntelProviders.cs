using Microsoft.Extensions.Logging;
using Verdict.Enrichment;

namespace Verdict.Integrations.Intel;

/// <summary>Builds the remote intel sources a run can use from the options and the API keys in the environment.</summary>
public static class IntelProviders
{
    /// <summary>
    /// AbuseIPDB and VirusTotal for each key that is set, each behind the cache (with its own TTL) when one is given;
    /// a "not used (set VARIABLE)" line for each key that is not. Throws <see cref="ArgumentException"/> listing every
    /// problem when the options are unusable, before any request is made.
    /// </summary>
    /// <param name="http">Shared by the providers; <see cref="CreateHttpClient"/> makes a suitable one.</param>
    /// <param name="environment">Reads environment variables (tests pass a dictionary lookup).</param>
    public static IntelSources FromEnvironment(
        HttpClient http,
        IIntelCache? cache = null,
        AbuseIpDbOptions? abuseIpDb = null,
        VirusTotalOptions? virusTotal = null,
        TimeProvider? time = null,
        ILogger? logger = null,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        abuseIpDb ??= new AbuseIpDbOptions();
        virusTotal ??= new VirusTotalOptions();
        time ??= TimeProvider.System;
        var problems = abuseIpDb.Validate().Concat(virusTotal.Validate()).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems));

        var providers = new List<IIntelProvider>();
        var notUsed = new List<string>();
        void Add(IntelProviderOptions options, Func<ApiKey, IIntelProvider> create)
        {
            if (ApiKey.FromEnvironment(options.ApiKeyVariable, environment) is not { } key)
            {
                notUsed.Add($"{options.SourceName}: not used (set {options.ApiKeyVariable})");
                return;
            }
            var provider = create(key);
            providers.Add(cache is null ? provider : new CachingIntelProvider(provider, cache, options.CacheTtl, time));
        }
        Add(abuseIpDb, key => new AbuseIpDbClient(http, key, abuseIpDb, time, logger));
        Add(virusTotal, key => new VirusTotalClient(http, key, virusTotal, time, logger));
        return new IntelSources(providers, notUsed);
    }

    /// <summary>An HttpClient for intel lookups: a User-Agent, compressed answers, no client-wide timeout (each request has its own).</summary>
    public static HttpClient CreateHttpClient() => IntelHttp.CreateHttpClient();
}
