using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Verdict.Analysis;
using Verdict.Cli;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Enrichment;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Llm.Tools;
using Verdict.Pipeline;
using Verdict.Samples;
using Verdict.Tests.Support;

namespace Verdict.Bench;

/// <summary>
/// `llm [--alerts 1500] [--critique-passes N]`: the LLM economy on the demo company's noisy stream (the generator of
/// `verdict demo --alerts N`) against a local Anthropic Messages API server that counts calls and tokens
/// (<see cref="CountingModel"/>). Two runs over the same alerts:
/// 1. Verdict: `verdict triage ... --analyst claude --llm-url LOCAL` in-process, through the CLI (offline settling,
///    dedup and flood sharing, fast/strong routing, fast first pass, critique passes), budgets off.
/// 2. Naive: one call per alert: the same analyst and stage with nothing settled offline (clear-case threshold above
///    1), dedup and flood cap off, no critique passes and no fast first pass, so every alert costs exactly one call.
/// </summary>
internal static class LlmBench
{
    public static async Task<int> Run(string[] args)
    {
        var alerts = long.Parse(Value(args, "--alerts") ?? "1500", CultureInfo.InvariantCulture);
        var passes = Value(args, "--critique-passes") ?? "2";
        var root = Directory.CreateTempSubdirectory("verdict-bench-llm-");
        try
        {
            var dir = root.FullName;
            DemoCompany.Write(dir, new DemoOptions(Alerts: alerts));
            Console.WriteLine($"demo company: {alerts:N0} alerts (200 employees, 30 days of sign-in logs); model: local Anthropic Messages API server, ~4 characters a token");
            Console.WriteLine($"{"run",-34} | {"alerts",6} | {"by model",8} | {"calls",6} | {"strong",6} | {"/1k alerts",8} | {"input/al",8} | {"cached/a",8} | {"cwrite/a",8} | {"out/al",7} | {"cached%",7}");

            var economy = new CountingModel();
            var (count, byModel, notes) = await Economy(dir, economy, passes);
            Print($"verdict (critique passes {passes})", count, byModel, economy);

            var naive = new CountingModel();
            var naiveCount = await Naive(dir, naive);
            Print("naive: one call per alert", naiveCount, naiveCount, naive);
            foreach (var note in notes) Console.WriteLine(note);
            return 0;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Print(string run, long alerts, long byModel, CountingModel model) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{run,-34} | {alerts,6:N0} | {byModel,8:N0} | {model.Calls,6:N0} | {model.StrongCalls,6:N0} | {model.Describe(alerts)}"));

    /// <summary>`verdict triage --analyst claude` over the demo alerts; returns the alerts, how many the model decided, and the run's LLM notes.</summary>
    private static async Task<(long Alerts, long ByModel, List<string> Notes)> Economy(string dir, CountingModel model, string passes)
    {
        await using var server = new AnthropicServer((body, _) => model.Reply(body));
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 400;
        var services = new CliServices(console, TimeProvider.System, () => Stream.Null) { Environment = name => Environment(name, dir) };
        var code = await VerdictApp.RunAsync(["triage", Path.Combine(dir, "alerts.csv"), "--logs", Path.Combine(dir, "auth_logs.csv"), "--context", Path.Combine(dir, "context.yaml"),
            "--out", Path.Combine(dir, "out"), "--analyst", "claude", "--llm-url", server.BaseUrl.ToString(), "--critique-passes", passes,
            "--llm-token-budget", "0", "--llm-cost-budget", "0", "--quiet"], services, CancellationToken.None);
        if (code != 0) throw new InvalidOperationException($"verdict triage exited {code}:\n{output}");
        var briefs = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "out", "investigation_briefs.json")))!.AsArray();
        var asked = briefs.Where(b => ((string?)b!["analyst"])?.StartsWith("claude-", StringComparison.Ordinal) == true && b["duplicate_of"] is null && b["assessed_with"] is null).ToList();
        var why = string.Join(", ", asked.GroupBy(b => $"{(string?)b!["offline_classification"]} {(string?)b["alert"]?["type"]}").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
        var notes = output.ToString().Split('\n').Where(l => l.Contains("LLM analyst", StringComparison.Ordinal) || l.Contains("fold", StringComparison.OrdinalIgnoreCase) || l.Contains("flood", StringComparison.OrdinalIgnoreCase))
            .Select(l => "  " + l.Trim()).Append($"  sent to the model (offline classification, rule): {why}").Append($"  cacheable prefix (tools + system prompt): ~{model.PrefixTokens:N0} tokens").ToList();
        return (briefs.Count, asked.Count, notes);
    }

    /// <summary>Every alert to the model once: nothing settled offline, nothing shared, no critique, no fast first pass.</summary>
    private static async Task<long> Naive(string dir, CountingModel model)
    {
        await using var server = new AnthropicServer((body, _) => model.Reply(body));
        var context = ContextLoader.Load(Path.Combine(dir, "context.yaml")).Context!;
        var (logs, logErrors) = InputFiles.LoadLogs([Path.Combine(dir, "auth_logs.csv")], context, () => Stream.Null);
        var records = InputFiles.ReadAlerts(Path.Combine(dir, "alerts.csv"), context, () => Stream.Null).ToList();
        var run = new TriageRun(context, logs, new OfflineAnalyst(AnalystOptions.For(context)), TimeProvider.System, null, EnrichmentView.None)
        {
            Correlation = new CorrelationOptions { DedupWindow = TimeSpan.Zero, Flood = new FloodOptions { Threshold = 0 } },
        };
        var result = run.Run(records, logErrors);
        var options = new LlmOptions { BaseUrl = server.BaseUrl, CritiquePasses = 0, FastFirstPass = false, ShareWithinIncident = false, TokenBudget = 0, CostBudget = 0 };
        var data = new ToolData(context, logs, EnrichmentView.None, TimeProvider.System);
        using var analyst = new LlmAnalyst(options, name => ChatProviders.Create(options, name, n => Environment(n, dir), TimeProvider.System), data, TimeProvider.System);
        var after = await new LlmStage(analyst, options, clearConfidence: 2.0).RunAsync(result);
        return after.Alerts.Count;
    }

    /// <summary>The runs' environment: a made-up key for the local server, and a data folder of their own (no past cases).</summary>
    private static string? Environment(string name, string dir) => name switch
    {
        "ANTHROPIC_API_KEY" => AnthropicServer.Key,
        "VERDICT_DATA_DIR" => Path.Combine(dir, "data"),
        _ when name.EndsWith("_API_KEY", StringComparison.Ordinal) || name.EndsWith("_BASE_URL", StringComparison.Ordinal) => null,
        _ => System.Environment.GetEnvironmentVariable(name),
    };

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
