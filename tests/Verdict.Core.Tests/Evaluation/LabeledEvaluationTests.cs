using Verdict.Analysis;
using Verdict.Context;
using Verdict.Evaluation;
using Verdict.Policy;
using Verdict.Tests.Support;

namespace Verdict.Tests.Evaluation;

public class LabeledEvaluationTests
{
    // A scanner burst (closed as benign) and a user with no logs at medium severity (SUSPICIOUS, monitored).
    private const string Alerts = "alert_id,type,user,date,severity,src_ip\n"
        + "S1,brute_force,svc,2026-10-28T08:00:00Z,low,10.20.0.15\n"
        + "N1,login,nobody,2026-10-28T08:00:00Z,medium,\n"
        + "U1,login,other,2026-10-28T08:00:00Z,medium,\n";

    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { KnownScanners = TestData.Ranges("10.20.0.15") };

    private static Dictionary<string, ExpectedLabel> Labels(params (string Id, string Label, string Scenario)[] items) =>
        items.ToDictionary(i => i.Id, i => ExpectedLabel.Parse(i.Id, i.Label, i.Scenario)!);

    [Fact]
    public void A_closed_attack_and_a_flagged_benign_event_give_zero_recall_and_full_false_positive_rate()
    {
        var result = TriageHelper.Run(Alerts, [], Context);

        var r = LabeledEvaluation.Compute(result, Labels(("S1", "MALICIOUS", "hidden_in_scan"), ("N1", "BENIGN", "quiet_user"), ("X9", "BENIGN", "gone")));

        Assert.Equal((0.0, 1.0, 0.0, 0.0), (r.AttackRecall, r.FalsePositiveRate, r.Precision, r.F1));
        var closed = Assert.Single(r.ClosedAttacks);
        Assert.Equal(("S1", Classification.Benign, Decision.AutoClose), (closed.AlertId, closed.Classification, closed.Decision));
        Assert.Equal("N1", Assert.Single(r.FalsePositives).AlertId);
        Assert.Equal((3, 2, 1, 0), (r.Records, r.Labeled, r.Unlabeled, r.InputErrors));
        Assert.True(r.AccountsForEveryRecord);
        Assert.Equal(["X9"], r.LabelsNotFound);
        Assert.Equal(1, r.ClassificationMatrix[0, 2]); // attack row, BENIGN column
        Assert.Equal(1, r.DecisionMatrix[2, 1]);       // benign row, monitor column
    }

    [Fact]
    public void Caught_attacks_and_closed_benign_events_score_full_marks_per_rule_and_scenario()
    {
        var result = TriageHelper.Run(Alerts, [], Context);

        var r = LabeledEvaluation.Compute(result, Labels(("S1", "auto_close", "scan"), ("N1", "escalate", "takeover"), ("U1", "SUSPICIOUS", "unclear")));

        Assert.Equal((1.0, 0.0, 1.0, 1.0), (r.AttackRecall, r.FalsePositiveRate, r.Precision, r.F1));
        Assert.Empty(r.ClosedAttacks);
        Assert.Equal((1, 1, 1), (r.Attacks, r.Benign, r.Ambiguous));
        var login = Assert.Single(r.ByRule, g => g.Name == "login");
        Assert.Equal((2, 1, 1, 1), (login.Alerts, login.Attacks, login.AttacksFlagged, login.Ambiguous));
        Assert.Equal(1, Assert.Single(r.ByScenario, g => g.Name == "scan").BenignClosed);
    }

    [Fact]
    public void Labels_are_read_from_csv_with_classifications_or_decisions_and_bad_ones_are_reported_by_line()
    {
        using var dir = new TempDirectory();
        var path = dir.File("labels.csv");
        File.WriteAllText(path, "Alert ID,expected_classification,scenario\nA1,Malicious,x\nA2,auto-close,y\nA3,suspicious,z\nA4,maybe,w\nA1,BENIGN,dup\n");

        var (labels, errors) = LabelSet.Read(path);

        Assert.Equal((Truth.Attack, Classification.Malicious), (labels["A1"].Truth, labels["A1"].Classification));
        Assert.Equal((Truth.Benign, (Decision?)Decision.AutoClose, "y"), (labels["A2"].Truth, labels["A2"].Decision, labels["A2"].Scenario));
        Assert.Equal(Truth.Ambiguous, labels["A3"].Truth);
        Assert.Equal([5, 6], errors.Select(e => (int)e.Source.Line));
        Assert.Contains("unknown label 'maybe'", errors[0].Reason);
        Assert.Contains("labeled twice", errors[1].Reason);
    }

