namespace Verdict.Enrichment;

/// <summary>
/// The intel providers a run may use, and a line for each known source that is not used and why
/// ("AbuseIPDB: not used (set ABUSEIPDB_API_KEY)"), so the brief can say what was not checked.
/// </summary>
public sealed record IntelSources(IReadOnlyList<IIntelProvider> Providers, IReadOnlyList<string> NotUsed)
{
    public static IntelSources None { get; } = new([], []);
}
