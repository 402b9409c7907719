using System.Text.Json.Serialization;

namespace Verdict.Alerts;

/// <summary>Impact-weighted urgency. Ordered so that a larger value is more severe.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("INFO")] Info,
    [JsonStringEnumMemberName("LOW")] Low,
    [JsonStringEnumMemberName("MEDIUM")] Medium,
    [JsonStringEnumMemberName("HIGH")] High,
    [JsonStringEnumMemberName("CRITICAL")] Critical,
}

public static class SeverityText
{
    /// <summary>Reads the words detectors use (critical/high/medium/low/info, sev1..sev4, 1..5, informational).</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = Severity.Info;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "critical" or "crit" or "sev1" or "p1" or "5" or "very high" or "very_high":
                severity = Severity.Critical; return true;
            case "high" or "sev2" or "p2" or "4" or "error":
                severity = Severity.High; return true;
            case "medium" or "med" or "moderate" or "sev3" or "p3" or "3" or "warning":
                severity = Severity.Medium; return true;
            case "low" or "sev4" or "p4" or "2":
                severity = Severity.Low; return true;
            case "info" or "informational" or "information" or "sev5" or "p5" or "1" or "0":
                severity = Severity.Info; return true;
            default:
                return false;
        }
    }

    public static string Word(this Severity s) => s.ToString().ToUpperInvariant();

    public static Severity Raise(this Severity s, int levels = 1) =>
        (Severity)Math.Clamp((int)s + levels, (int)Severity.Info, (int)Severity.Critical);
}
