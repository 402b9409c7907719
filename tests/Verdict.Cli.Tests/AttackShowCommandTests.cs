using System.IO.Compression;
using System.Text;

namespace Verdict.Tests;

/// <summary>`verdict attack show ID --attack-data FIXTURE`.</summary>
public sealed class AttackShowCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "attack", name);
    private static readonly string Stix20 = Fixture("mini-stix20.json");

    [Fact]
    public async Task Shows_a_technique_with_its_sections_url_and_MITREs_copyright()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("attack", "show", "T1059.001", "--attack-data", Stix20);

        Assert.Equal(0, code);
        var output = cli.Output;
        Assert.Contains("T1059.001 PowerShell", output);
        Assert.Contains("Sub-technique of: T1059 Command and Scripting Interpreter", output);
        Assert.Contains("Tactics: Execution", output);
        Assert.Contains("Platforms: Windows", output);
        Assert.Contains("Adversaries may abuse PowerShell commands and scripts for execution.", output);
        Assert.DoesNotContain("(Citation:", output);
        Assert.Contains("Detection", output);
        Assert.Contains("PowerShell launched with encoded commands", output);
        Assert.Contains("Mitigations (2)", output);
        Assert.Contains("M1045 Code Signing: Set PowerShell execution policy to execute only signed scripts.", output);
        Assert.Contains("Procedure examples (4)", output);
        Assert.Contains("G0007 APT28 (group): APT28 downloads and executes PowerShell scripts.", output);
        Assert.Contains("https://attack.mitre.org/techniques/T1059/001/", output);
        Assert.Contains("© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.", output);
        Assert.True(output.IndexOf("Detection", StringComparison.Ordinal) < output.IndexOf("Mitigations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_id_names_its_replacement_then_shows_it()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("attack", "show", "t1086", "--attack-data", Stix20);

        Assert.Equal(0, code);
        Assert.StartsWith("T1086 was revoked; replaced by T1059.001 PowerShell", cli.Output);
        Assert.Contains("Platforms: Windows", cli.Output);
    }

    [Fact]
    public async Task A_parent_lists_its_subtechniques_and_a_deprecated_one_says_so()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, await cli.Run("attack", "show", "T1059", "--attack-data", Stix20));
        Assert.Contains("Sub-techniques: T1059.001 PowerShell, T1059.004 Unix Shell", cli.Output);
        Assert.Contains("Data sources: Command: Command Execution, Process: Process Creation", cli.Output);

        using var deprecated = new CliRunner();
        Assert.Equal(0, await deprecated.Run("attack", "show", "T1064", "--attack-data", Stix20));
        Assert.Contains("Deprecated: MITRE no longer maintains T1064", deprecated.Output);
        Assert.Contains("Tactics: Execution, Defense Evasion", deprecated.Output);
    }

    [Theory]
    [InlineData("T1059.01", "'T1059.01' is not an ATT&CK technique ID")]
    [InlineData("TA0002", "'TA0002' is not an ATT&CK technique ID")]
    [InlineData("T9999", "T9999 is not a technique in this ATT&CK bundle")]
    public async Task A_bad_or_unknown_id_is_a_usage_error(string id, string message)
    {
        using var cli = new CliRunner();
        var code = await cli.Run("attack", "show", id, "--attack-data", Stix20);

        Assert.Equal(2, code);
        Assert.Contains("error: " + message, cli.Output);
    }

    [Fact]
    public async Task Unreadable_data_exits_1_with_the_reason()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("page.json"), "<html>not ATT&CK</html>");

        Assert.Equal(1, await cli.Run("attack", "show", "T1059", "--attack-data", cli.PathOf("missing.json")));
        Assert.Contains($"error: cannot read ATT&CK data {cli.PathOf("missing.json")}", cli.Output);

        using var second = new CliRunner();
        Assert.Equal(1, await second.Run("attack", "show", "T1059", "--attack-data", cli.PathOf("page.json")));
        Assert.Contains("is not valid JSON", second.Output);
    }

    [Fact]
    public async Task Reads_a_gzipped_bundle_and_shows_the_release_and_at_most_five_procedures()
    {
        using var cli = new CliRunner();
        var users = Enumerable.Range(1, 7).Select(i =>
            $$"""
            {"type": "intrusion-set", "id": "intrusion-set--{{i}}", "name": "Group {{i}}", "external_references": [{"source_name": "mitre-attack", "external_id": "G{{i:0000}}"}]},
            {"type": "relationship", "id": "relationship--{{i}}", "relationship_type": "uses", "source_ref": "intrusion-set--{{i}}", "target_ref": "attack-pattern--1", "description": "Group {{i}} brute-forced passwords."}
            """);
        var bundle = $$"""
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "x-mitre-collection", "id": "x-mitre-collection--1", "spec_version": "2.1", "x_mitre_version": "18.1"},
              {"type": "attack-pattern", "id": "attack-pattern--1", "spec_version": "2.1", "name": "Brute Force",
               "external_references": [{"source_name": "mitre-attack", "external_id": "T1110"}]},
              {{string.Join(",\n", users)}}
            ]}
            """;
        using (var gzip = new GZipStream(File.Create(cli.PathOf("bundle.json.gz")), CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(bundle));

        Assert.Equal(0, await cli.Run("attack", "show", "T1110", "--attack-data", cli.PathOf("bundle.json.gz")));
        Assert.Contains("ATT&CK v18.1", cli.Output);
        Assert.Contains("Procedure examples (5 of 7)", cli.Output);
        Assert.Contains("G0005 Group 5 (group)", cli.Output);
        Assert.DoesNotContain("G0006 Group 6", cli.Output);
        Assert.Contains("(none in this ATT&CK release)", cli.Output);
        Assert.Contains("Mitigations (0)", cli.Output);
    }

    [Fact]
    public async Task The_option_is_accepted_before_the_subcommand_too()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, await cli.Run("attack", "--attack-data", Stix20, "show", "T1647"));
        Assert.Contains("T1647 Plist File Modification", cli.Output);
    }

    [Fact]
    public async Task Attack_without_a_subcommand_is_a_usage_error()
    {
        using var cli = new CliRunner();
        Assert.Equal(2, await cli.Run("attack"));
    }
}
