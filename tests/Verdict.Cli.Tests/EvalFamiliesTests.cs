using System.Globalization;
using System.Text.Json;

namespace Verdict.Tests;

/// <summary>
/// Runs `verdict eval --label-field label` on each family of each labeled set (tests/data/eval, eval2, eval3: three
/// organisations, the later two in vendor-native shapes read without a mapping file) and prints the figures of the
/// analyst as it stands. No thresholds: the sets measure the analyst, they do not gate it. The only assertion is that the
/// run accounts for every record (each one scored, none lost or unlabeled).
/// </summary>
public sealed class EvalFamiliesTests
{
    public static TheoryData<string, string> Sets()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "eval", "eval2", "eval3" })
            foreach (var family in new[] { "identity", "endpoint", "web", "cloud", "email" }) data.Add(folder, family);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Eval_on_each_family_accounts_for_every_record_and_prints_its_figures(string folder, string family)
    {
        using var cli = new CliRunner();
        var set = Path.Combine(CliRunner.RepoRoot(), "tests", "data", folder, family + ".jsonl");
        var records = File.ReadLines(set).Count(l => l.Trim().Length > 0);
        string[] logs = folder == "eval" && family == "identity" ? ["--logs", CliRunner.Acme("auth_logs.csv.gz")] : [];

        var code = await cli.Run(["eval", set, "--label-field", "label", "--format", "json", "--per-alert", "--feedback", "off",
            "--context", Path.Combine(CliRunner.RepoRoot(), "tests", "data", folder, "context.yaml"), "--out", cli.PathOf("out"), .. logs]);

        Assert.Contains(code, new[] { 0, 3 });
        using var json = JsonDocument.Parse(cli.Output);
        var r = json.RootElement;
        int Int(string name) => r.GetProperty(name).GetInt32();
        string Pct(string name) => r.GetProperty(name).GetDouble().ToString("P1", CultureInfo.InvariantCulture);
        Assert.Equal(records, Int("records"));
        Assert.Equal((records, 0, 0), (Int("labeled"), Int("unlabeled"), Int("input_errors")));
        var closed = string.Join(", ", r.GetProperty("closed_attacks").EnumerateArray().Select(a => $"{a.GetProperty("alert_id").GetString()} ({a.GetProperty("scenario").GetString()})"));
        var line = $"{folder + "/" + family,-15} records {records,3} · attacks {Int("attacks"),2} benign {Int("benign"),2} ambiguous {Int("ambiguous")} · attack recall {Pct("attack_recall")} · "
            + $"FP rate {Pct("false_positive_rate")} · benign closed {Pct("benign_closed_rate")} · precision {Pct("precision")} · F1 {r.GetProperty("f1").GetDouble():F3}"
            + (closed.Length > 0 ? $" · attacks closed: {closed}" : "");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage("eval " + line);
    }
}
