using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Verdict.Alerts;
using Verdict.Enrichment;

namespace Verdict.Integrations.Intel;

/// <summary>
/// AbuseIPDB API v2 for IP addresses: <c>GET {base}/api/v2/check?ipAddress=..&amp;maxAgeInDays=90</c> with the key in
/// the <c>Key</c> header. Confidence ≥ 75 is malicious, ≥ 25 suspicious, anything lower (or whitelisted) clean,
/// which is weak evidence and says so. Private and reserved addresses are not sent.
/// </summary>
public sealed class AbuseIpDbClient : IIntelProvider
{
    private readonly IntelHttp http;
    private readonly AbuseIpDbOptions options;
    private readonly TimeProvider time;

    public AbuseIpDbClient(HttpClient http, ApiKey key, AbuseIpDbOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        this.options = options ?? new AbuseIpDbOptions();
        this.time = time ?? TimeProvider.System;
        this.http = new IntelHttp(http, this.options, key, "Key", this.time, logger);
    }

    public string Name => AbuseIpDbOptions.Name;

    public bool Supports(EntityKind kind) => kind == EntityKind.Ip;

    public async Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Kind != EntityKind.Ip || !IPAddress.TryParse(entity.Value, out var ip)) return NotLookedUp(entity, "not an IP address, not looked up");
        if (!PublicAddress.IsPublic(ip)) return NotLookedUp(entity, "private address, not looked up");

        var query = $"api/v2/check?ipAddress={Uri.EscapeDataString(ip.ToString())}&maxAgeInDays={options.MaxAgeInDays}";
        var outcome = await http.GetAsync(query, cancellationToken);
        if (outcome.Failure is { } failure) return Failed(entity, failure);

        var response = outcome.Parse(AbuseIpDbJson.Default.AbuseIpDbResponse);
        if (outcome.Status == 200 && response?.Data is { AbuseConfidenceScore: { } score } data)
        {
            var (verdict, summary) = Judge(data, options.MaxAgeInDays);
            return new IntelResult(Name, entity, verdict, summary, time.GetUtcNow(), Score: score);
        }
        if (outcome.Status != 200 && response?.Errors is [{ Detail: { Length: > 0 } detail }, ..])
        {
            return Failed(entity, $"{Name}: request refused ({outcome.Status}): {http.Redact(Shorten(detail))}");
        }
        return Failed(entity, outcome.Status == 200 ? $"{Name}: unreadable response" : $"{Name}: unexpected answer (HTTP {outcome.Status})");
    }

    /// <summary>The verdict and one-line summary for a report.</summary>
    internal static (IntelVerdict Verdict, string Summary) Judge(AbuseIpDbCheck data, int maxAgeInDays)
    {
        var score = data.AbuseConfidenceScore ?? 0;
        var reports = data.TotalReports ?? 0;
        var verdict = data.IsWhitelisted == true ? IntelVerdict.Clean
            : score >= 75 ? IntelVerdict.Malicious
            : score >= 25 ? IntelVerdict.Suspicious
            : IntelVerdict.Clean;

        var parts = new List<string>();
        if (data.IsWhitelisted == true) parts.Add("whitelisted");
        parts.Add($"confidence {score}%");
        parts.Add(reports == 0
            ? $"no reports in {maxAgeInDays} days"
            : $"{Count(reports, "report")} from {Count(data.NumDistinctUsers ?? 0, "user")}");
        if (data.IsTor == true) parts.Add("Tor exit");
        if (!string.IsNullOrWhiteSpace(data.Isp)) parts.Add($"ISP {data.Isp.Trim()}");
        if (!string.IsNullOrWhiteSpace(data.UsageType)) parts.Add(data.UsageType.Trim());
        if (!string.IsNullOrWhiteSpace(data.CountryCode)) parts.Add(data.CountryCode.Trim());
        if (data.LastReportedAt is { } last) parts.Add($"last reported {last.UtcDateTime:yyyy-MM-dd}");
        var summary = $"{AbuseIpDbOptions.Name}: {string.Join(", ", parts)}";
        if (verdict == IntelVerdict.Clean) summary += " (clean here is weak evidence)";
        return (verdict, summary);
    }

    private static string Count(int n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private IntelResult NotLookedUp(Entity entity, string note) =>
        new(Name, entity, IntelVerdict.Unknown, $"{Name}: not looked up", time.GetUtcNow(), Note: note);

    private IntelResult Failed(Entity entity, string note) =>
        new(Name, entity, IntelVerdict.Error, $"{Name}: no verdict (lookup failed)", time.GetUtcNow(), Note: note);
}
