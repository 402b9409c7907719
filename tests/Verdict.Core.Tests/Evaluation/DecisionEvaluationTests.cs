using Verdict.Context;
using Verdict.Evaluation;
using Verdict.Policy;
using Verdict.Tests.Support;

namespace Verdict.Tests.Evaluation;

public class DecisionEvaluationTests
{
    [Fact]
    public void LabelFile_Read_AcceptsDecisionSpellingsAndReportsUnknownOnes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("labels.csv");
        File.WriteAllText(path, "Alert ID,Expected,note\nA1,Escalate,x\nA2,auto-close,y\nA3,investigate,z\nA4,panic,w\n");

        var (labels, errors) = LabelFile.Read(path);

        Assert.Equal(Decision.Escalate, labels["A1"].Expected);
        Assert.Equal(Decision.AutoClose, labels["A2"].Expected);
        Assert.Equal((Decision.Monitor, "z"), (labels["A3"].Expected, labels["A3"].Scenario));
        var error = Assert.Single(errors);
        Assert.Equal(5, error.Source.Line);
        Assert.Contains("unknown expected decision 'panic'", error.Reason);
    }

    [Fact]
    public void Compute_CountsMissedAttacksFalseEscalationsAndUnlabelled()
    {
        // A scanner burst (closed) and a user with no logs at medium severity (monitored).
        var csv = "alert_id,type,user,date,severity,src_ip\n"
            + "S1,brute_force,svc,2026-10-28T08:00:00Z,low,10.20.0.15\n"
            + "N1,login,nobody,2026-10-28T08:00:00Z,medium,\n"
            + "U1,login,other,2026-10-28T08:00:00Z,medium,\n";
        var context = EnvironmentContext.Default with { KnownScanners = TestData.Ranges("10.20.0.15") };
        var result = TriageHelper.Run(csv, [], context);
        Assert.Equal([Decision.AutoClose, Decision.Monitor, Decision.Monitor], result.Alerts.Select(a => a.Decision!.Decision));
        var labels = new Dictionary<string, Label>
        {
            ["S1"] = new("S1", Decision.AutoClose, "scanner"),
            ["N1"] = new("N1", Decision.Escalate, "attack"),
            ["GONE"] = new("GONE", Decision.Monitor, null),
        };

        var report = DecisionEvaluation.Compute(result, labels);

        Assert.Equal((2, 1), (report.Labeled, report.Unlabeled));
        Assert.Equal(["GONE"], report.LabelsNotFound);
        Assert.Equal(0.0, report.EscalationRecall);
        Assert.Equal(0.5, report.Accuracy);
        Assert.Empty(report.FalseEscalations);
        Assert.Equal("N1", Assert.Single(report.OtherMismatches).AlertId);
        Assert.Equal(1, report.Matrix[0, 1]);
        Assert.Equal(1, report.Matrix[2, 2]);
    }
}

public sealed class DuplicateIdEvaluationTests
{
    [Fact]
    public void Alerts_sharing_an_id_are_each_counted_so_accuracy_never_exceeds_100_percent()
    {
        var csv = "alert_id,type,user,date,severity\nA1,login,nobody,2026-10-28T08:00:00Z,medium\nA1,login,nobody,2026-10-28T09:00:00Z,medium\n";
        var result = TriageHelper.Run(csv, [], EnvironmentContext.Default);
        var report = DecisionEvaluation.Compute(result, new Dictionary<string, Label> { ["A1"] = new("A1", Decision.Monitor, null) });

        Assert.Equal(2, report.Labeled);
        Assert.Equal(1.0, report.Accuracy);
    }

    [Fact]
    public void A_label_given_twice_keeps_the_first_and_says_so()
    {
        using var dir = new TempDirectory();
        var path = dir.File("labels.csv");
        File.WriteAllText(path, "alert_id,expected_decision\nA1,monitor\nA1,escalate\n");

        var (labels, errors) = LabelFile.Read(path);

        Assert.Equal(Decision.Monitor, labels["A1"].Expected);
        Assert.Contains("labeled twice", Assert.Single(errors).Reason);
    }
}
