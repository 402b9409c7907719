using Verdict.Analysis;
using Verdict.Policy;

namespace Verdict.Evaluation;

/// <summary>What a label says about an alert: an attack, a benign event, or something a careful analyst would leave open.</summary>
public enum Truth { Attack, Ambiguous, Benign }

/// <summary>
/// One alert's label, as written: an expected classification (MALICIOUS, SUSPICIOUS, BENIGN) or an expected
/// decision (escalate, monitor, auto_close). MALICIOUS and escalate mean an attack; BENIGN and auto_close a benign event.
/// </summary>
public sealed record ExpectedLabel(string AlertId, Truth Truth, Classification? Classification, Decision? Decision, string? Scenario)
{
    /// <summary>The label as a person reads it: "MALICIOUS" or "escalate".</summary>
    public string Text => Classification is { } c ? c.ToString().ToUpperInvariant() : Decision switch
    {
        Policy.Decision.Escalate => "escalate",
        Policy.Decision.Monitor => "monitor",
        _ => "auto_close",
    };

    /// <summary>Reads a label word: a classification (also attack / true_positive, false_positive) or a decision.</summary>
    public static ExpectedLabel? Parse(string alertId, string text, string? scenario)
    {
        var word = text.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        Classification? classification = word switch
        {
            "malicious" or "attack" or "true_positive" or "tp" => Analysis.Classification.Malicious,
            "suspicious" or "ambiguous" => Analysis.Classification.Suspicious,
            "benign" or "false_positive" or "fp" or "benign_positive" => Analysis.Classification.Benign,
            _ => null,
        };
        var scenarioText = string.IsNullOrWhiteSpace(scenario) ? null : scenario.Trim();
        if (classification is { } c)
        {
            var truth = c switch { Analysis.Classification.Malicious => Truth.Attack, Analysis.Classification.Benign => Truth.Benign, _ => Truth.Ambiguous };
            return new ExpectedLabel(alertId, truth, c, null, scenarioText);
        }
        if (!LabelFile.TryDecision(word, out var decision)) return null;
        var decisionTruth = decision switch { Policy.Decision.Escalate => Truth.Attack, Policy.Decision.AutoClose => Truth.Benign, _ => Truth.Ambiguous };
        return new ExpectedLabel(alertId, decisionTruth, null, decision, scenarioText);
    }

    public const string Expected = "MALICIOUS, SUSPICIOUS or BENIGN, or a decision: escalate, monitor or auto_close";
}