    [Fact]
    public void Labels_are_read_from_jsonl_with_any_recognised_id_and_a_named_label_field()
    {
        using var dir = new TempDirectory();
        var path = dir.File("labels.jsonl");
        File.WriteAllText(path, """
            {"event": {"id": "E1"}, "truth": "BENIGN", "scenario": "sccm"}
            {"event": {"id": "E2"}, "truth": "MALICIOUS"}
            not json
            {"event": {"id": "E3"}}
            """);

        var (labels, errors) = LabelSet.Read(path, labelField: "truth");

        Assert.Equal(["E1", "E2"], labels.Keys.Order());
        Assert.Equal("sccm", labels["E1"].Scenario);
        Assert.Equal([3, 4], errors.Select(e => (int)e.Source.Line));
    }

    [Fact]
    public void Labels_inside_alert_records_are_taken_out_before_the_alert_is_built()
    {
        using var dir = new TempDirectory();
        var json = dir.File("waf.jsonl");
        File.WriteAllText(json, """
            {"alert_id": "W1", "rule_name": "SQL Injection", "uri": "/a?id=1", "label": "MALICIOUS", "scenario": "sqlmap"}
            {"alert_id": "W2", "rule_name": "XSS", "uri": "/b"}
            """);
        var csv = dir.File("alerts.csv");
        File.WriteAllText(csv, "id,type,user,label,scenario\nC1,brute_force,bob,benign,typo\n");
        var reader = new LabeledAlertReader("label");

        var alerts = reader.Read(json, Context, () => Stream.Null).Concat(reader.Read(csv, Context, () => Stream.Null)).Select(r => r.Value!).ToList();

        Assert.Equal(["W1", "W2", "C1"], alerts.Select(a => a.Id));
        Assert.All(alerts, a => Assert.DoesNotContain(a.Fields, f => f.Key is "label" or "scenario"));
        Assert.Equal(("C1", 2L), (alerts[2].Id, alerts[2].Source.Line));
        Assert.Equal((Truth.Attack, "sqlmap"), (reader.Labels["W1"].Truth, reader.Labels["W1"].Scenario));
        Assert.Equal(Truth.Benign, reader.Labels["C1"].Truth);
        var missing = Assert.Single(reader.Errors);
        Assert.Equal(2, missing.Source.Line);
        Assert.Contains("W2 has no 'label' value", missing.Reason);
    }

    [Fact]
    public void Sparse_waf_and_firewall_records_are_named_by_their_rule_threat_or_signatures_once_the_label_is_taken_out()
    {
        using var dir = new TempDirectory();
        var json = dir.File("web.jsonl");
        File.WriteAllText(json, """
            {"ruleId": "100015", "action": "block", "clientIP": "91.240.118.20", "clientRequestPath": "/.env", "label": "BENIGN"}
            {"type": "THREAT", "subtype": "vulnerability", "threatid": "91368", "src": "91.240.118.21", "label": "BENIGN"}
            {"threatid": "(40015)", "src": "91.240.118.22", "action": "drop", "label": "SUSPICIOUS"}
            {"support_id": "18000000001", "sig_names": "SQL-INJ expressions like \"or 1=1\"", "ip_client": "91.240.118.23", "label": "MALICIOUS"}
            {"support_id": "18000000002", "violations": "Illegal meta character in value", "ip_client": "91.240.118.24", "label": "BENIGN"}
            """);
        var reader = new LabeledAlertReader("label");

        var results = reader.Read(json, Context, () => Stream.Null).ToList();

        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        Assert.Equal(["rule 100015", "91368", "threat 40015", "SQL-INJ expressions like \"or 1=1\"", "Illegal meta character in value"],
            results.Select(r => r.Value!.Rule));
        Assert.Equal(5, reader.Labels.Count);
    }
}
