using Verdict.Analysis;
using Verdict.Analysis.Identity;

namespace Verdict.Tests.Analysis;

public class HypothesisScorerTests
{
    private static readonly AnalystOptions Defaults = new();

    private static Scored Score(AnalystOptions options, params Evidence[] evidence) =>
        HypothesisScorer.Score(evidence, IdentityHypotheses.Catalog, options, t => t.Replace("{user}", "alice", StringComparison.Ordinal));

    private static Evidence Malicious(string key, double weight, bool strong = false) => new(key, $"{key} seen", Leaning.Malicious, weight, "test", strong);

    private static Evidence Benign(string key, double weight) => new(key, $"{key} seen", Leaning.Benign, weight, "test");

    [Fact]
    public void Score_NoEvidence_IsSuspiciousAtThePrior()
    {
        var s = Score(Defaults);

        Assert.Equal(Classification.Suspicious, s.Classification);
        Assert.Equal(Math.Round(1 / (1 + Math.Exp(1.0)), 3), s.MaliciousProbability);
        Assert.Equal(0.5, s.Confidence);
        Assert.Equal(2, s.Hypotheses.Count);
        Assert.Equal(["account_takeover", "legitimate_activity"], s.Hypotheses.Select(h => h.Id).Order());
    }

    private static Evidence ThreatNamed() => new("threat_named", "the alert names a threat ('trojan' in rule)", Leaning.Context, 0, "test");

    [Fact]
    public void Score_ThreatNamedWithOnlyCircumstantialBenign_IsNotBenign()
    {
        var s = Score(Defaults, ThreatNamed(), Benign("internal_source", 0.5), Benign("admin_tool_by_admin", 1.0), Benign("business_hours", 0.4));

        Assert.True(s.MaliciousProbability <= Defaults.BenignThreshold);
        Assert.Equal(Classification.Suspicious, s.Classification);
        Assert.NotNull(HypothesisScorer.HeldOpen([ThreatNamed(), Benign("internal_source", 0.5)]));
    }

    [Fact]
    public void Score_SameCircumstancesWithoutAThreatNamed_IsBenign()
    {
        var s = Score(Defaults, Benign("internal_source", 0.5), Benign("admin_tool_by_admin", 1.0), Benign("business_hours", 0.4));

        Assert.Equal(Classification.Benign, s.Classification);
    }

    [Fact]
    public void Score_ThreatNamedWithAnExplanationOfTheActivity_IsBenign()
    {
        var s = Score(Defaults, ThreatNamed(), Benign("internal_source", 0.5), Benign("scanner", 4.5));

        Assert.Equal(Classification.Benign, s.Classification);
        Assert.Null(HypothesisScorer.HeldOpen([ThreatNamed(), Benign("internal_source", 0.5), Benign("scanner", 4.5)]));
    }

    [Fact]
    public void Score_HighRatingWithOnlyWhereItCameFrom_IsNotBenign_ButAnExplanationClosesIt()
    {
        var high = Malicious("detector_severity", 0.25);

        Assert.Equal(Classification.Suspicious, Score(Defaults, high, Benign("internal_source", 0.5)).Classification);
        Assert.Equal(Classification.Benign, Score(Defaults, high, Benign("maintenance", 0.6)).Classification);
    }

    private static Evidence RatedHigh() => new("rated_high", "the product rated the alert HIGH: where it came from ... does not explain a rating that high away", Leaning.Context, 0, "test");

    [Fact]
    public void Score_RatedHighWithOnlyHeavyCircumstantialBenign_IsHeldOpen()
    {
        // Below the benign threshold on weights alone: the VPN egress and a change window say where and when, not what.
        var high = Malicious("detector_severity", 0.25);
        var s = Score(Defaults, RatedHigh(), high, Benign("vpn_egress", 1.0), Benign("change_window", 0.7));

        Assert.True(s.MaliciousProbability <= Defaults.BenignThreshold);
        Assert.Equal(Classification.Suspicious, s.Classification);
        Assert.Equal("rated_high", HypothesisScorer.HeldOpen([RatedHigh(), high, Benign("automation_principal", 2.5)])!.Key);
        // Without the guard's mark (families that do not add it) the same evidence closes.
        Assert.Equal(Classification.Benign, Score(Defaults, high, Benign("vpn_egress", 1.0), Benign("change_window", 0.7)).Classification);
    }

    [Fact]
    public void Score_RatedHighWithAnExplanationOrVerifiedAutomation_IsBenign()
    {
        var high = Malicious("detector_severity", 0.25);

        Assert.Equal(Classification.Benign, Score(Defaults, RatedHigh(), high, Benign("vpn_egress", 1.0), Benign("approved_travel", 2.0)).Classification);
        Assert.Null(HypothesisScorer.HeldOpen([RatedHigh(), high, Benign("vpn_egress", 1.0), Benign("approved_travel", 2.0)]));
        Assert.Equal(Classification.Benign, Score(Defaults, RatedHigh(), high, Benign("automation_verified", 3.0)).Classification);
        // Verified automation does not explain a named threat.
        Assert.NotNull(HypothesisScorer.HeldOpen([ThreatNamed(), RatedHigh(), Benign("automation_verified", 3.0)]));
    }

    [Fact]
    public void Score_StrongMaliciousAgainstHeavyBenign_IsNotBenign()
    {
        var s = Score(Defaults, Malicious("bad_ip", 3.0, strong: true), Benign("vpn_egress", 3.0), Benign("password_typo", 2.0), Benign("known_ips", 0.5));

        Assert.True(s.MaliciousProbability <= Defaults.BenignThreshold);
        Assert.Equal(Classification.Suspicious, s.Classification);
    }

