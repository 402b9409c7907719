using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Verdict.Alerts;
using Verdict.Enrichment;

namespace Verdict.Integrations.Intel;

/// <summary>
/// VirusTotal API v3 for IP addresses, domains, URLs and file hashes (<c>/api/v3/ip_addresses/{ip}</c>,
/// <c>/domains/{domain}</c>, <c>/urls/{base64url(url)}</c>, <c>/files/{hash}</c>) with the key in <c>x-apikey</c>.
/// Three or more engines flagging it is malicious; one, or two suspicious, is suspicious; otherwise clean, which is
/// weak evidence and says so. An object VirusTotal has never seen (404) is unknown.
/// </summary>
public sealed class VirusTotalClient : IIntelProvider
{
    private readonly IntelHttp http;
    private readonly TimeProvider time;

    public VirusTotalClient(HttpClient http, ApiKey key, VirusTotalOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        this.time = time ?? TimeProvider.System;
        this.http = new IntelHttp(http, options ?? new VirusTotalOptions(), key, "x-apikey", this.time, logger);
    }

    public string Name => VirusTotalOptions.Name;

    public bool Supports(EntityKind kind) => kind is EntityKind.Ip or EntityKind.Domain or EntityKind.Url or EntityKind.FileHash;

    public async Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var (path, what, skip) = PathOf(IntelKey.Normalize(entity));
        if (skip is not null) return Result(entity, IntelVerdict.Unknown, $"{Name}: not looked up", note: skip);

        var outcome = await http.GetAsync(path, cancellationToken);
        if (outcome.Failure is { } failure) return Failed(entity, failure);

        var response = outcome.Parse(VirusTotalJson.Default.VirusTotalResponse);
        if (outcome.Status == 200 && response?.Data?.Attributes is { } attributes)
        {
            var (verdict, summary, score) = Judge(attributes);
            return Result(entity, verdict, summary, score);
        }
        if (outcome.Status == 404 && response?.Error is { Code: "NotFoundError" })
        {
            return Result(entity, IntelVerdict.Unknown, $"{Name} has never seen this {what}");
        }
        if (outcome.Status != 200 && response?.Error is { } error)
        {
            return Failed(entity, $"{Name}: request refused ({outcome.Status}, {error.Code}): {http.Redact(Shorten(error.Message ?? ""))}");
        }
        return Failed(entity, outcome.Status == 200 ? $"{Name}: unreadable response" : $"{Name}: unexpected answer (HTTP {outcome.Status})");
    }

    /// <summary>The API path for an entity, the word for it in a "never seen" summary, or why it is not looked up.</summary>
    private static (string Path, string What, string? Skip) PathOf(Entity entity)
    {
        var value = entity.Value;
        if (entity.Kind == EntityKind.Ip)
        {
            if (!IPAddress.TryParse(value, out var ip)) return ("", "", "not an IP address, not looked up");
            if (!PublicAddress.IsPublic(ip)) return ("", "", "private address, not looked up");
            return ($"api/v3/ip_addresses/{Uri.EscapeDataString(ip.ToString())}", "IP address", null);
        }
        return entity.Kind switch
        {
            EntityKind.Domain when value.Length == 0 || value.Any(c => c is '/' or '?' or '#' || char.IsWhiteSpace(c)) => ("", "", "not a domain name, not looked up"),
            EntityKind.Domain => ($"api/v3/domains/{Uri.EscapeDataString(value)}", "domain", null),
            EntityKind.Url when value.Length == 0 => ("", "", "empty URL, not looked up"),
            EntityKind.Url => ($"api/v3/urls/{UrlId(value)}", "URL", null),
            EntityKind.FileHash when !IntelKey.IsHash(value) => ("", "", "not an MD5, SHA-1 or SHA-256 hash, not looked up"),
            EntityKind.FileHash => ($"api/v3/files/{value}", "hash", null),
            _ => ("", "", $"{entity.Kind} is not looked up on VirusTotal"),
        };
    }

    /// <summary>VirusTotal's URL identifier: the URL in unpadded base64url.</summary>
    internal static string UrlId(string url) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static (IntelVerdict Verdict, string Summary, double? Score) Judge(VirusTotalAttributes attributes)
    {
        var parts = new List<string>();
        var stats = attributes.LastAnalysisStats;
        var engines = stats is null ? 0 : stats.Malicious + stats.Suspicious + stats.Harmless + stats.Undetected;
        IntelVerdict verdict;
        if (stats is null || engines == 0)
        {
            verdict = IntelVerdict.Unknown;
            parts.Add("no analysis results yet");
        }
        else
        {
            verdict = stats.Malicious >= 3 ? IntelVerdict.Malicious
                : stats.Malicious >= 1 || stats.Suspicious >= 2 ? IntelVerdict.Suspicious
                : IntelVerdict.Clean;
            var flagged = stats.Malicious > 0 ? $"{stats.Malicious}/{engines} engines flag it malicious" : $"0/{engines} engines flag it";
            parts.Add(stats.Suspicious > 0 ? $"{flagged}, {stats.Suspicious} suspicious" : flagged);
        }
        if (!string.IsNullOrWhiteSpace(attributes.MeaningfulName)) parts.Add($"'{attributes.MeaningfulName.Trim()}'");
        if (!string.IsNullOrWhiteSpace(attributes.TypeDescription)) parts.Add(attributes.TypeDescription.Trim());
        if (attributes.Reputation is { } reputation) parts.Add($"reputation {reputation}");
        if (attributes.LastAnalysisDate is { } seconds) parts.Add($"last analysed {DateTimeOffset.FromUnixTimeSeconds(seconds):yyyy-MM-dd}");
        var summary = $"{VirusTotalOptions.Name}: {string.Join("; ", parts)}";
        if (verdict == IntelVerdict.Clean) summary += " (clean here is weak evidence: new or targeted threats often go undetected)";
        double? score = engines == 0 ? null : Math.Round(100.0 * stats!.Malicious / engines, 1);
        return (verdict, summary, score);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private IntelResult Result(Entity entity, IntelVerdict verdict, string summary, double? score = null, string? note = null) =>
        new(Name, entity, verdict, summary, time.GetUtcNow(), Score: score, Note: note);

    private IntelResult Failed(Entity entity, string note) => Result(entity, IntelVerdict.Error, $"{Name}: no verdict (lookup failed)", note: note);
}
