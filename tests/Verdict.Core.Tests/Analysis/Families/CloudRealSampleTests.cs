using Verdict.Analysis;
using Verdict.Analysis.Families;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Cloud and SaaS audit products in the raw shapes their real exports carry (checked against vendor sample events):
/// AWS Security Hub findings (ASFF), Google Cloud Security Command Center findings (Pub/Sub notification), Kubernetes
/// audit events, Azure Key Vault AuditEvent diagnostic logs, the GitHub audit log and Microsoft 365 Management Activity
/// API records (tests/data/families/cloud17-products.jsonl). Each product's rule, time, user, address and own outcome
/// are read from its own fields; each benign case closes for the reason those readings give; each attack stays open.
/// </summary>
public sealed class CloudRealSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var fixtures = FamilyFixtures.Load("cloud17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        foreach (var o in outcomes)
        {
            var a = o.Alert!;
            output.WriteLine($"{a.Id} | rule={a.Rule} | t={a.Time:O} | sev={a.DetectorSeverity} | user={a.User} | host={a.Host} | ip={a.SourceIp} | cmd={a.CommandLine} | result={a.Field(Verdict.Ingest.CanonicalField.Result)} | ents={string.Join(",", a.Entities.Select(e => e.Kind + ":" + e.Value))}");
        }
        FamilyFixtures.Misdecided(fixtures, outcomes, output, idsRead: false);
    }
}
