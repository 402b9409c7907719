using System.Text.Json;

namespace Verdict.Tests;

/// <summary>Vendor-native alerts (tests/data/vendors) through the CLI with no mapping file: `verdict fields` and triage.</summary>
public sealed class VendorFieldsCliTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "vendors", name);

    [Fact]
    public async Task Fields_shows_Falcon_detection_names_as_built_in_aliases()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.Run("fields", Fixture("falcon.json")));

        Assert.Contains("JSON, 1 record(s) read", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"event\.DetectName\s+│ rule\s+│ built-in alias\s+│ CredentialDumping", cli.Output);
        Assert.Matches(@"event\.UserName\s+│ user\s+│ built-in alias\s+│ m\.okafor", cli.Output);
        Assert.Matches(@"event\.ComputerName\s+│ host\s+│ built-in alias", cli.Output);
        Assert.Matches(@"event\.CommandLine\s+│ command_line\s+│ built-in alias", cli.Output);
        Assert.Matches(@"event\.SeverityName\s+│ severity\s+│ built-in alias\s+│ High", cli.Output);
    }

    [Fact]
    public async Task Triage_Suricata_and_GuardDuty_with_no_mapping_gives_a_brief_per_alert_with_its_entities()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.Run("triage", Fixture("suricata.jsonl"), Fixture("guardduty.json"), "--out", cli.PathOf("out")));

        var briefs = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json"))).RootElement.EnumerateArray().ToArray();
        Assert.Equal(5, briefs.Length);
        Assert.All(briefs, b => Assert.False(b.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String, b.ToString()));
        // GuardDuty's access-key user and remote IP are the finding's entities; the envelope's account number is no user.
        var exfil = briefs.Single(b => b.GetProperty("alert_id").GetString() == "c8a1f2d3-4b5e-6f70-8192-a3b4c5d6e7f8").GetProperty("entities").ToString();
        Assert.Contains("app-server-role", exfil, StringComparison.Ordinal);
        Assert.Contains("198.51.100.66", exfil, StringComparison.Ordinal);
    }
}
