using System.Text.Json.Serialization;

namespace Verdict.Integrations.Intel;

/// <summary>The parts of a VirusTotal v3 object answer Verdict reads (<c>data.attributes</c>), or its <c>error</c>.</summary>
internal sealed record VirusTotalResponse(VirusTotalObject? Data, VirusTotalError? Error);

internal sealed record VirusTotalObject(string? Id, string? Type, VirusTotalAttributes? Attributes);

internal sealed record VirusTotalAttributes(
    VirusTotalStats? LastAnalysisStats,
    int? Reputation,
    long? LastAnalysisDate,
    string? MeaningfulName,
    string? TypeDescription);

internal sealed record VirusTotalStats(int Malicious, int Suspicious, int Harmless, int Undetected, int Timeout);

/// <summary><c>code</c> is "NotFoundError", "WrongCredentialsError", "QuotaExceededError" and so on.</summary>
internal sealed record VirusTotalError(string? Code, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VirusTotalResponse))]
internal sealed partial class VirusTotalJson : JsonSerializerContext;
