using Verdict.Attack;

namespace Verdict.Tests.Attack;

/// <summary>The STIX 2.1 fixture (attack-stix-data layout): the collection's release, per-object spec_version.</summary>
public sealed class AttackKnowledgeBaseStix21Tests
{
    private static AttackKnowledgeBase Kb => AttackFixtures.Stix21;

    [Fact]
    public void Release_comes_from_the_collection_and_spec_version_from_the_objects()
    {
        Assert.Equal("18.1", Kb.Version);
        Assert.Equal("2.1", Kb.SpecVersion);
        Assert.Equal("T9999 is not a technique in ATT&CK v18.1", Kb.Lookup("T9999").Message);
    }

    [Fact]
    public void Techniques_tactics_and_subtechniques()
    {
        Assert.Equal(["T1051", "T1072", "T1110", "T1110.003"], Kb.Techniques.Select(t => t.Id));
        Assert.Equal(["initial-access", "credential-access", "lateral-movement"], Kb.Tactics.Select(t => t.ShortName));
        Assert.Equal(["T1110.003"], Kb.SubtechniquesOf("T1110").Select(t => t.Id));
        Assert.True(Kb.Find("T1051")!.Deprecated);
    }

    [Fact]
    public void Legacy_detection_and_data_sources_are_kept_and_strategies_fill_in_otherwise()
    {
        var bruteForce = Kb.Find("T1110")!;
        Assert.Equal("Monitor authentication logs for many failed attempts across accounts.", bruteForce.Detection);
        Assert.Equal(["User Account: User Account Authentication", "Application Log: Application Log Content"], bruteForce.DataSources);
        Assert.Equal("One source fails to sign in to many accounts with one or two passwords in a short window.", Kb.Find("T1110.003")!.Detection);
    }

    [Fact]
    public void Revoked_mitigations_and_procedures()
    {
        var lookup = Kb.Lookup("T1017");
        Assert.Equal(LookupStatus.Revoked, lookup.Status);
        Assert.Equal("T1017 was revoked; replaced by T1072 Software Deployment Tools", lookup.Message);
        Assert.Equal([new AttackMitigation("M1032", "Multi-factor Authentication", "Use multi-factor authentication wherever possible.")], Kb.MitigationsFor("T1110.003"));
        var procedure = Assert.Single(Kb.ProceduresFor("T1110.003"));
        Assert.Equal(new ProcedureExample("G0016", "APT29", "group", "T1110.003", "APT29 has conducted password spray attacks against a large number of accounts."), procedure);
    }
}
