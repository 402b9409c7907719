using Verdict.Analysis;
using static Verdict.Tests.Analysis.IdentityScenarios;

namespace Verdict.Tests.Analysis;

/// <summary>What every assessment gives an analyst, whatever the story.</summary>
public class OfflineAnalystTests
{
    public static TheoryData<string> Scenarios => [.. All.Keys];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Assess_AlwaysWeighsAMaliciousAndABenignExplanation(string scenario)
    {
        var a = All[scenario]();

        Assert.True(a.Hypotheses.Count >= 2);
        Assert.Contains(a.Hypotheses, h => h.Kind == Leaning.Malicious);
        Assert.Contains(a.Hypotheses, h => h.Kind == Leaning.Benign);
        Assert.Equal(1.0, a.Hypotheses.Sum(h => h.Probability), 2);
        Assert.Equal(a.Hypotheses.OrderByDescending(h => h.Probability).Select(h => h.Id), a.Hypotheses.Select(h => h.Id));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Assess_AlwaysGivesQuestionsActionsAndStepsInTheUsersName(string scenario)
    {
        var a = All[scenario]();

        Assert.NotEmpty(a.Questions);
        Assert.NotEmpty(a.ImmediateActions);
        Assert.NotEmpty(a.InvestigationSteps);
        Assert.False(string.IsNullOrWhiteSpace(a.LikelyCause));
        Assert.NotNull(a.WhatWouldChange);
        Assert.InRange(a.Confidence, 0.5, 0.99);
        Assert.InRange(a.MaliciousProbability, 0.001, 0.999);
        Assert.DoesNotContain(a.Hypotheses, h => h.Title.Contains("{user}", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_ClearCaseIsMoreConfidentThanABorderlineOne()
    {
        var clear = BruteForceThenSuccess();
        var borderline = DayWorkerAtThreeAm();

        Assert.True(clear.Confidence >= borderline.Confidence + 0.2, $"clear {clear.Confidence} vs borderline {borderline.Confidence}");
    }

    [Fact]
    public void Assess_MaliciousVerdict_LeadsWithTheAttackerHypothesis()
    {
        var a = BruteForceThenSuccess();

        Assert.Equal(Leaning.Malicious, a.Hypotheses[0].Kind);
        Assert.StartsWith("Account takeover: someone other than alice", a.LikelyCause);
    }

    [Fact]
    public void Assess_SuspiciousVerdict_ExplainsBothSides()
    {
        var a = DayWorkerAtThreeAm();

        Assert.Equal(Classification.Suspicious, a.Classification);
        Assert.StartsWith("Unclear:", a.LikelyCause);
        Assert.Contains("For concern:", a.LikelyCause);
        Assert.Contains("Reassuring:", a.LikelyCause);
    }

    [Fact]
    public void Assess_EvidenceIsListedStrongestFirst()
    {
        var a = BruteForceThenSuccess();

        Assert.Equal(a.Evidence.OrderByDescending(e => e.Weight).Select(e => e.Key), a.Evidence.Select(e => e.Key));
        Assert.Equal("brute_force_then_success", a.Evidence[0].Key);
    }
}
