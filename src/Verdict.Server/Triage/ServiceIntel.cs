using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// The remote intel of a running server: AbuseIPDB and VirusTotal for each API key set (ABUSEIPDB_API_KEY,
/// VIRUSTOTAL_API_KEY; ABUSEIPDB_BASE_URL and VIRUSTOTAL_BASE_URL point elsewhere), each behind the intel cache in the
/// service store, so every `verdict serve` on one database asks about an indicator once per TTL.
/// </summary>
public sealed class ServiceIntel : IDisposable
{
    private readonly HttpClient http;

    private ServiceIntel(HttpClient http, IntelSources sources, StoreIntelCache cache) => (this.http, Sources, Cache) = (http, sources, cache);

    public IntelSources Sources { get; }

    public StoreIntelCache Cache { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when a base URL or an option is unusable.</summary>
    public static ServiceIntel Create(VerdictStore store, Func<string, string?> environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var abuseIpDb = new AbuseIpDbOptions { BaseUrl = Url(environment, "ABUSEIPDB_BASE_URL") ?? new AbuseIpDbOptions().BaseUrl };
        var virusTotal = new VirusTotalOptions { BaseUrl = Url(environment, "VIRUSTOTAL_BASE_URL") ?? new VirusTotalOptions().BaseUrl };
        var cache = new StoreIntelCache(store);
        var http = IntelProviders.CreateHttpClient();
        try
        {
            return new ServiceIntel(http, IntelProviders.FromEnvironment(http, cache, abuseIpDb, virusTotal, time, environment: environment), cache);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static Uri? Url(Func<string, string?> environment, string variable) =>
        environment(variable) is not { Length: > 0 } text ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) ? url
        : throw new ArgumentException($"{variable} is not a URL");

    public void Dispose() => http.Dispose();
}
