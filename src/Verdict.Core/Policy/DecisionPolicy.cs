using Verdict.Alerts;
using Verdict.Analysis;

namespace Verdict.Policy;

/// <summary>
/// The one decision per alert. MALICIOUS escalates. SUSPICIOUS escalates at HIGH or above, otherwise is
/// monitored. Only BENIGN, which the scorer never gives against strong malicious evidence, is auto-closed,
/// always with the benign evidence as its reason.
/// </summary>
public static class DecisionPolicy
{
    /// <summary>How much an alert needs a human: the decision first, then severity, then classification. An incident takes its highest.</summary>
    public static int Rank(Assessment a, DecisionResult d) =>
        (d.Decision switch { Decision.Escalate => 200, Decision.Monitor => 100, _ => 0 }) + (int)a.Severity * 10 + (int)a.Classification;

    public static DecisionResult Decide(Assessment a)
    {
        var topMalicious = Top(a, Leaning.Malicious) ?? HeldOpen(a);
        var topBenign = Top(a, Leaning.Benign);
        return a.Classification switch
        {
            Classification.Malicious => new(Decision.Escalate,
                $"MALICIOUS with {a.Confidence:P0} confidence: {topMalicious ?? a.LikelyCause}"),
            Classification.Suspicious when a.Severity >= Severity.High => new(Decision.Escalate,
                $"SUSPICIOUS at {a.Severity.Word()} severity, a human should look now: {topMalicious ?? a.LikelyCause}"),
            Classification.Suspicious => new(Decision.Monitor,
                $"Not conclusive ({a.MaliciousProbability:P0} likely malicious): {topMalicious ?? "no decisive evidence either way"}"
                + (topBenign is null ? "" : $"; against it: {topBenign}")),
            _ => new(Decision.AutoClose, $"Closed as benign: {topBenign ?? a.LikelyCause}"),
        };
    }

    /// <summary>Why an alert with only circumstantial benign evidence stayed open: it names a threat.</summary>
    private static string? HeldOpen(Assessment a) =>
        a.Classification == Classification.Suspicious && HypothesisScorer.HeldOpen(a.Evidence) is { } named ? $"not closed because {named.Description}" : null;

    private static string? Top(Assessment a, Leaning side) =>
        a.Evidence.Where(e => e.Supports == side).OrderByDescending(e => e.Weight).FirstOrDefault()?.Description;
}
