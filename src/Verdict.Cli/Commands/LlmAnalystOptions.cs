using System.CommandLine;
using Spectre.Console;
using Verdict.Attack;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Llm.Mcp;
using Verdict.Llm.Tools;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Storage.Logs;

namespace Verdict.Cli.Commands;

/// <summary>
/// `--analyst claude|openai|ollama` and the model settings on `triage` and `eval`: after the offline run, alerts the
/// offline analyst did not settle are investigated by the model (see <see cref="LlmStage"/>). Keys come from the
/// environment only (ANTHROPIC_API_KEY, OPENAI_API_KEY), base URLs from --llm-url or ANTHROPIC_BASE_URL,
/// OPENAI_BASE_URL, OLLAMA_HOST.
/// </summary>
public sealed class LlmAnalystOptions
{
    public const string Offline = "offline";
    public static readonly IReadOnlyList<string> Names = [Offline, .. LlmOptions.Providers];

    public Option<string?> Model { get; } = new("--model") { Description = "Strong model for critical/high alerts (default: claude-sonnet-4-5, gpt-4o, llama3.1:70b)" };
    public Option<string?> FastModel { get; } = new("--fast-model") { Description = "Fast model for medium/low alerts (default: claude-haiku-4-5, gpt-4o-mini, llama3.1:8b)" };
    public Option<string?> Url { get; } = new("--llm-url") { Description = "The provider's base URL (default: $ANTHROPIC_BASE_URL, $OPENAI_BASE_URL or $OLLAMA_HOST)" };
    public Option<long> TokenBudget { get; } = new("--llm-token-budget") { Description = "Stop asking the model after this many tokens in the run (0: no limit)", DefaultValueFactory = _ => 2_000_000 };
    public Option<decimal> CostBudget { get; } = new("--llm-cost-budget") { Description = "Stop asking the model after this estimated cost in USD (0: no limit)", DefaultValueFactory = _ => 5m };
    public Option<int> CritiquePasses { get; } = new("--critique-passes") { Description = "Self-critique passes after the model's first answer", DefaultValueFactory = _ => 2 };
    public Option<int> Concurrency { get; } = new("--llm-concurrency") { Description = "Model calls in flight at most", DefaultValueFactory = _ => 4 };
    public Option<double> Timeout { get; } = new("--llm-timeout") { Description = "Seconds to wait for one model request before it counts as failed (retried, then the alert falls back offline)", DefaultValueFactory = _ => 120 };
    public Option<bool> Pseudonymize { get; } = new("--pseudonymize") { Description = "Send USER_1, HOST_1, IP_1, EMAIL_1 instead of real users, hosts, IPs and emails; the brief shows the real ones" };
    public Option<string[]> SendFields { get; } = new("--llm-fields") { Description = "Only these alert fields are sent to the model (default: all)", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> McpServers { get; } = new("--mcp-server") { Description = "An external MCP server (stdio) whose read-only tools the model may call: \"name=command args\" (repeatable)" };

    public Option<string[]> Prices { get; } = new("--llm-price") { Description = "A model's price in USD per million tokens, overriding the built-in table: MODEL=INPUT/OUTPUT/CACHE_READ/CACHE_WRITE, e.g. claude-sonnet-4-5=3/15/0.3/3.75 (repeatable; MODEL matches by prefix)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, FastModel, Url, TokenBudget, CostBudget, CritiquePasses, Concurrency, Timeout, Pseudonymize, SendFields, McpServers, Prices }) command.Options.Add(option);
    }

    /// <summary>The model options for a provider name, or null after printing why they cannot be used.</summary>
    internal LlmOptions? Resolve(ParseResult parse, string provider, CliServices services)
    {
        Uri? url = null;
        if (parse.GetValue(Url) is { Length: > 0 } text && !Uri.TryCreate(text, UriKind.Absolute, out url))
        {
            services.Console.MarkupLineInterpolated($"[red]error:[/] --llm-url '{text}' is not an absolute URL");
            return null;
        }
        if (ParsePrices(parse.GetValue(Prices) ?? [], services) is not { } prices) return null;
        if (parse.GetValue(Timeout) is not (> 0 and <= 3600) and var seconds)
        {
            services.Console.MarkupLineInterpolated($"[red]error:[/] --llm-timeout {seconds} should be a number of seconds above 0 and at most 3600");
            return null;
        }
        var options = new LlmOptions
        {
            Prices = prices,
            Provider = provider.ToLowerInvariant(), StrongModel = parse.GetValue(Model), FastModel = parse.GetValue(FastModel), BaseUrl = url,
            TokenBudget = parse.GetValue(TokenBudget), CostBudget = parse.GetValue(CostBudget), CritiquePasses = parse.GetValue(CritiquePasses),
            MaxConcurrency = parse.GetValue(Concurrency), Timeout = TimeSpan.FromSeconds(parse.GetValue(Timeout)), Pseudonymize = parse.GetValue(Pseudonymize),
            SendFields = parse.GetValue(SendFields) is { Length: > 0 } fields ? new HashSet<string>(fields, StringComparer.OrdinalIgnoreCase) : null,
            McpServers = parse.GetValue(McpServers) ?? [],
        };
        var errors = options.Validate(services.Environment);
        foreach (var error in errors) services.Console.MarkupLineInterpolated($"[red]error:[/] {error}");
        return errors.Count == 0 ? options : null;
    }

    /// <summary>The built-in price table with the --llm-price entries laid over it, or null after printing the bad entry.</summary>
    private static Dictionary<string, ModelPrice>? ParsePrices(string[] entries, CliServices services)
    {
        var prices = new Dictionary<string, ModelPrice>(LlmOptions.DefaultPrices, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var (model, figures) = eq < 0 ? ("", "") : (entry[..eq], entry[(eq + 1)..]);
            var parts = figures.Split('/');
            var values = parts.Select(p => decimal.TryParse(p.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : (decimal?)null).ToList();
            if (model.Trim().Length == 0 || values.Count != 4 || values.Any(v => v is null))
            {
                services.Console.MarkupLineInterpolated($"[red]error:[/] --llm-price '{entry}' should be MODEL=INPUT/OUTPUT/CACHE_READ/CACHE_WRITE in USD per million tokens, e.g. claude-sonnet-4-5=3/15/0.3/3.75");
                return null;
            }
            prices[model.Trim()] = new ModelPrice(values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value);
        }
        return prices;
    }

    /// <summary>Runs the LLM stage over the offline result, with the run's logs, enrichment and ATT&amp;CK data as tools.</summary>
    internal static async Task<TriageResult> RunAsync(LlmOptions options, TriageResult result, EnvironmentContext context, LogStore logs,
        EnrichmentView enrichment, AttackKnowledgeBase? attack, CliServices services, CancellationToken cancellationToken,
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? answers = null)
    {
        using var duck = logs.Count > 0 ? DuckLogStore.Create(logs.All) : null;
        var (pastCases, problem) = await PastCases.LoadAsync(Storage.StorePaths.DefaultDatabaseFile(services.Environment), cancellationToken);
        if (problem is not null) services.Console.MarkupLineInterpolated($"[yellow]{problem}[/]");
        await using var external = await ExternalMcpTools.ConnectAsync(options.McpServers, cancellationToken);
        foreach (var note in external.Notes) services.Console.MarkupLineInterpolated($"{note}");
        var data = new ToolData(context, logs, enrichment, services.Time)
        {
            LogStore = duck, Attack = attack, Mapper = attack is null ? null : new TechniqueMapper(attack), PastCases = pastCases.Search,
            ExtraTools = external.Tools,
        };
        using var analyst = new LlmAnalyst(options, model => ChatProviders.Create(options, model, services.Environment, services.Time), data, services.Time, answers: answers);
        services.Console.MarkupLineInterpolated($"LLM analyst: {options.Provider} (strong {options.Strong}, fast {options.Fast}), budget {options.TokenBudget:N0} tokens / ${options.CostBudget}");
        var after = await new LlmStage(analyst, options).RunAsync(result, cancellationToken);
        foreach (var note in after.AnalystNotes) services.Console.MarkupLineInterpolated($"[grey]{note}[/]");
        if (analyst.Circuit.Opened > 0)
            services.Console.MarkupLineInterpolated($"[yellow]The model provider kept failing: it was not called for {options.CircuitCoolDown.TotalMinutes:0.#} min after {options.CircuitThreshold} failed calls in a row ({analyst.Circuit.Opened} time(s)); those alerts kept their offline assessment.[/]");
        return after;
    }
}
