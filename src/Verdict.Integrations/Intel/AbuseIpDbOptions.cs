namespace Verdict.Integrations.Intel;

/// <summary>AbuseIPDB API v2. The free plan allows 1,000 checks a day, which no single run comes near.</summary>
public sealed class AbuseIpDbOptions : IntelProviderOptions
{
    public const string Name = "AbuseIPDB";
    public const string DefaultKeyVariable = "ABUSEIPDB_API_KEY";

    public AbuseIpDbOptions()
        : base(new Uri("https://api.abuseipdb.com/"), DefaultKeyVariable, requestsPerWindow: 1000, TimeSpan.FromDays(1))
    {
    }

    public override string SourceName => Name;

    /// <summary>Reports older than this many days are ignored by AbuseIPDB (1..365).</summary>
    public int MaxAgeInDays { get; init; } = 90;
}
