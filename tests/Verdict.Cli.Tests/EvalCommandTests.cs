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
        Assert.Contains("Expected (rows) vs Verdict's decision (columns)", cli.Output);
        Assert.Contains("escalation recall 100.0 %", cli.Output);
        Assert.Contains("No labeled attack was auto-closed.", cli.Output);
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
        Assert.Contains("Attacks auto-closed (1):", cli.Output);
        Assert.Contains("A1 (mislabelled_scan)", cli.Output);
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
