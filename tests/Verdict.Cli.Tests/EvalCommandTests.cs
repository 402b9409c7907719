using System.Text.Json;

namespace Verdict.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Eval_on_the_demo_reports_the_matrix_and_no_closed_attack()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("eval", "--labels", CliRunner.Acme("labels.csv"), CliRunner.Acme("alerts.csv"),
            "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        Assert.Contains("Label (rows) vs Verdict's classification and decision (columns)", cli.Output);
        Assert.Contains("Attack recall 100.0 %", cli.Output);
        Assert.Contains("No labeled attack was closed.", cli.Output);
    }

    [Fact]
    public async Task Eval_exits_3_and_names_the_attack_when_a_labeled_attack_is_auto_closed()
    {
        using var cli = new CliRunner();
        // The scanner's failed logins are benign; labelling them an attack makes Verdict's closure a miss.
        File.WriteAllText(cli.PathOf("alerts.csv"), "alert_id,type,user,date,detail,severity,src_ip\nA1,brute_force,svc-backup,2026-10-31T08:07:48Z,25 failed logins,high,10.20.0.15\n");
        File.WriteAllText(cli.PathOf("labels.csv"), "alert_id,expected_decision,scenario\nA1,escalate,mislabelled_scan\n");

        var code = await cli.Run("eval", "--labels", cli.PathOf("labels.csv"), cli.PathOf("alerts.csv"),
            "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(3, code);
        Assert.Contains("Attacks closed (classified BENIGN or auto-closed) (1):", cli.Output);
        Assert.Contains("A1 (mislabelled_scan; brute_force): expected escalate, got BENIGN / AUTO-CLOSE", cli.Output);
    }

    // As JSON: the scanner's failed logins (closed by Verdict) labeled an attack, and a quiet user's login (left open) labeled benign.
    private const string Labeled = """
        {"alert_id": "W1", "type": "brute_force", "user": "svc-backup", "date": "2026-10-31T08:07:48Z", "detail": "25 failed logins", "severity": "high", "src_ip": "10.20.0.15", "label": "MALICIOUS", "scenario": "attack_from_scanner_ip"}
        {"alert_id": "W2", "type": "login", "user": "nobody", "date": "2026-10-28T08:00:00Z", "severity": "medium", "label": "BENIGN", "scenario": "quiet_user"}
        {"alert_id": "W3", "type": "login", "user": "other", "date": "2026-10-28T08:00:00Z", "severity": "medium"}
        """;

    [Fact]
    public async Task Eval_reads_labels_inside_the_alert_file_and_prints_the_figures_as_json()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("waf.jsonl"), Labeled);

        var code = await cli.Run("eval", cli.PathOf("waf.jsonl"), "--label-field", "label", "--format", "json",
            "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(3, code); // the scanner's address closes the attack
        using var json = JsonDocument.Parse(cli.Output);
        var root = json.RootElement;
        Assert.Equal((3, 2, 1), (root.GetProperty("records").GetInt32(), root.GetProperty("labeled").GetInt32(), root.GetProperty("unlabeled").GetInt32()));
        Assert.Equal((0.0, 1.0), (root.GetProperty("attack_recall").GetDouble(), root.GetProperty("false_positive_rate").GetDouble()));
        Assert.Equal("W1", root.GetProperty("closed_attacks")[0].GetProperty("alert_id").GetString());
        Assert.Equal("attack_from_scanner_ip", root.GetProperty("closed_attacks")[0].GetProperty("scenario").GetString());
        Assert.Equal("W2", root.GetProperty("false_positives")[0].GetProperty("alert_id").GetString());
        Assert.Equal([0, 0, 1], root.GetProperty("confusion_matrix").GetProperty("classification")[0].EnumerateArray().Select(e => e.GetInt32()));
        // The label never reached the analyst: the briefs' alerts carry no label or scenario.
        var briefs = File.ReadAllText(cli.PathOf("out/investigation_briefs.json"));
        Assert.DoesNotContain("MALICIOUS\"", briefs.Replace("\"classification\": \"MALICIOUS\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("attack_from_scanner_ip", briefs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_takes_a_jsonl_labels_file_with_classifications_and_shows_rules_and_scenarios()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("waf.jsonl"), Labeled);
        File.WriteAllText(cli.PathOf("labels.jsonl"), """
            {"id": "W2", "expected": "benign", "scenario": "quiet_user"}
            {"id": "W3", "expected": "malicious", "scenario": "takeover"}
            """);

        var code = await cli.Run("eval", "--labels", cli.PathOf("labels.jsonl"), cli.PathOf("waf.jsonl"),
            "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        Assert.Contains("Labeled alerts: 2 (1 attacks, 1 benign, 0 ambiguous) of 3 records", cli.Output);
        Assert.Contains("Attack recall 100.0 % · false-positive rate 100.0 %", cli.Output);
        Assert.Matches(@"login\s*│\s*2\s*│\s*1/1\s*│\s*0/1", cli.Output);
        Assert.Contains("W2 (quiet_user; login): expected BENIGN, got SUSPICIOUS", cli.Output);
    }

    [Fact]
    public async Task Eval_without_labels_is_a_usage_error()
    {
        using var cli = new CliRunner();
        Assert.Equal(2, await cli.Run("eval", CliRunner.Acme("alerts.csv")));
        Assert.Contains("give the labels", cli.Output);
    }
}

public sealed class EvalAttackCommandTests
{
    [Fact]
    public async Task Eval_attack_scores_the_dev_sets_it_finds()
    {
        using var cli = new CliRunner();
        Directory.CreateDirectory(cli.PathOf("devsets"));
        File.WriteAllText(cli.PathOf("devsets/sigma-rules.jsonl"),
            """{"title": "PowerShell Encoded Command", "description": "Detects powershell with -enc", "detection": {"sel": {"CommandLine|contains": ["powershell -enc"]}}, "techniques": ["T1059.001"]}""" + "\n"
            + """{"title": "Bash reverse shell", "description": "bash -i to /dev/tcp", "detection": {}, "techniques": ["T1059.004"]}""" + "\n");
        var stix = Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-stix20.json");

        var code = await cli.Run("eval", "attack", "--devsets", cli.PathOf("devsets"), "--attack-data", stix);

        Assert.Equal(0, code);
        Assert.Matches(@"sigma-rules\.jsonl\s*│\s*2\s*│\s*100\.0 %", cli.Output);
    }

    [Fact]
    public async Task Eval_attack_without_dev_sets_is_a_clear_error()
    {
        using var cli = new CliRunner();
        Assert.Equal(2, await cli.Run("eval", "attack", "--devsets", cli.PathOf("nowhere")));
        Assert.Contains("dev sets not found", cli.Output);
    }
}
