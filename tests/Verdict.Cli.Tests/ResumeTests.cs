using System.Diagnostics;
using System.Text.Json.Nodes;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>`triage --resume`: a run killed halfway continues without asking the model again what it already answered.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task A_run_killed_with_kill_9_then_resumed_asks_nothing_twice_and_writes_every_alert_once()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, await cli.Run("demo", "--out", cli.PathOf("demo"), "--alerts", "120", "--employees", "30", "--days", "7"));
        var alertIds = File.ReadLines(Path.Combine(cli.PathOf("demo"), "alerts.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        string[] Args(string outDir) =>
        [
            "triage", Path.Combine(cli.PathOf("demo"), "alerts.csv"), "--logs", Path.Combine(cli.PathOf("demo"), "auth_logs.csv"),
            "--context", Path.Combine(cli.PathOf("demo"), "context.yaml"), "--out", outDir, "--analyst", "claude",
            "--critique-passes", "0", "--llm-concurrency", "1", "-q",
        ];
        static HttpReply Unsure() => AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS", "MEDIUM", 0.6));

        // The whole run once, uninterrupted: how many calls it takes.
        int whole;
        await using (var server = new AnthropicServer((_, _) => Unsure()))
        {
            Assert.Equal(0, await Verdict(server, Args(cli.PathOf("whole"))).WaitAsync());
            whole = server.Count;
        }
        Assert.True(whole >= 6, $"the demo should need several model calls ({whole})");

        // The same run, killed while the model is busy with its fourth call (three answers are in the checkpoint by then).
        const int Answered = 3;
        using var fourthCall = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        await using var model = new AnthropicServer((_, n) =>
        {
            if (n == Answered)
            {
                fourthCall.Set();
                release.Wait(TimeSpan.FromSeconds(60));
            }
            return Unsure();
        });
        var outDir = cli.PathOf("out");
        var victim = Verdict(model, Args(outDir));
        Assert.True(fourthCall.Wait(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken), "the run never reached its fourth model call");
        victim.Kill(entireProcessTree: true); // SIGKILL: nothing is flushed or cleaned up
        await victim.WaitForExitAsync(TestContext.Current.CancellationToken);
        release.Set();
        var before = model.Requests.Take(Answered).Select(r => r.Body).ToHashSet();
        Assert.False(File.Exists(Path.Combine(outDir, "investigation_briefs.json")), "a killed run leaves no half report in place");

        var resumed = Verdict(model, [.. Args(outDir), "--resume"]);
        Assert.Equal(0, await resumed.WaitAsync());

        var after = model.Requests.Skip(Answered + 1).Select(r => r.Body).ToList();
        Assert.DoesNotContain(after, before.Contains); // nothing answered before the kill is asked again
        Assert.Equal(whole - Answered, after.Count);   // the unanswered fourth call and the rest, once each
        var briefs = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "investigation_briefs.json")))!.AsArray();
        Assert.Equal(alertIds, briefs.Select(b => (string?)b!["alert_id"]));
        Assert.Contains($"{Answered} model answer(s) in its checkpoint", resumed.Output, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"{whole} calls in the whole run; killed after {Answered}; the resumed run sent {after.Count}");
    }

    [Fact]
    public async Task Resume_without_a_checkpoint_or_with_other_inputs_is_a_clear_error()
    {
        using var cli = new CliRunner();
        string[] args = ["triage", CliRunner.Acme("alerts.csv"), "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"), "-q"];

        Assert.Equal(2, await cli.Run([.. args, "--resume"]));
        Assert.Contains("nothing to resume", cli.Output, StringComparison.Ordinal);

        Assert.Equal(0, await cli.Run(args));
        Assert.Equal(2, await cli.Run([.. args, "--per-alert", "--resume"]));
        Assert.Contains("is for another run", cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal(0, await cli.Run([.. args, "--resume"])); // the same run again: fine, nothing to ask a model
    }

    /// <summary>`verdict ARGS` as its own process, talking to the local model server.</summary>
    private static RunningVerdict Verdict(AnthropicServer server, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verdict.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        start.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString();
        start.Environment["VERDICT_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "verdict-resume-" + Guid.NewGuid().ToString("N"));
        return new RunningVerdict(Process.Start(start)!);
    }

    private sealed class RunningVerdict
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        public RunningVerdict(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>What it printed, whitespace folded (the console wraps long lines at 80 columns when piped).</summary>
        public string Output { get { lock (_output) return System.Text.RegularExpressions.Regex.Replace(_output.ToString(), @"\s+", " "); } }

        public void Kill(bool entireProcessTree) => _process.Kill(entireProcessTree);

        public Task WaitForExitAsync(CancellationToken token) => _process.WaitForExitAsync(token);

        public async Task<int> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
    }
}
