using Verdict.Analysis;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Feedback;

/// <summary>
/// The step after assessment: each triaged alert gets what analysts' feedback says about it (<see cref="FeedbackLearning"/>),
/// is decided again, and each incident takes its worst alert again. Errors and alerts feedback says nothing about pass through.
/// </summary>
public static class FeedbackStep
{
    public static TriageResult Apply(TriageResult result, FeedbackLearning learning, AnalystOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(learning);
        if (learning.Count == 0) return result;
        var outcomes = result.Alerts.Select(o => Apply(o, learning, options)).ToList();
        var byAlert = new Dictionary<Alerts.Alert, AlertOutcome>(ReferenceEqualityComparer.Instance);
        foreach (var o in outcomes.Where(o => o.Alert is not null)) byAlert[o.Alert!] = o;
        var incidents = result.Incidents.Select(i =>
        {
            var worst = i.Incident.Alerts.Select(a => byAlert[a]).MaxBy(o => DecisionPolicy.Rank(o.Assessment!, o.Decision!))!;
            return i with { Assessment = worst.Assessment!, Decision = worst.Decision! };
        }).ToList();
        return result with { Alerts = outcomes, Incidents = incidents };
    }

    /// <summary>One alert's outcome with what feedback says about it (the same outcome when it says nothing).</summary>
    public static AlertOutcome Apply(AlertOutcome o, FeedbackLearning learning, AnalystOptions options)
    {
        if (o.Alert is null || o.Assessment is null) return o;
        var assessment = FeedbackAdjustment.Apply(o.Assessment, learning.For(o.Alert), options);
        return ReferenceEquals(assessment, o.Assessment) ? o : o with { Assessment = assessment, Decision = DecisionPolicy.Decide(assessment) };
    }

}
