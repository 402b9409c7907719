using Verdict.Alerts;
using Verdict.Analysis.Families.Cloud;
using Verdict.Analysis.Families.Email;
using Verdict.Analysis.Families.Endpoint;
using Verdict.Analysis.Families.Network;

namespace Verdict.Analysis.Families;

/// <summary>
/// The offline analyst for endpoint, network/web, cloud, e-mail and generic alerts: the family's evidence, the shared
/// evidence (context file, detector severity, enrichment) and the family's hypotheses, weighed by the same
/// <see cref="HypothesisScorer"/> as identity alerts. Severity is impact (privilege, asset, success or failure of the
/// attempt) on top of likelihood, and says why.
/// </summary>
public static class FamilyAnalyst
{
    /// <summary>Evidence keys that mean the attacker's action took effect.</summary>
    private static readonly HashSet<string> Success = ["exploit_success", "credential_dumping", "reverse_shell", "logging_disabled", "privilege_change", "new_credentials", "public_exposure", "defence_evasion"];

    public static List<Evidence> Evidence(FamilyCase c)
    {
        var evidence = new List<Evidence>();
        if (c.Family == AlertFamily.Network) c = c with { Alert = NetworkRecord.Complete(c.Alert) };
        CommonEvidence.Add(c, evidence);
        switch (c.Family)
        {
            case AlertFamily.Endpoint: EndpointEvidence.Add(c, evidence); break;
            case AlertFamily.Network: WebEvidence.Add(c, evidence); break;
            case AlertFamily.Cloud: CloudEvidence.Add(c, evidence); break;
            case AlertFamily.Email: EmailEvidence.Add(c, evidence); break;
        }
        evidence.AddRange(EnrichmentEvidence.For(c.Alert, c.Enrichment));
        return OfflineAnalyst.Distinct(evidence);
    }

    public static Assessment Assess(FamilyCase c, AnalystOptions options)
    {
        var evidence = Evidence(c);
        var scored = HypothesisScorer.Score(evidence, FamilyHypotheses.For(c.Family), options, t => t.Replace("{user}", c.Who, StringComparison.Ordinal));
        // Against malicious evidence, closing needs an explanation: "no pattern found" or a low detector rating alone leave it open.
        if (scored.Classification == Classification.Benign && !evidence.Exists(HypothesisScorer.IsExplanation) && !HypothesisScorer.OneSidedBenign(evidence))
            scored = scored with { Classification = Classification.Suspicious };
        var (severity, rationale) = Severity(c, scored, evidence);
        var escalate = scored.Classification == Classification.Malicious || severity >= Alerts.Severity.High;
        return new Assessment
        {
            Classification = scored.Classification,
            Severity = severity,
            Confidence = scored.Confidence,
            MaliciousProbability = scored.MaliciousProbability,
            LikelyCause = OfflineAnalyst.LikelyCause(scored, evidence),
            Evidence = [.. evidence.OrderByDescending(e => e.Weight)],
            Hypotheses = scored.Hypotheses,
            Questions = FamilyBriefing.Questions(c, evidence, scored.Classification),
            ImmediateActions = FamilyBriefing.Actions(c, evidence, scored.Classification, escalate),
            InvestigationSteps = FamilyBriefing.Steps(c, evidence),
            SeverityRationale = rationale,
            WhatWouldChange = FamilyBriefing.WhatWouldChange(c, evidence, scored.Classification),
        };
    }

    private static (Severity, string) Severity(FamilyCase c, Scored s, IReadOnlyList<Evidence> evidence)
    {
        bool Has(string key) => evidence.Any(e => e.Key == key);
        var succeeded = evidence.Any(e => e.Supports == Leaning.Malicious && Success.Contains(e.Key)) && !Has("call_failed");
        var failed = !succeeded && (Has("attempt_failed") || Has("call_failed"));
        if (s.Classification == Classification.Benign)
            return (evidence.Any(e => e.Supports == Leaning.Malicious) ? Alerts.Severity.Low : Alerts.Severity.Info,
                $"Benign explanation established ({1 - s.MaliciousProbability:P0})");

        var reasons = new List<string>();
        var severity = s.Classification == Classification.Malicious ? Alerts.Severity.High
            : Alerts.Severity.Medium.Raise(s.MaliciousProbability >= 0.5 ? 1 : 0);
        var head = s.Classification == Classification.Malicious ? $"Likely attack ({s.MaliciousProbability:P0})" : $"Uncertain ({s.MaliciousProbability:P0} likely malicious)";
        if (succeeded && s.MaliciousProbability >= 0.5) { severity = severity.Raise(); reasons.Add("raised: the action took effect"); }
        if (failed) { severity = severity.Raise(-1); reasons.Add("lowered: the attempt was blocked or failed"); }
        if (c.IsPrivileged || c.Context.IsVip(c.Alert.User))
        {
            severity = severity.Raise();
            reasons.Add($"raised: {c.Who} is a {(c.IsPrivileged ? "privileged" : "VIP")} account");
        }
        if (c.Asset is { } asset)
        {
            if (asset.IsLab) { severity = severity.Raise(-1); reasons.Add($"lowered: {asset.Host} is a {asset.Environment} machine"); }
            else if (asset.IsCritical) { severity = severity.Raise(); reasons.Add($"raised: {asset.Host} is a {asset.Criticality}-criticality asset"); }
        }
        return (severity, reasons.Count == 0 ? head : $"{head}; {string.Join("; ", reasons)}");
    }
}
