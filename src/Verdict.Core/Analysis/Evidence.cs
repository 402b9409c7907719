using System.Text.Json.Serialization;

namespace Verdict.Analysis;

/// <summary>Which way a piece of evidence points.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Leaning>))]
public enum Leaning
{
    [JsonStringEnumMemberName("malicious")] Malicious,
    [JsonStringEnumMemberName("benign")] Benign,
    /// <summary>Raises or lowers the stakes (severity) without changing the likelihood.</summary>
    [JsonStringEnumMemberName("context")] Context,
}

/// <summary>
/// One observation, where it came from, and how strongly it supports its side, as log-odds
/// (1.0 ≈ the observation is e^1 ≈ 2.7 times likelier under that side's explanation).
/// </summary>
/// <param name="Key">A stable name for the kind of observation, e.g. "brute_force_then_success".</param>
/// <param name="Strong">Strong evidence (a confirmed-bad indicator, a success after a burst) cannot be outvoted into BENIGN.</param>
public sealed record Evidence(string Key, string Description, Leaning Supports, double Weight, string Source, bool Strong = false)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public double SignedWeight => Supports switch
    {
        Leaning.Malicious => Weight,
        Leaning.Benign => -Weight,
        _ => 0,
    };
}
