using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Policy;

namespace Verdict.Tests.Policy;

public class DecisionPolicyTests
{
    private static Assessment Make(Classification classification, Severity severity, params Evidence[] evidence) => new()
    {
        Classification = classification,
        Severity = severity,
        Confidence = 0.8,
        MaliciousProbability = classification switch { Classification.Malicious => 0.95, Classification.Benign => 0.05, _ => 0.4 },
        LikelyCause = "the likely cause",
        Evidence = evidence,
        Hypotheses = [],
        Questions = ["q"],
        ImmediateActions = ["a"],
        InvestigationSteps = ["s"],
        SeverityRationale = "r",
    };

    private static readonly Evidence Typo = new("password_typo", "6 failed attempts then a success from 10.1.0.1", Leaning.Benign, 2.0, "logs");
    private static readonly Evidence KnownIps = new("known_ips", "All successful logins came from addresses alice has used before", Leaning.Benign, 0.5, "logs");
    private static readonly Evidence Burst = new("brute_force", "45 failed logins from 185.220.101.34", Leaning.Malicious, 2.0, "logs");

    [Theory]
    [InlineData(Severity.Medium)]
    [InlineData(Severity.High)]
    [InlineData(Severity.Critical)]
    public void Decide_Malicious_Escalates(Severity severity)
    {
        var d = DecisionPolicy.Decide(Make(Classification.Malicious, severity, Burst));

        Assert.Equal(Decision.Escalate, d.Decision);
        Assert.Contains("MALICIOUS", d.Reason);
        Assert.Contains(Burst.Description, d.Reason);
    }

    [Theory]
    [InlineData(Severity.High)]
    [InlineData(Severity.Critical)]
    public void Decide_SuspiciousAtHighOrAbove_Escalates(Severity severity)
    {
        var d = DecisionPolicy.Decide(Make(Classification.Suspicious, severity, Burst));

        Assert.Equal(Decision.Escalate, d.Decision);
        Assert.Contains("a human should look now", d.Reason);
    }

    [Theory]
    [InlineData(Severity.Medium)]
    [InlineData(Severity.Low)]
    public void Decide_SuspiciousBelowHigh_Monitors_AndGivesBothSides(Severity severity)
    {
        var d = DecisionPolicy.Decide(Make(Classification.Suspicious, severity, Burst, Typo));

        Assert.Equal(Decision.Monitor, d.Decision);
        Assert.Contains(Burst.Description, d.Reason);
        Assert.Contains("against it: " + Typo.Description, d.Reason);
    }

    [Fact]
    public void Decide_SuspiciousWithNoEvidence_SaysNothingWasDecisive()
    {
        var d = DecisionPolicy.Decide(Make(Classification.Suspicious, Severity.Medium));

        Assert.Equal(Decision.Monitor, d.Decision);
        Assert.Contains("no decisive evidence either way", d.Reason);
    }

    [Fact]
    public void Decide_Benign_AutoClosesQuotingTheStrongestBenignEvidence()
    {
        var d = DecisionPolicy.Decide(Make(Classification.Benign, Severity.Info, KnownIps, Typo));

        Assert.Equal(Decision.AutoClose, d.Decision);
        Assert.Equal("Closed as benign: " + Typo.Description, d.Reason);
    }
}
