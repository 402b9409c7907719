using Verdict.Attack;

namespace Verdict.Tests.Attack;

/// <summary>The real MITRE ATT&CK Enterprise v18.1 bundle from ../shared (STIX 2.0); skipped where it is absent.</summary>
public sealed class RealBundleTests
{
    private static AttackKnowledgeBase Kb() => AttackFixtures.Real;

    [Fact]
    public void Counts_match_ATTACK_v18_1_Enterprise()
    {
        var kb = Kb();
        var current = kb.Techniques.Where(t => !t.Deprecated).ToList();
        Assert.Equal(216, current.Count(t => !t.IsSubtechnique));
        Assert.Equal(475, current.Count(t => t.IsSubtechnique));
        Assert.Equal("2.0", kb.SpecVersion);
        Assert.Equal(14, kb.Tactics.Count);
        Assert.Equal("reconnaissance", kb.Tactics[0].ShortName);
        Assert.Equal("impact", kb.Tactics[^1].ShortName);
    }

    [Fact]
    public void Well_known_techniques_have_what_the_show_command_needs()
    {
        var kb = Kb();
        var powershell = kb.Find("T1059.001")!;
        Assert.Equal("PowerShell", powershell.Name);
        Assert.Equal(["execution"], powershell.Tactics);
        Assert.DoesNotContain("(Citation:", powershell.Description);
        Assert.NotEmpty(powershell.Detection);
        Assert.NotEmpty(kb.MitigationsFor("T1059.001"));
        Assert.All(kb.MitigationsFor("T1059.001"), m => Assert.StartsWith("M", m.Id));
        Assert.True(kb.ProceduresFor("T1059.001").Count > 50);
        Assert.Contains(kb.SubtechniquesOf("T1059"), t => t.Id == "T1059.001");

        var revoked = kb.Lookup("T1086");
        Assert.Equal((LookupStatus.Revoked, "T1059.001"), (revoked.Status, revoked.Technique!.Id));
        Assert.Equal("T1647", kb.Lookup("T1150").Technique!.Id);
        Assert.All(kb.Techniques.Where(t => !t.Deprecated), t => Assert.NotEmpty(t.Tactics));
    }
}
