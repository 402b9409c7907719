using Verdict.Analysis.Families;
using Verdict.Analysis.Families.Email;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Mail products whose shapes were checked against real sample events (Elastic integrations' pipeline test logs):
/// Defender XDR advanced-hunting e-mail rows as Sentinel stores them, FortiMail logs, Proofpoint on Demand message logs
/// and IRONSCALES incidents (tests/data/families/email17-products.jsonl, made-up values for a fictional company).
/// </summary>
public sealed class EmailRealSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var fixtures = FamilyFixtures.Load("email17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        for (var i = 0; i < fixtures.Count; i++)
        {
            var a = outcomes[i].Alert!;
            output.WriteLine($"{fixtures[i].Id} id={a.Id} rule={a.Rule} time={a.Time:o} sev={a.DetectorSeverity} user={a.User} host={a.Host} src={a.SourceIp} "
                + $"sender={EmailFields.From(a)} subject={EmailFields.Subject(a)} | {string.Join(",", a.Entities.Select(e => e.Kind + ":" + e.Value))}");
        }
        FamilyFixtures.Misdecided(fixtures, outcomes, output, idsRead: false);
    }
}
