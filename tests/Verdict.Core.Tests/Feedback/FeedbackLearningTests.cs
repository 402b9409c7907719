using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Feedback;
using Verdict.Policy;
using Verdict.Tests.Support;

namespace Verdict.Tests.Feedback;

public class FeedbackLearningTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);

    // Two unremarkable logins Verdict leaves open (SUSPICIOUS, monitored): no history, medium detector severity.
    private const string Alerts = "alert_id,type,user,date,severity,src_ip\n"
        + "N1,erp_sql_filter,nobody,2026-10-28T08:00:00Z,medium,10.1.22.17\n"
        + "N2,other_rule,nobody2,2026-10-28T08:00:00Z,medium,10.1.22.18\n"; // another address: alerts sharing one are one incident

    private static FeedbackRecord Verdict(string id, Classification verdict, string entities = "ip:10.1.22.17", string rule = "erp_sql_filter", string? note = null) =>
        new(id, rule, entities, verdict, null, note, "jdoe", When);

    private static List<FeedbackRecord> Benign(int n) => [.. Enumerable.Range(1, n).Select(i => Verdict($"P{i}", Classification.Benign, $"ip:10.9.9.{i}"))];

    [Fact]
    public void Five_benign_verdicts_on_a_rule_close_its_next_uncertain_alert_and_the_brief_says_why()
    {
        var result = TriageHelper.Run(Alerts, [], EnvironmentContext.Default);
        Assert.All(result.Alerts, a => Assert.Equal(Classification.Suspicious, a.Assessment!.Classification));

        var learned = FeedbackStep.Apply(result, new FeedbackLearning(Benign(5)), new AnalystOptions());

        var n1 = learned.Alerts[0];
        Assert.Equal((Classification.Benign, Decision.AutoClose, Severity.Low), (n1.Assessment!.Classification, n1.Decision!.Decision, n1.Assessment.Severity));
        var prior = Assert.Single(n1.Assessment.Evidence, e => e.Key == "feedback_rule_prior");
        Assert.Equal((Leaning.Benign, 1.0, "analyst feedback"), (prior.Supports, prior.Weight, prior.Source));
        Assert.Contains("Analysts closed 5 of 5 past alerts of rule 'erp_sql_filter' as benign", prior.Description);
        Assert.Contains("Analysts closed 5 of 5", n1.Decision.Reason);
        // Another rule's alert is untouched.
        Assert.Same(result.Alerts[1], learned.Alerts[1]);
        Assert.Equal(Decision.AutoClose, learned.Incidents.Single(i => i.Incident.Alerts.Any(a => a.Id == "N1")).Decision.Decision);
    }

    [Fact]
    public void Four_benign_verdicts_or_one_malicious_give_no_benign_prior()
    {
        var alert = TriageHelper.Run(Alerts, [], EnvironmentContext.Default).Alerts[0].Alert!;

        Assert.DoesNotContain(new FeedbackLearning(Benign(4)).For(alert), e => e.SignedWeight != 0);
        var mixed = new FeedbackLearning([.. Benign(9), Verdict("M1", Classification.Malicious, "ip:10.8.8.8")]).For(alert);
        Assert.DoesNotContain(mixed, e => e.Key == "feedback_rule_prior");
        Assert.Contains("Analysts confirmed 1 of 10 past alerts", Assert.Single(mixed, e => e.Key == "feedback_rule_history").Description);
        // The bound: twenty verdicts shift no further than 1.5.
        Assert.Equal(1.5, Assert.Single(new FeedbackLearning(Benign(20)).For(alert)).Weight);
    }

    [Fact]
    public void Similar_past_cases_are_listed_and_a_confirmed_malicious_one_pulls_towards_malicious()
    {
        var alert = TriageHelper.Run(Alerts, [], EnvironmentContext.Default).Alerts[0].Alert!;
        var records = new List<FeedbackRecord>
        {
            Verdict("OLD-1", Classification.Benign, "ip:10.1.22.17|user:someone", note: "ERP report"),
            Verdict("OLD-2", Classification.Malicious, "ip:10.1.22.17"),
            Verdict("OLD-3", Classification.Benign, "ip:10.7.7.7"),
        };

        var evidence = new FeedbackLearning(records).For(alert);

        var bad = Assert.Single(evidence, e => e.Key == "feedback_similar_malicious");
        Assert.Equal((Leaning.Malicious, 1.0), (bad.Supports, bad.Weight));
        Assert.Contains("OLD-2, same rule, sharing ip:10.1.22.17", bad.Description);
        var similar = evidence.Where(e => e.Key.StartsWith("feedback_similar:", StringComparison.Ordinal)).Select(e => e.Description).ToList();
        Assert.Equal(2, similar.Count); // OLD-3 shares nothing
        Assert.Contains(similar, d => d.Contains("OLD-1", StringComparison.Ordinal) && d.Contains("jdoe said BENIGN (ERP report)", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_learned_moves_an_assessment_that_rests_on_strong_evidence()
    {
        var result = TriageHelper.Run(Alerts, [], EnvironmentContext.Default);
        var strong = result.Alerts[0].Assessment! with
        {
            Classification = Classification.Malicious,
            MaliciousProbability = 0.82,
            Evidence = [new Evidence("intel_malicious:10.1.22.17", "ip 10.1.22.17 is known bad", Leaning.Malicious, 3.0, "feed", Strong: true)],
        };
        var learned = new FeedbackLearning(Benign(20)).For(result.Alerts[0].Alert!);

        var adjusted = FeedbackAdjustment.Apply(strong, learned, new AnalystOptions());

        Assert.Equal((Classification.Malicious, 0.82), (adjusted.Classification, adjusted.MaliciousProbability));
        Assert.Contains(adjusted.Evidence, e => e.Key == "feedback_rule_prior"); // shown, not applied
    }

    [Fact]
    public void Suppressions_are_suggested_for_entities_always_closed_as_benign_and_never_for_one_seen_in_an_attack()
    {
        var records = new List<FeedbackRecord>
        {
            Verdict("A1", Classification.Benign, "host:erp01|ip:10.1.22.17", note: "ERP \"report\"\nfilter"),
            Verdict("A2", Classification.Benign, "host:erp01|ip:10.1.22.17"),
            Verdict("A3", Classification.Benign, "host:erp01|ip:10.1.22.17|user:x"),
            Verdict("B1", Classification.Benign, "ip:10.5.5.5"),
            Verdict("B2", Classification.Benign, "ip:10.5.5.5"),
            Verdict("B3", Classification.Benign, "ip:10.5.5.5"),
            Verdict("B4", Classification.Malicious, "ip:10.5.5.5"),
        };

        var suggestion = Assert.Single(SuppressionSuggestions.Find(records, minVerdicts: 3));
        var yaml = SuppressionSuggestions.ToYaml([suggestion], records.Count, When);

        Assert.Equal(["host:erp01", "ip:10.1.22.17"], suggestion.Match);
        Assert.Equal(["A1", "A2", "A3"], suggestion.AlertIds);
        Assert.Contains("  - rule: \"erp_sql_filter\"\n    match:\n      host: \"erp01\"\n      ip: \"10.1.22.17\"\n", yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("owner: \"TODO", yaml, StringComparison.Ordinal);
        Assert.Contains("expires: \"2027-01-31\"", yaml, StringComparison.Ordinal);
        Assert.Contains("(analysts noted: ERP \\\"report\\\"\\nfilter)", yaml, StringComparison.Ordinal); // alert content cannot break the YAML
    }

    [Fact]
    public void The_entities_key_is_sorted_lower_cased_and_keeps_only_identifying_kinds()
    {
        var key = EntityKey.For([new Entity(EntityKind.User, "Alice"), new Entity(EntityKind.Ip, "10.1.0.2"), new Entity(EntityKind.Url, "http://x/"), new Entity(EntityKind.Host, "WS-1")]);

        Assert.Equal("host:ws-1|ip:10.1.0.2|user:alice", key);
        Assert.Equal(("ip", "10.1.0.2"), EntityKey.Split("ip:10.1.0.2"));
    }
}
