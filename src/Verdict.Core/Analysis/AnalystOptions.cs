namespace Verdict.Analysis;

/// <summary>Thresholds of the offline analyst. Defaults are documented in the README.</summary>
public sealed record AnalystOptions
{
    /// <summary>Failures from one IP within <see cref="BurstWindow"/> that count as brute force.</summary>
    public int BurstFailures { get; init; } = 10;
    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>A success this soon after a burst starts is taken as the burst succeeding.</summary>
    public TimeSpan SuccessAfterBurst { get; init; } = TimeSpan.FromMinutes(60);
    /// <summary>At most this many failures followed by a success from a known IP look like a typo.</summary>
    public int TypoMaxFailures { get; init; } = 8;
    public TimeSpan TypoWindow { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Faster than this between two logins is impossible travel (airliners cruise at ~900 km/h).</summary>
    public double ImpossibleSpeedKmh { get; init; } = 900;
    /// <summary>Shorter hops are ignored: IP geolocation is not that precise.</summary>
    public double MinTravelKm { get; init; } = 500;
    /// <summary>Log-odds that an alert is malicious before any evidence (-1.0 ≈ 27%).</summary>
    public double PriorLogOdds { get; init; } = -1.0;
    /// <summary>P(malicious) at or above which an alert is MALICIOUS.</summary>
    public double MaliciousThreshold { get; init; } = 0.8;
    /// <summary>P(malicious) at or below which an alert is BENIGN (if no strong malicious evidence).</summary>
    public double BenignThreshold { get; init; } = 0.15;
    /// <summary>How far before an alert the analyst reads the user's activity.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromHours(2);
    public TimeSpan Lookahead { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Alerts of the same user closer than this belong to one incident.</summary>
    public TimeSpan IncidentGap { get; init; } = TimeSpan.FromHours(4);

    /// <summary>The defaults with the context file's <c>analyst:</c> overrides applied.</summary>
    public static AnalystOptions For(Context.EnvironmentContext context) => new AnalystOptions() with
    {
        PriorLogOdds = context.Analyst.PriorLogOdds ?? -1.0,
        MaliciousThreshold = context.Analyst.MaliciousThreshold ?? 0.8,
        BenignThreshold = context.Analyst.BenignThreshold ?? 0.15,
    };
}