    [Fact]
    public void Score_SameEvidenceWithoutTheStrongMark_IsBenign()
    {
        var s = Score(Defaults, Malicious("bad_ip", 3.0), Benign("vpn_egress", 3.0), Benign("password_typo", 2.0), Benign("known_ips", 0.5));

        Assert.Equal(Classification.Benign, s.Classification);
    }

    [Fact]
    public void Score_StrongBenignEvidence_DoesNotBlockMalicious()
    {
        var s = Score(Defaults, Malicious("brute_force", 2.0), Malicious("brute_force_then_success", 3.5, strong: true));

        Assert.Equal(Classification.Malicious, s.Classification);
        Assert.Equal("account_takeover", s.Hypotheses[0].Id);
        Assert.Contains("brute_force_then_success seen", s.Hypotheses[0].EvidenceFor);
    }

    [Fact]
    public void Score_MaliciousThresholdFromOptions_IsRespected()
    {
        var evidence = Malicious("new_country", 1.5); // log-odds 0.5, P ≈ 0.62

        Assert.Equal(Classification.Suspicious, Score(Defaults, evidence).Classification);
        Assert.Equal(Classification.Malicious, Score(Defaults with { MaliciousThreshold = 0.6 }, evidence).Classification);
    }

    [Fact]
    public void Score_BenignThresholdFromOptions_IsRespected()
    {
        Evidence[] evidence = [Malicious("off_hours", 0.3), Benign("known_ips", 0.8)]; // log-odds -1.5, P ≈ 0.18; mixed, so the threshold decides

        Assert.Equal(Classification.Suspicious, Score(Defaults, evidence).Classification);
        Assert.Equal(Classification.Benign, Score(Defaults with { BenignThreshold = 0.2 }, evidence).Classification);
    }

    [Fact]
    public void Score_OneSidedBenignEvidence_IsBenignWithDecentConfidence()
    {
        var s = Score(Defaults, Benign("known_ips", 0.5)); // P ≈ 0.18, above the threshold, but nothing points to malice

        Assert.Equal(Classification.Benign, s.Classification);
        Assert.True(s.Confidence >= 0.8, $"confidence {s.Confidence}");
        // ... up to twice the configured threshold: a stricter threshold still keeps it open.
        Assert.Equal(Classification.Suspicious, Score(Defaults with { BenignThreshold = 0.05 }, Benign("known_ips", 0.5)).Classification);
    }

    [Fact]
    public void Score_ALowOrMediumDetectorRatingAlone_DoesNotKeepBenignEvidenceOpen()
    {
        var s = Score(Defaults, new Evidence("detector_severity", "rated low", Leaning.Benign, 0.25, "alert"), Benign("known_ips", 0.3));

        Assert.Equal(Classification.Benign, s.Classification);
    }

    [Fact]
    public void Score_AHighDetectorRating_StaysOpenUnlessTheBenignEvidenceExplainsIt()
    {
        var high = new Evidence("detector_severity", "rated high", Leaning.Malicious, 0.25, "alert");

        Assert.Equal(Classification.Suspicious, Score(Defaults, high, Benign("known_ips", 0.5)).Classification);
        // Where it came from (the VPN egress) is circumstantial, not an explanation of a high-rated alert (closure guard).
        Assert.Equal(Classification.Suspicious, Score(Defaults, high, Benign("vpn_egress", 0.5)).Classification);
        Assert.Equal(Classification.Benign, Score(Defaults, high, Benign("approved_travel", 0.5)).Classification);
    }

    [Fact]
    public void Score_OneSidedRule_NeverOverridesMaliciousEvidence()
    {
        Assert.Equal(Classification.Suspicious, Score(Defaults, Malicious("new_ip", 0.5), Benign("known_ips", 0.5)).Classification);
        Assert.Equal(Classification.Suspicious, Score(Defaults, Malicious("bad_ip", 0.1, strong: true), Benign("vpn_egress", 3.0)).Classification);
    }

    [Fact]
    public void Score_PriorFromOptions_MovesTheProbability()
    {
        Assert.Equal(0.5, Score(Defaults with { PriorLogOdds = 0 }).MaliciousProbability);
        Assert.Equal(Classification.Malicious, Score(Defaults with { PriorLogOdds = 2 }).Classification);
    }

    [Fact]
    public void Score_ProbabilityIsSharedBySupportWithinEachSide()
    {
        var s = Score(Defaults, Malicious("brute_force", 2.0), Malicious("new_ip", 0.5), Benign("password_typo", 2.0));

        Assert.Equal(1.0, s.Hypotheses.Sum(h => h.Probability), 2);
        var credential = s.Hypotheses.Single(h => h.Id == "credential_attack");
        var takeover = s.Hypotheses.Single(h => h.Id == "account_takeover");
        Assert.True(credential.Probability > takeover.Probability);
        Assert.Equal(["password_typo seen"], credential.EvidenceAgainst);
    }

    [Fact]
    public void Score_ConfidenceGrowsWithTheAmountOfEvidence()
    {
        var little = Score(Defaults, Malicious("off_hours", 0.7));
        var much = Score(Defaults, Malicious("brute_force", 2.0), Malicious("brute_force_then_success", 3.5, strong: true));

        Assert.True(much.Confidence > little.Confidence);
        Assert.True(much.Confidence <= 0.99);
    }
}
