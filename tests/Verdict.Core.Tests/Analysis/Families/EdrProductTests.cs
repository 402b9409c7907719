using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// EDR and detection products read by their documented export shapes (tests/data/families/edr-products.jsonl): Cisco Secure
/// Endpoint (AMP) events API, Microsoft Defender for Cloud Apps alerts API, Vectra detections, Tanium Threat Response alerts
/// (Connect export) and Bitdefender GravityZone push events. Each benign case closes for the named reason read from the
/// product's own fields; each attack in the same clothes stays open.
/// </summary>
public sealed class EdrProductTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["ep-b03"] = "scanner", ["ep-b05"] = "av_test_file",
    };

    private static (List<FamilyFixture> Fixtures, Dictionary<string, AlertOutcome> ById) Run()
    {
        var fixtures = FamilyFixtures.Load("edr-products");
        var outcomes = FamilyFixtures.Triage(fixtures);
        return (fixtures, fixtures.Select((f, i) => (f.Id, outcomes[i])).ToDictionary(p => p.Id, p => p.Item2));
    }

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_in_its_clothes_stays_open()
    {
        var (fixtures, byId) = Run();
        var wrong = new List<string>();
        foreach (var f in fixtures)
        {
            var a = byId[f.Id].Assessment!;
            var al = byId[f.Id].Alert!;
            var right = f.Attack ? a.Classification != Classification.Benign
                : a.Classification == Classification.Benign && (!Reason.TryGetValue(f.Id, out var key) || a.Evidence.Any(e => e.Key == key));
            output.WriteLine($"{(right ? "  ok" : "MISS")} {f.Id} {a.Classification} {f.Note}: {string.Join(", ", a.Evidence.Select(e => e.Key))}");
            output.WriteLine($"     rule={al.Rule} host={al.Host} user={al.User} src={al.SourceIp} time={al.Time:o} sev={al.DetectorSeverity} proc={al.Process} cmd={al.CommandLine} result={al.Field(CanonicalField.Result)}");
            if (!right) wrong.Add(f.Id);
        }
        Assert.Empty(wrong);
    }
}
