using System.Text.Json.Serialization;
using Verdict.Alerts;

namespace Verdict.Analysis;

[JsonConverter(typeof(JsonStringEnumConverter<Classification>))]
public enum Classification
{
    [JsonStringEnumMemberName("BENIGN")] Benign,
    [JsonStringEnumMemberName("SUSPICIOUS")] Suspicious,
    [JsonStringEnumMemberName("MALICIOUS")] Malicious,
}

/// <summary>A candidate explanation with its probability and the evidence for and against it.</summary>
public sealed record Hypothesis(string Id, string Title, Leaning Kind, double Probability,
    IReadOnlyList<string> EvidenceFor, IReadOnlyList<string> EvidenceAgainst);

public sealed record TechniqueRef(string Id, string Name);

/// <summary>What the analyst concluded about one alert (or incident).</summary>
public sealed record Assessment
{
    public required Classification Classification { get; init; }
    public required Severity Severity { get; init; }
    public required double Confidence { get; init; }
    /// <summary>Posterior probability that the activity is malicious.</summary>
    public required double MaliciousProbability { get; init; }
    public required string LikelyCause { get; init; }
    public required IReadOnlyList<Evidence> Evidence { get; init; }
    public required IReadOnlyList<Hypothesis> Hypotheses { get; init; }
    public IReadOnlyList<TechniqueRef> Techniques { get; init; } = [];
    public required IReadOnlyList<string> Questions { get; init; }
    public required IReadOnlyList<string> ImmediateActions { get; init; }
    public required IReadOnlyList<string> InvestigationSteps { get; init; }
    /// <summary>Why the severity is what it is (impact, separate from likelihood).</summary>
    public required string SeverityRationale { get; init; }
    /// <summary>What would change this verdict.</summary>
    public string? WhatWouldChange { get; init; }
}
