using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Policy;
using static Verdict.Tests.Analysis.IdentityScenarios;

namespace Verdict.Tests.Analysis;

/// <summary>Failed-login stories: brute force that worked, a typo, the vulnerability scanner.</summary>
public class IdentityDetectorsFailureTests
{
    internal static Evidence Find(Assessment a, string key) =>
        a.Evidence.SingleOrDefault(e => e.Key == key) ?? throw new Xunit.Sdk.XunitException(
            $"no '{key}' evidence; got: {string.Join(", ", a.Evidence.Select(e => e.Key))}");

    [Fact]
    public void BruteForceThenSuccessFromSameNewIp_IsMaliciousHighAndStrong()
    {
        var a = BruteForceThenSuccess();

        Assert.Equal(Classification.Malicious, a.Classification);
        Assert.Equal(Severity.High, a.Severity);
        var e = Find(a, "brute_force_then_success");
        Assert.Equal(Leaning.Malicious, e.Supports);
        Assert.True(e.Strong);
        Assert.Contains(Attacker, e.Description);
        Assert.Contains("12 failed logins from 185.220.101.34", Find(a, "brute_force").Description);
        Assert.Contains("never seen for this user", Find(a, "brute_force").Description);
        Assert.Equal(Decision.Escalate, DecisionPolicy.Decide(a).Decision);
    }

    [Fact]
    public void BruteForceThenSuccess_OnPrivilegedAccount_IsCritical()
    {
        var context = AcmeContext with { PrivilegedAccounts = new HashSet<string> { "alice" } };

        var a = BruteForceThenSuccess(context);

        Assert.Equal(Classification.Malicious, a.Classification);
        Assert.Equal(Severity.Critical, a.Severity);
        Assert.Contains("privileged account", a.SeverityRationale);
        Assert.Contains(a.Questions, q => q.Contains("privileged account alice", StringComparison.Ordinal));
    }

    [Fact]
    public void BruteForce_ProposesBlockingTheAttackerAddress()
    {
        var a = BruteForceThenSuccess();

        Assert.Contains(a.ImmediateActions, x => x.Contains($"blocking {Attacker}", StringComparison.Ordinal));
        Assert.Contains(a.Questions, q => q.Contains(Attacker, StringComparison.Ordinal));
    }

    [Fact]
    public void SixFailuresThenSuccessFromKnownOfficeIp_IsBenignPasswordTypo()
    {
        var a = PasswordTypo();

        Assert.Equal(Classification.Benign, a.Classification);
        var typo = Find(a, "password_typo");
        Assert.Equal(Leaning.Benign, typo.Supports);
        Assert.StartsWith("6 failed attempts then a success from 10.1.0.1", typo.Description);
        Assert.DoesNotContain(a.Evidence, e => e.Key is "brute_force" or "brute_force_then_success");
        var decision = DecisionPolicy.Decide(a);
        Assert.Equal(Decision.AutoClose, decision.Decision);
        Assert.Contains("mistyped password", decision.Reason);
    }

    [Fact]
    public void FailuresFromKnownScanner_AreBenignScanner_NotBruteForce()
    {
        var a = ScannerFailures();

        Assert.Equal(Classification.Benign, a.Classification);
        Assert.Equal(Leaning.Benign, Find(a, "scanner").Supports);
        Assert.Matches(@"known (vulnerability )?scanner", Find(a, "scanner").Description);
        Assert.Contains(Scanner, Find(a, "scanner").Description);
        Assert.StartsWith("Closed as benign:", DecisionPolicy.Decide(a).Reason);
        Assert.DoesNotContain(a.Evidence, e => e.Key.StartsWith("brute_force", StringComparison.Ordinal));
        Assert.Equal(Decision.AutoClose, DecisionPolicy.Decide(a).Decision);
    }

    [Fact]
    public void NineFailuresFromNewAddressWithNoSuccess_AreWeakMaliciousEvidence()
    {
        var a = Assess(Alert(At(3, 0), "multiple_failed_logins", Attacker),
            Alice().Failures(9, Day(2, 50), TimeSpan.FromSeconds(30), Attacker, "Amsterdam", "NL").Build());

        var e = Find(a, "failed_from_unknown_ip");
        Assert.Equal(Leaning.Malicious, e.Supports);
        Assert.DoesNotContain(a.Evidence, x => x.Key == "brute_force");
        Assert.NotEqual(Classification.Benign, a.Classification);
    }

    [Fact]
    public void SuccessFromAnotherAddressAfterBurst_IsSuccessAfterFailures_NotStrong()
    {
        var a = Assess(Alert(At(2, 20), "brute_force", Attacker, Severity.High),
            Alice().Failures(12, Day(2, 5), TimeSpan.FromSeconds(30), Attacker, "Amsterdam", "NL")
                .Success(Day(2, 15), Home).Build());

        Assert.Equal(Leaning.Malicious, Find(a, "success_after_failures").Supports);
        Assert.DoesNotContain(a.Evidence, e => e.Key == "brute_force_then_success");
    }
}
