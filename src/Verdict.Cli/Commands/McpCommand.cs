using System.CommandLine;
using Spectre.Console;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Mcp;
using Verdict.Llm.Tools;
using Verdict.Pipeline;
using Verdict.Storage.Logs;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict mcp [--logs F...] [--context F] [--intel F...] [--assets F] [--users F] [--attack-data F]`: serves the
/// analyst's read-only tools over MCP on standard input and output. Notes go to standard error, never to stdout.
/// </summary>
public static class McpCommand
{
    public static Command Create(CliServices services)
    {
        var logs = new Option<string[]>("--logs") { Description = "Activity logs (CSV) for query_logs and user_baseline", AllowMultipleArgumentsPerToken = true };
        var context = new Option<string?>("--context") { Description = "Organisation context (YAML or JSON)" };
        var intel = new Option<string[]>("--intel") { Description = "Local threat-intel feeds for enrich_ip and enrich_hash", AllowMultipleArgumentsPerToken = true };
        var assets = new Option<string?>("--assets") { Description = "Asset inventory CSV for lookup_asset" };
        var users = new Option<string?>("--users") { Description = "User directory CSV for lookup_user" };
        var attackData = new Option<string?>(AttackCommand.AttackDataOption) { Description = "ATT&CK STIX bundle for lookup_attack_technique and search_attack" };
        var command = new Command("mcp", "Serve the read-only triage tools (query_logs, enrich_ip, lookup_user, search_attack, ...) to other agents over MCP (stdio).")
        {
            logs, context, intel, assets, users, attackData,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = services.Error;
            var quiet = services with { Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) }) };
            var environment = EnvironmentContext.Default;
            if (parse.GetValue(context) is { } path)
            {
                var loaded = ContextLoader.Load(path);
                foreach (var e in loaded.Errors) await error.WriteLineAsync($"error: {e}");
                if (loaded.Context is null) return ExitCodes.Usage;
                environment = loaded.Context;
            }
            var (store, logErrors) = InputFiles.LoadLogs(parse.GetValue(logs) ?? [], environment, services.Stdin);
            foreach (var e in logErrors.Take(20)) await error.WriteLineAsync($"log skipped: {e}");
            var (indicators, inventory, errors) = LocalEnrichment.Load(new LocalEnrichment.Sources(parse.GetValue(intel) ?? [], [], parse.GetValue(assets), parse.GetValue(users)), services.Time.GetUtcNow());
            foreach (var e in errors.Take(20)) await error.WriteLineAsync($"enrichment source skipped: {e}");
            var attack = AttackCommand.LoadLocalKnowledgeBase(parse.GetValue(attackData), quiet);
            using var duck = store.Count > 0 ? DuckLogStore.Create(store.All) : null;
            var (pastCases, problem) = await PastCases.LoadAsync(Storage.StorePaths.DefaultDatabaseFile(services.Environment), cancellationToken);
            if (problem is not null) await error.WriteLineAsync(problem);
            var data = new ToolData(environment, store, new EnrichmentView(new Dictionary<Alerts.Entity, IReadOnlyList<IntelResult>>(), inventory, []), services.Time)
            {
                LogStore = duck, Attack = attack, Mapper = attack is null ? null : new TechniqueMapper(attack), PastCases = pastCases.Search,
                LiveIntel = indicators.Count > 0 ? [new LocalFeedProvider(indicators, services.Time)] : [],
            };
            await error.WriteLineAsync($"verdict mcp: serving {ToolSet.ReadOnly(new TriageTools(data)).Count} read-only tools on stdio ({store.Count:N0} log events, {pastCases.Count:N0} past analyst verdicts)");
            await TriageMcpServer.RunStdioAsync(new TriageTools(data), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
