using System.Text.Json;
using System.Text.Json.Serialization;
using Verdict.Alerts;
using Verdict.Analysis;

namespace Verdict.Llm.Analyst;

public sealed record ModelHypothesis(string Title, string Kind, double Probability, IReadOnlyList<string>? EvidenceFor, IReadOnlyList<string>? EvidenceAgainst);

/// <summary>The JSON the model is asked for (<see cref="InvestigationPrompt.Schema"/>), read and validated.</summary>
public sealed record ModelAnswer(
    IReadOnlyList<ModelHypothesis>? Hypotheses, string? Classification, string? Severity, double Confidence,
    string? LikelyCause, string? SeverityRationale, string? WhatWouldChange,
    IReadOnlyList<string>? Questions, IReadOnlyList<string>? ImmediateActions, IReadOnlyList<string>? InvestigationSteps)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString };

    /// <summary>The answer in the text (the outermost JSON object, fences ignored), or the problems that make it unusable.</summary>
    public static (ModelAnswer? Answer, IReadOnlyList<string> Problems) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, ["the reply was empty"]);
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start) return (null, ["the reply held no JSON object"]);
        ModelAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<ModelAnswer>(text.AsSpan(start, end - start + 1), Options);
        }
        catch (JsonException e)
        {
            return (null, [$"invalid JSON ({e.Path ?? "at the start"}, line {e.LineNumber + 1})"]);
        }
        if (answer is null) return (null, ["the JSON was null"]);
        var problems = answer.Validate();
        return problems.Count == 0 ? (answer, problems) : (null, problems);
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ParseClassification(Classification) is null) problems.Add("classification must be BENIGN, SUSPICIOUS or MALICIOUS");
        if (!SeverityText.TryParse(Severity, out _)) problems.Add("severity must be INFO, LOW, MEDIUM, HIGH or CRITICAL");
        if (Confidence is < 0 or > 1 || double.IsNaN(Confidence)) problems.Add("confidence must be between 0 and 1");
        if (string.IsNullOrWhiteSpace(LikelyCause)) problems.Add("likely_cause is required");
        if (Hypotheses is not { Count: >= 1 and <= 4 }) problems.Add("give 2 or 3 hypotheses");
        else if (Hypotheses.Any(h => h.Probability is < 0 or > 1 || string.IsNullOrWhiteSpace(h.Title))) problems.Add("each hypothesis needs a title and a probability between 0 and 1");
        return problems;
    }

    public static Classification? ParseClassification(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "BENIGN" => Analysis.Classification.Benign,
        "SUSPICIOUS" => Analysis.Classification.Suspicious,
        "MALICIOUS" => Analysis.Classification.Malicious,
        _ => null,
    };

    /// <summary>The model's assessment, keeping the offline evidence and techniques (deterministic, cited in decisions).</summary>
    public Assessment ToAssessment(Assessment offline)
    {
        var severity = SeverityText.TryParse(Severity, out var parsed) ? parsed : offline.Severity;
        var hypotheses = Hypotheses!.Select((h, i) => new Hypothesis($"llm-{i + 1}", h.Title, Leaning(h.Kind), h.Probability, h.EvidenceFor ?? [], h.EvidenceAgainst ?? [])).ToList();
        var classification = ParseClassification(Classification)!.Value;
        var malicious = hypotheses.Where(h => h.Kind == Analysis.Leaning.Malicious).Sum(h => h.Probability);
        return offline with
        {
            Classification = classification,
            Severity = severity,
            Confidence = Confidence,
            MaliciousProbability = Math.Clamp(malicious, 0, 1),
            LikelyCause = LikelyCause!,
            Hypotheses = hypotheses,
            Questions = Questions ?? [],
            ImmediateActions = ImmediateActions ?? [],
            InvestigationSteps = InvestigationSteps ?? [],
            SeverityRationale = SeverityRationale ?? offline.SeverityRationale,
            WhatWouldChange = WhatWouldChange ?? offline.WhatWouldChange,
        };
    }

    private static Leaning Leaning(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "malicious" => Analysis.Leaning.Malicious,
        "benign" => Analysis.Leaning.Benign,
        _ => Analysis.Leaning.Context,
    };
}
