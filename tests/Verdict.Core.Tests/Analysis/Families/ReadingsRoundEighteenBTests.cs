using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

public sealed class ReadingsRoundEighteenBTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var fixtures = FamilyFixtures.Load("readings18b-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        for (var i = 0; i < fixtures.Count; i++)
        {
            var a = outcomes[i].Alert!;
            output.WriteLine($"{fixtures[i].Id}: from={Verdict.Analysis.Families.Email.EmailFields.From(a)} subj={Verdict.Analysis.Families.Email.EmailFields.Subject(a)} rule=[{a.Rule}] time={a.Time:o} user={a.User} src={a.SourceIp} host={a.Host} sev={a.DetectorSeverity} url={a.Field(CanonicalField.Url)} result={a.Field(CanonicalField.Result)} id={a.Id}");
        }
        FamilyFixtures.Misdecided(fixtures, outcomes, output, idsRead: false);
    }
}
