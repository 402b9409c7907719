using System.Text.Json;

namespace Verdict.Tests;

/// <summary>--suppressions, --dedup-window and --baselines as a user meets them: the console and the brief file.</summary>
public sealed class PrefilterCliTests
{
    private const string Rules = """
        suppressions:
          - id: SCAN-1
            owner: alice@acme
            reason: Weekly vulnerability scan from 10.20.0.15
            expires: 2026-12-31
            match:
              rule: brute_force
              source_ip: 10.20.0.0/24
          - id: OLD-1
            owner: bob@acme
            reason: Old project
            expires: 2026-01-31
            match: { user: erin }
        """;

    private static Dictionary<string, JsonElement> Briefs(CliRunner cli) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json"))).RootElement.EnumerateArray()
            .ToDictionary(b => b.GetProperty("alert_id").GetString()!);

    [Fact]
    public async Task Suppressed_alerts_are_closed_with_their_rule_counted_and_expired_rules_reported()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("supp.yaml"), Rules);

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--context", CliRunner.Acme("context.yaml"),
            "--suppressions", cli.PathOf("supp.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        Assert.Contains($"warning: suppression rule 'OLD-1' (owner bob@acme) expired on 2026-01-31 and is not applied ({cli.PathOf("supp.yaml")}:9)", cli.Output.Replace("\n", "", StringComparison.Ordinal));
        Assert.Matches(@"SUPPRESSED \| ALR-0007 \| svc-backup \| brute_force \| rule SCAN-1", cli.Output);
        Assert.Contains("Pre-filter: 2 suppressed, 0 duplicate(s) folded, 0 overflow incident(s); 18 analysed.", cli.Output);
        var briefs = Briefs(cli);
        Assert.Equal(20, briefs.Count);
        var scan = briefs["ALR-0008"];
        Assert.Equal("auto_close", scan.GetProperty("decision").GetString());
        Assert.Equal("SCAN-1", scan.GetProperty("suppressed").GetProperty("rule").GetString());
        Assert.Equal("alice@acme", scan.GetProperty("suppressed").GetProperty("owner").GetString());
        Assert.Contains("rule 'SCAN-1'", scan.GetProperty("decision_reason").GetString(), StringComparison.Ordinal);
        Assert.False(scan.TryGetProperty("incident_id", out _));
        Assert.False(briefs["ALR-0011"].TryGetProperty("suppressed", out _)); // erin: the expired rule
    }

    [Fact]
    public async Task A_broken_suppression_file_stops_the_run_naming_file_and_line()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("supp.yaml"), "- id: A\n  owner: o\n  reason: r\n  expires: 2026-12-31\n  match: { colour: red }\n");

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--suppressions", cli.PathOf("supp.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(2, code);
        Assert.Contains($"{cli.PathOf("supp.yaml")}:5: unknown match field 'colour'", cli.Output.Replace("\n", "", StringComparison.Ordinal));
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }

    [Fact]
    public async Task Repeats_fold_into_the_first_within_the_dedup_window_and_every_id_stays()
    {
        using var cli = new CliRunner();
        File.WriteAllLines(cli.PathOf("alerts.csv"),
        [
            "alert_id,type,user,date,detail,severity,src_ip",
            "R1,brute_force,bob,2026-10-31T06:18:25Z,45 failed logins,high,185.220.101.34",
            "R2,brute_force,bob,2026-10-31T06:28:25Z,52 failed logins,high,185.220.101.34",
            "X1,brute_force,carol,2026-10-31T06:28:25Z,5 failed logins,high,185.220.101.34",
            "R3,brute_force,bob,2026-10-31T07:00:00Z,60 failed logins,high,185.220.101.34",
        ]);

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--dedup-window", "30m", "--out", cli.PathOf("out")));

        var briefs = Briefs(cli);
        Assert.Equal(["R1", "R2", "X1", "R3"], briefs.Keys);
        Assert.Equal(1, briefs["R1"].GetProperty("duplicates").GetInt32());
        Assert.Equal(["R2"], briefs["R1"].GetProperty("duplicate_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("R1", briefs["R2"].GetProperty("duplicate_of").GetString());
        Assert.Equal(briefs["R1"].GetProperty("decision").GetString(), briefs["R2"].GetProperty("decision").GetString());
        Assert.False(briefs["R3"].TryGetProperty("duplicate_of", out _)); // 41 minutes after R1
        Assert.Contains("1 duplicate(s) folded", cli.Output, StringComparison.Ordinal);

        using var off = new CliRunner();
        Assert.Equal(0, await off.Run("triage", cli.PathOf("alerts.csv"), "--dedup-window", "0", "--out", off.PathOf("out")));
        Assert.DoesNotContain(Briefs(off).Values, b => b.TryGetProperty("duplicate_of", out _));
        Assert.Equal(2, await off.Run("triage", cli.PathOf("alerts.csv"), "--dedup-window", "soon"));
    }

    [Fact]
    public async Task DuckDb_baselines_give_the_same_briefs_as_in_memory_ones()
    {
        async Task<List<string>> Run(string source)
        {
            using var cli = new CliRunner();
            Assert.Equal(0, await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"),
                "--context", CliRunner.Acme("context.yaml"), "--baselines", source, "--quiet", "--out", cli.PathOf("out")));
            return [.. Briefs(cli).Values.Select(b => $"{b.GetProperty("alert_id")} {b.GetProperty("decision")} {b.GetProperty("malicious_probability")} {b.GetProperty("likely_cause")}")];
        }

        Assert.Equal(await Run("memory"), await Run("duckdb"));
    }
}
