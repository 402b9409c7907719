using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Server;
using Verdict.Server.Triage;

namespace Verdict.Cli.Commands;

/// <summary>`verdict serve [--urls U] [--store sqlite|postgres --connection C] [--context F] [--logs F...] [--workers N] [--lease S] [--analyst NAME] [--notify KIND=URL]`: the API, queue workers and console.</summary>
public static class ServeCommand
{
    public static Command Create(CliServices services)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var context = new Option<string?>("--context") { Description = "Organisation context (YAML or JSON)" };
        var logs = new Option<string[]>("--logs") { Description = "Activity logs (CSV) for baselines and timelines, loaded at start", AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int>("--workers") { Description = "Queue workers in this process (0: intake only)", DefaultValueFactory = _ => 2 };
        var lease = new Option<int>("--lease") { Description = "Seconds a worker holds a claimed alert; a stopped worker's alerts return to the queue after this", DefaultValueFactory = _ => 120 };
        var rate = new Option<int>("--rate-limit") { Description = "Requests per minute per API key", DefaultValueFactory = _ => 6000 };
        var analyst = new Option<string>("--analyst") { Description = "Which analyst decides: offline (no model, no network), claude, openai (or any OpenAI-compatible server) or ollama", DefaultValueFactory = _ => LlmAnalystOptions.Offline };
        var store = new StoreOptions();
        var notify = new NotifyOptions();
        var llm = new LlmAnalystOptions();
        var command = new Command("serve", "Run Verdict as a service: REST API (/openapi/v1.json, /scalar), queue workers, analyst console (/console/).") { urls, context, logs, workers, lease, rate, analyst };
        store.AddTo(command);
        notify.AddTo(command);
        llm.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var environment = EnvironmentContext.Default;
            if (parse.GetValue(context) is { } path)
            {
                var loaded = ContextLoader.Load(path);
                foreach (var error in loaded.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error}");
                if (loaded.Context is null) return ExitCodes.Usage;
                environment = loaded.Context;
            }
            if (!notify.TryRead(parse, console, out var targets, out var minimum)) return ExitCodes.Usage;
            var analystName = parse.GetValue(analyst)!;
            if (!LlmAnalystOptions.Names.Contains(analystName, StringComparer.OrdinalIgnoreCase))
            {
                console.MarkupLineInterpolated($"[red]error:[/] unknown analyst '{analystName}'; available: {string.Join(", ", LlmAnalystOptions.Names)}");
                return ExitCodes.Usage;
            }
            var offline = analystName.Equals(LlmAnalystOptions.Offline, StringComparison.OrdinalIgnoreCase);
            var llmOptions = offline ? null : llm.Resolve(parse, analystName, services);
            if (!offline && llmOptions is null) return ExitCodes.Usage;
            if (store.Open(parse, services) is not { } opened) return ExitCodes.Usage;
            var (logStore, logErrors) = InputFiles.LoadLogs(parse.GetValue(logs) ?? [], environment, services.Stdin);
            foreach (var error in logErrors.Take(20)) console.MarkupLineInterpolated($"[yellow]log skipped:[/] {error}");
            logStore.For(""); // sorts the events now, so concurrent triage only reads
            var options = new ServerOptions { Urls = parse.GetValue(urls)!, Workers = Math.Max(0, parse.GetValue(workers)), RequestsPerMinute = Math.Max(1, parse.GetValue(rate)),
                Lease = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(lease))), NotifyTargets = targets, NotifyMinSeverity = minimum };
            ServiceIntel intel;
            try
            {
                intel = ServiceIntel.Create(opened, services.Environment, services.Time);
            }
            catch (ArgumentException e)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return ExitCodes.Usage;
            }
            using var _ = intel;
            using var model = llmOptions is null ? null : ServiceAnalyst.Create(llmOptions, environment, logStore, services.Environment, services.Time);
            var engine = new TriageEngine(environment, logStore, services.Time, model?.Stage) { AnalystName = llmOptions?.Provider ?? LlmAnalystOptions.Offline, Intel = intel.Sources };
            await using var app = await VerdictServer.StartAsync(options, opened, engine, services.Time, cancellationToken: cancellationToken);
            console.MarkupLineInterpolated($"Verdict is listening on [bold]{string.Join(", ", VerdictServer.Urls(app))}[/] ({opened.Describe()}, {logStore.Count:N0} log events, {options.Workers} worker(s))");
            if (llmOptions is not null) console.MarkupLineInterpolated($"LLM analyst: {llmOptions.Provider} (strong {llmOptions.Strong}, fast {llmOptions.Fast}), budget {llmOptions.TokenBudget:N0} tokens / ${llmOptions.CostBudget} for this server's life");
            foreach (var provider in intel.Sources.Providers) console.MarkupLineInterpolated($"Intel: {provider.Name}, cached in the store (shared by every server on it)");
            foreach (var target in targets) console.MarkupLineInterpolated($"Notifications: {target.Display} for escalations at {minimum.Word()} or above");
            console.MarkupLine("Console: /console/  API document: /openapi/v1.json  API reference: /scalar  (Ctrl+C stops)");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
