using System.Text.Json.Serialization;

namespace Verdict.Integrations.Intel;

/// <summary>The documented answer of AbuseIPDB's <c>GET /api/v2/check</c>: the report in <c>data</c>, or <c>errors</c>.</summary>
internal sealed record AbuseIpDbResponse(AbuseIpDbCheck? Data, IReadOnlyList<AbuseIpDbError>? Errors);

internal sealed record AbuseIpDbCheck(
    string? IpAddress,
    bool? IsPublic,
    int? IpVersion,
    bool? IsWhitelisted,
    int? AbuseConfidenceScore,
    string? CountryCode,
    string? UsageType,
    string? Isp,
    string? Domain,
    IReadOnlyList<string>? Hostnames,
    bool? IsTor,
    int? TotalReports,
    int? NumDistinctUsers,
    DateTimeOffset? LastReportedAt);

internal sealed record AbuseIpDbError(string? Detail, int? Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AbuseIpDbResponse))]
internal sealed partial class AbuseIpDbJson : JsonSerializerContext;
