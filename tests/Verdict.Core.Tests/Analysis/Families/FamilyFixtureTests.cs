using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// The labeled fixtures per family, including adversarial cases. Attacks must come out SUSPICIOUS or MALICIOUS
/// (≥97%), benign-but-alerting events BENIGN (≥85%). The figures and every miss are printed.
/// </summary>
public sealed class FamilyFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> Families => new(["endpoint", "network", "cloud", "email"]);

    [Theory]
    [MemberData(nameof(Families))]
    public void Attacks_are_caught_and_benign_alerts_are_closed(string family)
    {
        var fixtures = FamilyFixtures.Load(family);
        var outcomes = FamilyFixtures.Triage(fixtures);
        var (caught, attacks, closed, benign) = (0, 0, 0, 0);
        for (var i = 0; i < fixtures.Count; i++)
        {
            var (f, a) = (fixtures[i], outcomes[i].Assessment!);
            Assert.Equal(f.Id, outcomes[i].Alert!.Id);
            Assert.Equal(family, Family(outcomes[i]));
            var right = f.Attack ? a.Classification != Classification.Benign : a.Classification == Classification.Benign;
            if (f.Attack) { attacks++; caught += right ? 1 : 0; }
            else { benign++; closed += right ? 1 : 0; }
            output.WriteLine($"{(right ? "  ok" : "MISS")} {f.Id} {a.Classification,-10} P={a.MaliciousProbability:F2} {a.Severity,-8} {f.Note}"
                + (right ? "" : $"\n       evidence: {string.Join(" | ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight:+0.0;-0.0;0}"))}"));
        }
        var recall = (double)caught / attacks;
        var closure = (double)closed / benign;
        output.WriteLine($"{family}: attacks SUSPICIOUS/MALICIOUS {caught}/{attacks} = {recall:P1}; benign closed as BENIGN {closed}/{benign} = {closure:P1}");
        Assert.True(recall >= 0.97, $"{family}: attack recall {recall:P1}");
        Assert.True(closure >= 0.85, $"{family}: benign closure {closure:P1}");
    }

    private static string Family(AlertOutcome o) => FamilyDetector.Detect(o.Alert!).ToString().ToLowerInvariant();
}
