using Verdict.Analysis;
using Verdict.Policy;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// The closure guard (README, How Verdict decides): an alert that names a threat, from a product Verdict has no reader
/// for (tests/data/families/closure-guard.jsonl, the rule read from an event type), is not closed by circumstantial
/// evidence such as an internal source; an alert naming no threat, a negated one, or one the scanner explains still closes.
/// </summary>
public sealed class ClosureGuardTests(ITestOutputHelper output)
{
    [Fact]
    public void Attacks_wearing_circumstantial_clothes_stay_open_and_genuine_cases_still_close()
    {
        var fixtures = FamilyFixtures.Load("closure-guard");
        var outcomes = FamilyFixtures.Triage(fixtures);
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, new Dictionary<string, string>
        {
            ["cg-a01"] = "threat_named", ["cg-a02"] = "threat_named", ["cg-a03"] = "threat_named",
            ["cg-b01"] = "internal_source", ["cg-b02"] = "internal_source", ["cg-b03"] = "scanner",
        }));
    }

    [Theory]
    [InlineData("cg-a01", "Miner")]
    [InlineData("cg-a02", "EXPLOIT")]
    [InlineData("cg-a03", "BRUTE")]
    public void The_held_open_decision_says_which_threat_was_named(string id, string word)
    {
        var fixtures = FamilyFixtures.Load("closure-guard").Where(f => f.Id == id).ToList();
        var assessment = FamilyFixtures.Triage(fixtures)[0].Assessment!;
        Assert.Contains(assessment.Evidence, e => e.Key == "internal_source" && e.Supports == Leaning.Benign);
        var reason = DecisionPolicy.Decide(assessment).Reason;
        Assert.Contains("not closed because the alert names a threat", reason);
        Assert.Contains(word, reason);
    }

    [Fact]
    public void A_negated_threat_word_is_no_claim()
    {
        var fixtures = FamilyFixtures.Load("closure-guard").Where(f => f.Id == "cg-b02").ToList();
        var assessment = FamilyFixtures.Triage(fixtures)[0].Assessment!;
        Assert.DoesNotContain(assessment.Evidence, e => e.Key == "threat_named");
    }
}
