using Spectre.Console;
using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Integrations.Intel;
using Verdict.Storage;
using Verdict.Storage.Intel;

namespace Verdict.Cli.Commands;

/// <summary>
/// Enriches a run's entities with the local sources and, for each API key set (ABUSEIPDB_API_KEY, VIRUSTOTAL_API_KEY),
/// the remote service behind the SQLite cache in the data folder, so a re-run costs no quota.
/// ABUSEIPDB_BASE_URL and VIRUSTOTAL_BASE_URL point the clients at another endpoint (a proxy, or a test server).
/// </summary>
internal static class IntelSetup
{
    public static async Task<EnrichmentView?> EnrichAsync(IEnumerable<Entity> entities, IndicatorSet indicators, Inventory inventory,
        CliServices services, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var env = services.Environment;
        AbuseIpDbOptions abuseIpDb;
        VirusTotalOptions virusTotal;
        try
        {
            abuseIpDb = env("ABUSEIPDB_BASE_URL") is { Length: > 0 } a ? new AbuseIpDbOptions { BaseUrl = new Uri(a) } : new AbuseIpDbOptions();
            virusTotal = env("VIRUSTOTAL_BASE_URL") is { Length: > 0 } v ? new VirusTotalOptions { BaseUrl = new Uri(v) } : new VirusTotalOptions();
        }
        catch (UriFormatException)
        {
            services.Console.MarkupLine("[red]error:[/] ABUSEIPDB_BASE_URL or VIRUSTOTAL_BASE_URL is not a URL");
            return null;
        }
        var keys = new[] { abuseIpDb.ApiKeyVariable, virusTotal.ApiKeyVariable }.Any(k => env(k) is { Length: > 0 });
        using var http = IntelProviders.CreateHttpClient();
        await using var cache = keys ? await SqliteIntelCache.OpenAsync(StorePaths.DefaultDatabaseFile(env), cancellationToken) : null;
        IntelSources remote;
        try
        {
            remote = IntelProviders.FromEnvironment(http, cache, abuseIpDb, virusTotal, services.Time, environment: env);
        }
        catch (ArgumentException e)
        {
            services.Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return null;
        }
        return await LocalEnrichment.EnrichAsync(entities, indicators, inventory, remote, services.Time, notes, cancellationToken);
    }
}
