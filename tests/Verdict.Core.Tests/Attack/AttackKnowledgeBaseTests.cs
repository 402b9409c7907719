using Verdict.Attack;

namespace Verdict.Tests.Attack;

/// <summary>The STIX 2.0 fixture (mitre/cti layout, v18 detection strategies): techniques, lookups and relationships.</summary>
public sealed class AttackKnowledgeBaseTests
{
    private static AttackKnowledgeBase Kb => AttackFixtures.Stix20;

    [Fact]
    public void Reads_spec_version_and_no_release_when_the_bundle_has_no_collection()
    {
        Assert.Equal("2.0", Kb.SpecVersion);
        Assert.Equal("", Kb.Version);
    }

    [Fact]
    public void Techniques_are_the_unrevoked_ones_by_id_with_deprecated_flagged()
    {
        Assert.Equal(["T1059", "T1059.001", "T1059.004", "T1064", "T1647"], Kb.Techniques.Select(t => t.Id));
        Assert.True(Kb.Find("T1064")!.Deprecated);
        Assert.False(Kb.Find("T1059")!.Deprecated);
        Assert.Null(Kb.Find("T1086"));
        Assert.Null(Kb.Find("T1547.011"));
    }

    [Fact]
    public void Tactics_follow_the_matrix_order_not_the_file_order()
    {
        Assert.Equal(["TA0002", "TA0003", "TA0005"], Kb.Tactics.Select(t => t.Id));
        Assert.Equal(new AttackTactic("TA0002", "execution", "Execution", "The adversary is trying to run malicious code."), Kb.Tactics[0]);
        Assert.Equal(["execution", "defense-evasion"], Kb.Find("T1064")!.Tactics);
    }

    [Fact]
    public void A_technique_carries_its_fields_with_citations_removed()
    {
        var technique = Kb.Find("T1059")!;
        Assert.Equal("Command and Scripting Interpreter", technique.Name);
        Assert.Equal("attack-pattern--00000000-0000-4000-8000-000000001059", technique.StixId);
        Assert.Equal("Adversaries may abuse command and script interpreters to execute commands. These interfaces are built into most platforms.", technique.Description);
        Assert.Equal(["Linux", "macOS", "Windows"], technique.Platforms);
        Assert.Equal("Monitor command-line arguments for script interpreters that are unusual for the host.", technique.Detection);
        Assert.Equal(["Command: Command Execution", "Process: Process Creation"], technique.DataSources);
        Assert.False(technique.IsSubtechnique);
        Assert.Equal("https://attack.mitre.org/techniques/T1059/", technique.Url);
    }

    [Fact]
    public void Without_x_mitre_detection_the_detection_is_the_current_analytics_of_the_detecting_strategies()
    {
        var powershell = Kb.Find("T1059.001")!;
        Assert.Equal(
            "PowerShell launched with encoded commands or from an unusual parent process.\n\n" +
            "Script block logging shows download cradles such as IEX (New-Object Net.WebClient).",
            powershell.Detection);
        Assert.Empty(powershell.DataSources);
        Assert.Equal("", Kb.Find("T1059.004")!.Detection);
    }

    [Theory]
    [InlineData("T1059.001")]
    [InlineData("t1059.001")]
    [InlineData(" T1059.001 ")]
    public void Lookup_accepts_ids_as_people_type_them(string typed)
    {
        var lookup = Kb.Lookup(typed);
        Assert.Equal(LookupStatus.Found, lookup.Status);
        Assert.Equal("T1059.001", lookup.RequestedId);
        Assert.Equal("PowerShell", lookup.Technique!.Name);
        Assert.Equal("", lookup.Message);
    }

    [Fact]
    public void A_revoked_id_resolves_to_its_replacement()
    {
        var lookup = Kb.Lookup("t1086");
        Assert.Equal(LookupStatus.Revoked, lookup.Status);
        Assert.Equal("T1059.001", lookup.Technique!.Id);
        Assert.Equal("T1086 was revoked; replaced by T1059.001 PowerShell", lookup.Message);
    }

    [Fact]
    public void Revocation_chains_are_followed_to_a_current_technique()
    {
        Assert.Equal("T1647", Kb.Lookup("T1150").Technique!.Id);
        Assert.Equal("T1647", Kb.Lookup("T1547.011").Technique!.Id);
        Assert.Equal(LookupStatus.Revoked, Kb.Lookup("T1150").Status);
    }

    [Fact]
    public void A_deprecated_technique_is_found_with_a_note()
    {
        var lookup = Kb.Lookup("T1064");
        Assert.Equal(LookupStatus.Found, lookup.Status);
        Assert.Contains("deprecated", lookup.Message);
    }

    [Fact]
    public void Unknown_and_malformed_ids_say_why()
    {
        var unknown = Kb.Lookup("T9999");
        Assert.Equal(LookupStatus.NotFound, unknown.Status);
        Assert.Null(unknown.Technique);
        Assert.Equal("T9999 is not a technique in this ATT&CK bundle", unknown.Message);

        foreach (var bad in new[] { "", "1059", "T105", "T1059.1", "T1059.0001", "TA0002", "M1042", "T1059/001", "T10a9" })
        {
            var lookup = Kb.Lookup(bad);
            Assert.Equal(LookupStatus.Invalid, lookup.Status);
            Assert.Contains("is not an ATT&CK technique ID", lookup.Message);
        }
        Assert.Null(Kb.Find("not an id"));
    }

    [Fact]
    public void Mitigations_are_the_current_M_courses_of_action_with_the_relationship_text_first()
    {
        var mitigations = Kb.MitigationsFor("t1059.001");
        Assert.Equal(
            [
                new AttackMitigation("M1042", "Disable or Remove Feature or Program", "Remove or deny access to unnecessary and potentially vulnerable software."),
                new AttackMitigation("M1045", "Code Signing", "Set PowerShell execution policy to execute only signed scripts."),
            ],
            mitigations);
        Assert.Empty(Kb.MitigationsFor("T1059"));
        Assert.Empty(Kb.MitigationsFor("T1086"));
    }

    [Fact]
    public void Procedures_are_uses_from_current_groups_campaigns_and_software_groups_first()
    {
        var procedures = Kb.ProceduresFor("T1059.001");
        Assert.Equal(["G0007", "C0024", "S0154", "S0363"], procedures.Select(p => p.SourceId));
        Assert.Equal(["group", "campaign", "malware", "tool"], procedures.Select(p => p.SourceKind));
        Assert.Equal(
            new ProcedureExample("G0007", "APT28", "group", "T1059.001", "[APT28](https://attack.mitre.org/groups/G0007) downloads and executes PowerShell scripts."),
            procedures[0]);
        Assert.Empty(Kb.ProceduresFor("T1059.004"));
        Assert.Empty(Kb.ProceduresFor("bogus"));
    }

    [Fact]
    public void Subtechniques_of_a_parent_in_id_order()
    {
        Assert.Equal(["T1059.001", "T1059.004"], Kb.SubtechniquesOf(" t1059 ").Select(t => t.Id));
        Assert.All(Kb.SubtechniquesOf("T1059"), t => Assert.Equal("T1059", t.ParentId));
        Assert.Empty(Kb.SubtechniquesOf("T1647"));
    }
}
