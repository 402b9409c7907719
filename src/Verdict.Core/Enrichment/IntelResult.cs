using System.Text.Json.Serialization;
using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>What a source says about an entity. A clean result is weak evidence, not proof.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntelVerdict>))]
public enum IntelVerdict
{
    [JsonStringEnumMemberName("malicious")] Malicious,
    [JsonStringEnumMemberName("suspicious")] Suspicious,
    [JsonStringEnumMemberName("clean")] Clean,
    /// <summary>The source knows nothing about it (e.g. VirusTotal 404 for a hash).</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
    /// <summary>The lookup failed (network, quota, bad key); <see cref="IntelResult.Note"/> says why.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>
/// One enrichment result: which source, about which entity, what it concluded, a short human summary, when it was
/// retrieved and whether it came from the cache. Never carries API keys.
/// </summary>
public sealed record IntelResult(
    string Source,
    Entity Entity,
    IntelVerdict Verdict,
    string Summary,
    DateTimeOffset RetrievedAt,
    bool FromCache = false,
    /// <summary>A 0..100 score where the source gives one (AbuseIPDB confidence, VirusTotal detections ratio).</summary>
    double? Score = null,
    string? Note = null);

/// <summary>A source of intelligence about entities: a remote API, a local feed, an inventory.</summary>
public interface IIntelProvider
{
    /// <summary>Short stable name shown in briefs ("AbuseIPDB", "VirusTotal", "feed:blocklist.txt").</summary>
    string Name { get; }

    bool Supports(EntityKind kind);

    /// <summary>Looks one entity up. Failures come back as a result with <see cref="IntelVerdict.Error"/>, never as an exception.</summary>
    Task<IntelResult> LookupAsync(Entity entity, CancellationToken cancellationToken);
}
