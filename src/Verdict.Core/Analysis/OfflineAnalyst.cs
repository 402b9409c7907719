using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Analysis.Identity;

namespace Verdict.Analysis;

/// <summary>
/// Verdict's own analyst: gathers evidence, weighs hypotheses and writes the assessment, with no model and
/// no network. Severity is impact (privilege, VIP, success) on top of likelihood, kept separate from it.
/// </summary>
public sealed class OfflineAnalyst(AnalystOptions options)
{
    public AnalystOptions Options => options;

    public Assessment Assess(IdentityCase c) => Assess(c, IdentityDetectors.ForActivity(c, options));

    /// <summary>Assesses the case's alerts with activity evidence already gathered (shared by an incident's alerts).</summary>
    public Assessment Assess(IdentityCase c, IReadOnlyList<Evidence> activity)
    {
        // One alert of another family (endpoint, web, cloud, e-mail...): its own evidence and hypotheses, same scorer.
        if (c.Alerts.Count == 1 && FamilyDetector.Detect(c.Alerts[0]) is var family && family != AlertFamily.Identity)
            return FamilyAnalyst.Assess(new FamilyCase(c.Alerts[0], family, c.Context, c.Enrichment), options);
        var evidence = Distinct([.. IdentityDetectors.ForAlerts(c), .. activity, .. c.Alerts.SelectMany(a => EnrichmentEvidence.For(a, c.Enrichment))]);
        var scored = HypothesisScorer.Score(evidence, IdentityHypotheses.Catalog, options, t => t.Replace("{user}", c.Who, StringComparison.Ordinal));
        var (severity, rationale) = Severity(c, scored, evidence);
        var escalateLikely = scored.Classification == Classification.Malicious || severity >= Alerts.Severity.High;

        return new Assessment
        {
            Classification = scored.Classification,
            Severity = severity,
            Confidence = scored.Confidence,
            MaliciousProbability = scored.MaliciousProbability,
            LikelyCause = LikelyCause(scored, evidence),
            Evidence = [.. evidence.OrderByDescending(e => e.Weight)],
            Hypotheses = scored.Hypotheses,
            Questions = IdentityBriefing.Questions(c, evidence, scored.Classification),
            ImmediateActions = IdentityBriefing.Actions(c, evidence, scored.Classification, escalateLikely),
            InvestigationSteps = IdentityBriefing.Steps(c, evidence),
            SeverityRationale = rationale,
            WhatWouldChange = WhatWouldChange(c, scored.Classification),
        };
    }

    private static (Severity, string) Severity(IdentityCase c, Scored s, IReadOnlyList<Evidence> evidence)
    {
        var stakes = c.IsPrivileged ? "a privileged account" : c.Context.IsVip(c.User) ? "a VIP account" : null;
        var raise = stakes is null ? 0 : 1;
        var succeeded = evidence.Any(e => e.Supports == Leaning.Malicious && e.Key is "brute_force_then_success" or "success_after_failures" or "bad_ip" or "impossible_travel" or "new_country");
        var account = stakes ?? "a standard account";
        var (severity, rationale) = s.Classification switch
        {
            Classification.Malicious => (Alerts.Severity.High.Raise(raise),
                $"{(succeeded ? "Likely successful access" : "Likely attack")} ({s.MaliciousProbability:P0}) on {account}"),
            Classification.Suspicious => (Alerts.Severity.Medium.Raise(raise + (s.MaliciousProbability >= 0.5 ? 1 : 0)),
                $"Uncertain ({s.MaliciousProbability:P0} likely malicious) on {account}"),
            _ => (evidence.Any(e => e.Supports == Leaning.Malicious) ? Alerts.Severity.Low : Alerts.Severity.Info,
                $"Benign explanation established ({1 - s.MaliciousProbability:P0}); {account}"),
        };
        // Impact of the machine involved, separate from likelihood.
        foreach (var asset in c.Alerts.Select(a => c.Enrichment.Inventory.FindAsset(a.Host)).OfType<Enrichment.Asset>().Distinct().Take(1))
        {
            if (asset.IsLab) (severity, rationale) = (severity.Raise(-1), $"{rationale}; lowered one level: {asset.Host} is a {asset.Environment} machine");
            else if (asset.IsCritical) (severity, rationale) = (severity.Raise(1), $"{rationale}; raised one level: {asset.Host} is a {asset.Criticality}-criticality asset");
        }
        return (severity, rationale);
    }

    /// <summary>The leading explanation and the observations behind it; for SUSPICIOUS, both sides.</summary>
    internal static string LikelyCause(Scored s, IReadOnlyList<Evidence> evidence)
    {
        string Lead(Leaning side, int n) => string.Join(". ", evidence.Where(e => e.Supports == side).OrderByDescending(e => e.Weight).Take(n).Select(e => e.Description));
        var top = s.Hypotheses[0];
        if (s.Classification != Classification.Suspicious)
        {
            var lead = Lead(top.Kind, 2);
            return lead.Length == 0 ? $"{top.Title}." : $"{top.Title}. {lead}.";
        }
        var malicious = s.Hypotheses.First(h => h.Kind == Leaning.Malicious);
        var benign = s.Hypotheses.First(h => h.Kind == Leaning.Benign);
        var forMalicious = Lead(Leaning.Malicious, 1);
        var forBenign = Lead(Leaning.Benign, 1);
        return $"Unclear: {Lower(malicious.Title)} ({malicious.Probability:P0}) or {Lower(benign.Title)} ({benign.Probability:P0})."
            + (forMalicious.Length > 0 ? $" For concern: {forMalicious}." : " Little evidence of compromise in the logs.")
            + (forBenign.Length > 0 ? $" Reassuring: {forBenign}." : "");
    }

    private static string Lower(string s) => s.Length > 0 && char.IsUpper(s[0]) && (s.Length == 1 || !char.IsUpper(s[1])) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static string WhatWouldChange(IdentityCase c, Classification classification) => classification switch
    {
        Classification.Malicious => $"Confirmation from {c.Who} that the activity was theirs (with a travel record or VPN that explains it) would lower this to monitor.",
        Classification.Benign => $"The same source touching other accounts, a success from a new address, or {c.Who} denying the activity would reopen it.",
        _ => $"A statement from {c.Who} or their manager settles it either way; any further anomaly (new country, failed-login burst) would escalate it.",
    };

    internal static List<Evidence> Distinct(List<Evidence> evidence)
    {
        // One observation can be reported by the alert and the logs alike (e.g. a scanner address): count each key once,
        // keeping its strongest, most specific (longest) description.
        return [.. evidence.GroupBy(e => e.Key)
            .Select(g => g.OrderByDescending(e => e.Weight).ThenByDescending(e => e.Description.Length).First())];
    }
}
