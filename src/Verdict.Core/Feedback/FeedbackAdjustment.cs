using Verdict.Alerts;
using Verdict.Analysis;

namespace Verdict.Feedback;

/// <summary>
/// Adds what was learned from feedback to an assessment: the evidence goes into the brief, and its weight moves
/// P(malicious) and the classification by the analyst's thresholds. Nothing learned moves an assessment that rests on
/// strong evidence: there the feedback is shown, and the verdict stands.
/// </summary>
public static class FeedbackAdjustment
{
    public static Assessment Apply(Assessment a, IReadOnlyList<Evidence> learned, AnalystOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(options);
        if (learned.Count == 0) return a;
        var evidence = a.Evidence.Concat(learned).OrderByDescending(e => e.Weight).ToList();
        var shift = learned.Sum(e => e.SignedWeight);
        if (a.Evidence.Any(e => e.Strong) || shift == 0) return a with { Evidence = evidence };

        var p = Math.Clamp(a.MaliciousProbability, 0.001, 0.999);
        var moved = Math.Clamp(Math.Round(1 / (1 + Math.Exp(-(Math.Log(p / (1 - p)) + shift))), 3), 0.001, 0.999);
        var classification = moved >= options.MaliciousThreshold ? Classification.Malicious
            : moved <= options.BenignThreshold ? Classification.Benign
            : Classification.Suspicious;
        var adjusted = a with
        {
            Evidence = evidence,
            MaliciousProbability = moved,
            Hypotheses = [.. a.Hypotheses.Select(h => h with
            {
                Probability = Math.Round(h.Probability * (h.Kind == Leaning.Malicious ? moved / p : (1 - moved) / (1 - p)), 3),
            }).OrderByDescending(h => h.Probability)],
        };
        if (classification == a.Classification) return adjusted;

        var lead = learned.Where(e => e.SignedWeight != 0).OrderByDescending(e => e.Weight).First().Description;
        var severity = a.Severity.Raise((int)classification - (int)a.Classification);
        if (classification == Classification.Benign && severity > Severity.Low) severity = Severity.Low;
        return adjusted with
        {
            Classification = classification,
            Severity = severity,
            LikelyCause = $"{lead}. Before analyst feedback: {a.LikelyCause}",
            SeverityRationale = $"{a.SeverityRationale}; analyst feedback moved the verdict from {Word(a.Classification)} to {Word(classification)}",
            WhatWouldChange = $"{a.WhatWouldChange} This verdict rests on analyst feedback ({lead}); an analyst marking a similar alert malicious would undo it.".Trim(),
        };
    }

    private static string Word(Classification c) => c.ToString().ToUpperInvariant();
}
