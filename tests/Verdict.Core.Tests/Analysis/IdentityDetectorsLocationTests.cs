using Verdict.Analysis;
using Verdict.Context;
using Verdict.Policy;
using static Verdict.Tests.Analysis.IdentityDetectorsFailureTests;
using static Verdict.Tests.Analysis.IdentityScenarios;

namespace Verdict.Tests.Analysis;

/// <summary>Where the user logged in from: new countries, approved travel, impossible travel, VPN and bad addresses.</summary>
public class IdentityDetectorsLocationTests
{
    private static EnvironmentContext WithTrip(string user, string country, DateOnly from, DateOnly to) => AcmeContext with
    {
        ApprovedTravel = [new ApprovedTravel(user, new HashSet<string> { country }, from, to, "Client visit")],
    };

    [Fact]
    public void NewCountryCoveredByApprovedTravel_IsBenign_AndNamesTheApproval()
    {
        var a = ParisLogin(WithTrip("alice", "FR", new DateOnly(2026, 10, 27), new DateOnly(2026, 10, 30)));

        Assert.Equal(Classification.Benign, a.Classification);
        Assert.Equal(Leaning.Malicious, Find(a, "new_country").Supports);
        var travel = Find(a, "approved_travel");
        Assert.Equal(Leaning.Benign, travel.Supports);
        Assert.Contains("Travel to FR is approved for alice from 2026-10-27 to 2026-10-30", travel.Description);
        var decision = DecisionPolicy.Decide(a);
        Assert.Equal(Decision.AutoClose, decision.Decision);
        Assert.Contains("Travel to FR is approved", decision.Reason);
    }

    [Theory]
    [InlineData("bob", "FR", 27, 30)]
    [InlineData("alice", "GB", 27, 30)]
    [InlineData("alice", "FR", 29, 30)]
    public void ApprovalForAnotherUserCountryOrDate_DoesNotCount(string user, string country, int fromDay, int toDay)
    {
        var a = ParisLogin(WithTrip(user, country, new DateOnly(2026, 10, fromDay), new DateOnly(2026, 10, toDay)));

        Assert.DoesNotContain(a.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, a.Classification);
    }

    [Fact]
    public void ParisFortyMinutesAfterBoston_WithoutApproval_IsImpossibleTravelAndMalicious()
    {
        var a = ParisFortyMinutesAfterBoston();

        Assert.Equal(Classification.Malicious, a.Classification);
        var travel = Find(a, "impossible_travel");
        Assert.Equal(Leaning.Malicious, travel.Supports);
        Assert.Contains("Boston, US", travel.Description);
        Assert.Contains("Paris, FR", travel.Description);
        Assert.Contains("40 min", travel.Description);
        Assert.Contains("First login ever from Paris, FR", Find(a, "new_country").Description);
        Assert.Equal(Decision.Escalate, DecisionPolicy.Decide(a).Decision);
    }

    [Fact]
    public void ParisHalfADayAfterBoston_IsFeasibleTravel()
    {
        var a = ParisLogin(AcmeContext);

        Assert.Equal(Leaning.Benign, Find(a, "feasible_travel").Supports);
        Assert.DoesNotContain(a.Evidence, e => e.Key == "impossible_travel");
    }

    [Fact]
    public void LoginThroughVpnEgress_IsBenign_AndItsForeignLocationIsIgnored()
    {
        var a = VpnEgressLogin();

        Assert.Equal(Classification.Benign, a.Classification);
        Assert.Equal(Leaning.Benign, Find(a, "vpn_egress").Supports);
        Assert.DoesNotContain(a.Evidence, e => e.Key is "new_country" or "impossible_travel" or "new_ip");
        Assert.Equal(Decision.AutoClose, DecisionPolicy.Decide(a).Decision);
    }

    [Fact]
    public void SuccessFromBadIp_IsNeverBenign_EvenWhenBenignEvidenceOutweighsIt()
    {
        var a = BadIpAmongBenignEvidence();

        var bad = Find(a, "bad_ip");
        Assert.True(bad.Strong);
        Assert.Equal(Leaning.Benign, Find(a, "vpn_egress").Supports);
        Assert.Equal(Leaning.Benign, Find(a, "password_typo").Supports);
        // The weights alone put it below the benign threshold; the strong indicator must keep it open.
        Assert.True(a.MaliciousProbability <= new AnalystOptions().BenignThreshold, $"P = {a.MaliciousProbability}");
        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.NotEqual(Decision.AutoClose, DecisionPolicy.Decide(a).Decision);
    }
}
