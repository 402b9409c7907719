using Verdict.Analysis;
using Verdict.Policy;

namespace Verdict.Llm.Analyst;

/// <summary>
/// Deterministic limits on the model. It cannot auto-close an alert that the offline analyst found MALICIOUS or that
/// has strong malicious evidence: a BENIGN answer becomes SUSPICIOUS (monitor at most, escalate at HIGH or above),
/// with the disagreement stated. Whatever the alert text said, this rule only reads the offline evidence.
/// </summary>
public static class Guardrails
{
    public static (Assessment Assessment, DecisionResult Decision, string? Guardrail) Apply(Assessment model, Assessment offline)
    {
        var strong = offline.Evidence.FirstOrDefault(e => e.Strong && e.Supports == Leaning.Malicious);
        var protectedAlert = strong is not null || offline.Classification == Classification.Malicious;
        if (!protectedAlert || model.Classification != Classification.Benign)
            return (model, DecisionPolicy.Decide(model), null);
        var why = strong is not null ? $"strong malicious evidence: {strong.Description}" : $"the offline analyst classified it MALICIOUS ({offline.LikelyCause})";
        var guarded = model with
        {
            Classification = Classification.Suspicious,
            MaliciousProbability = Math.Max(model.MaliciousProbability, 0.5),
            Confidence = Math.Min(model.Confidence, 0.5),
        };
        var decision = DecisionPolicy.Decide(guarded);
        var guardrail = $"the model said BENIGN but cannot close this alert: {why}; kept as SUSPICIOUS ({decision.Decision.ToString().ToLowerInvariant()}) for review";
        return (guarded, decision with { Reason = $"{decision.Reason} [guardrail: model said BENIGN against {why}]" }, guardrail);
    }
}
