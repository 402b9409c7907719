using System.Text.Json;

namespace Verdict.Tests;

public sealed class FeedbackCommandTests
{
    // Six alerts of one rule from the same address that Verdict leaves open (no history, medium severity).
    private static string Alerts() => "alert_id,type,user,date,severity,src_ip\n"
        + string.Concat(Enumerable.Range(1, 6).Select(i => $"A{i},erp_report_filter,user{i},2026-10-28T0{i}:00:00Z,medium,10.1.22.17\n"));

    private static CliRunner Runner()
    {
        var cli = new CliRunner();
        cli.Environment["VERDICT_DATA_DIR"] = cli.PathOf("data");
        File.WriteAllText(cli.PathOf("alerts.csv"), Alerts());
        return cli;
    }

    private static JsonElement Brief(CliRunner cli, string outDir, string id)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(cli.PathOf($"{outDir}/investigation_briefs.json")));
        return json.RootElement.EnumerateArray().Single(b => b.GetProperty("alert_id").GetString() == id).Clone();
    }

    [Fact]
    public async Task Five_benign_verdicts_close_the_next_alert_of_the_rule_with_the_feedback_and_similar_cases_in_its_brief()
    {
        using var cli = Runner();
        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--per-alert", "--out", cli.PathOf("before")));
        Assert.Equal("SUSPICIOUS", Brief(cli, "before", "A6").GetProperty("classification").GetString());

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(0, await cli.Run("feedback", $"A{i}", "--verdict", "BENIGN", "--note", "ERP report filter", "--analyst", "jdoe",
                "--from", cli.PathOf("before/investigation_briefs.json")));
        }
        Assert.Contains("Recorded: A5 BENIGN by jdoe (Verdict said SUSPICIOUS); rule erp_report_filter; 5 verdict(s)", cli.Output);
        Assert.Contains("its alerts now get a benign prior of 1.0 log-odds", cli.Output);

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--per-alert", "--out", cli.PathOf("after")));
        var after = Brief(cli, "after", "A6");
        Assert.Equal(("BENIGN", "auto_close"), (after.GetProperty("classification").GetString(), after.GetProperty("decision").GetString()));
        var evidence = after.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
        Assert.Contains("Analysts closed 5 of 5 past alerts of rule 'erp_report_filter' as benign, none as malicious", evidence);
        Assert.Contains(evidence, d => d.StartsWith("Similar past case A", StringComparison.Ordinal) && d.EndsWith("sharing ip:10.1.22.17): jdoe said BENIGN (ERP report filter)", StringComparison.Ordinal));
        Assert.Contains("Feedback: 5 analyst verdict(s)", cli.Output);

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--per-alert", "--feedback", "off", "--out", cli.PathOf("off")));
        Assert.Equal("SUSPICIOUS", Brief(cli, "off", "A6").GetProperty("classification").GetString());
    }

    [Fact]
    public async Task Suggest_prints_a_suppression_for_the_address_analysts_always_closed()
    {
        using var cli = Runner();
        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out")));
        foreach (var id in new[] { "A1", "A2", "A3" })
            Assert.Equal(0, await cli.Run("feedback", id, "--verdict", "benign", "--from", cli.PathOf("out/investigation_briefs.json")));

        Assert.Equal(0, await cli.Run("feedback", "suggest"));

        var yaml = cli.Output.ReplaceLineEndings("\n");
        Assert.Contains("  - rule: \"erp_report_filter\"\n    match:\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      ip: \"10.1.22.17\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("analysts closed 3 of 3 verdicts on this rule as benign for these entities: A1, A2, A3", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_briefs_file_or_an_unknown_verdict_is_a_usage_error_and_nothing_is_stored()
    {
        using var cli = Runner();

        Assert.Equal(2, await cli.Run("feedback", "A1", "--verdict", "BENIGN", "--from", cli.PathOf("nope.json")));
        Assert.Contains("nope.json: briefs file not found", cli.Output);
        Assert.Equal(2, await cli.Run("feedback", "A1", "--verdict", "maybe"));
        Assert.False(File.Exists(cli.PathOf("data/verdict.db")));
    }

    [Fact]
    public async Task An_unreadable_store_is_reported_and_triage_goes_on_without_feedback()
    {
        using var cli = Runner();
        Directory.CreateDirectory(cli.PathOf("data"));
        File.WriteAllText(cli.PathOf("data/verdict.db"), "this is not a database");

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out")));
        Assert.Contains("Feedback: not used, the store", cli.Output);
        Assert.Equal("SUSPICIOUS", Brief(cli, "out", "A6").GetProperty("classification").GetString());
    }
}
