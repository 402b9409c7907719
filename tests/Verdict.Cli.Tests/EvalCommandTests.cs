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
