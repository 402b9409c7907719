using Verdict.Alerts;

namespace Verdict.Logs;

/// <summary>One authentication event from an activity log, with its place resolved where possible.</summary>
public sealed record LogEvent
{
    public required DateTimeOffset Time { get; init; }
    public required string User { get; init; }
    public required bool Success { get; init; }
    public string? Ip { get; init; }
    /// <summary>ISO country code, upper case, when known.</summary>
    public string? Country { get; init; }
    public string? City { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? UserAgent { get; init; }
    public string? Host { get; init; }
    public required SourceRef Source { get; init; }

    public bool HasCoordinates => Latitude is not null && Longitude is not null;

    public string Place => (City, Country) switch
    {
        (not null, not null) => $"{City}, {Country}",
        (not null, null) => City,
        (null, not null) => Country,
        _ => "unknown location",
    };
}
