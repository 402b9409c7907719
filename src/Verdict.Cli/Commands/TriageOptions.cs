using System.CommandLine;
using Spectre.Console;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Attack;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;

namespace Verdict.Cli.Commands;

/// <summary>The options `triage` and `eval` share, and the run they describe.</summary>
public sealed class TriageOptions
{
    public Option<string[]> Logs { get; } = new("--logs") { Description = "Activity logs: CSV (timestamp,user,result,location,ip[,country,city,lat,lon,user_agent,host]) or JSON/NDJSON sign-ins (ECS, OCSF, Sentinel SigninLogs)", AllowMultipleArgumentsPerToken = true };
    public Argument<string[]> Inputs { get; } = new("INPUT") { Description = "Alert files (CSV with a header row; JSON: array, object or NDJSON, Sentinel incident exports; text: .txt/.log, one alert a line); - reads standard input", Arity = ArgumentArity.ZeroOrMore };
    public AlertSourceOptions Sources { get; } = new();
    public Option<string?> Context { get; } = new("--context") { Description = "Organisation context (YAML or JSON): hours, countries, privileged accounts, scanners, VPN, travel" };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder", DefaultValueFactory = _ => "triage-out" };
    public Option<string> Analyst { get; } = new("--analyst") { Description = "Which analyst decides: offline (no model, no network), claude, openai (or any OpenAI-compatible server) or ollama", DefaultValueFactory = _ => "offline" };
    public LlmAnalystOptions Llm { get; } = new();
    public Option<string?> AttackData { get; } = new(AttackCommand.AttackDataOption) { Description = "ATT&CK STIX bundle for technique mapping (default: $VERDICT_ATTACK_DATA, else the cache; triage never downloads)" };
    public Option<string[]> Intel { get; } = new("--intel") { Description = "Local threat-intel feeds: IOC lists (.txt), CSV (type,value,confidence,source) or STIX 2.1 bundles (.json)", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> TorExits { get; } = new("--tor-exits") { Description = "Tor exit-node lists (plain IPs or the Tor project's exit list format)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Assets { get; } = new("--assets") { Description = "Asset inventory CSV: host, owner, business_unit, criticality, data_sensitivity, environment" };
    public Option<string?> Users { get; } = new("--users") { Description = "User directory CSV: user, department, title, manager, privileged, usual_location" };
    public Option<string?> Mapping { get; } = FieldsCommand.MappingOption();
    public GeoIpOptions GeoIp { get; } = new();
    public CorrelationCliOptions Correlation { get; } = new();
    public BaselineCliOptions Baselines { get; } = new();
    public Option<bool> PerAlert { get; } = new("--per-alert") { Description = "Assess every alert on its own instead of grouping a user's alerts into incidents" };
    public Option<string> Feedback { get; } = new Option<string>("--feedback") { Description = "Learn from analysts' recorded verdicts (verdict feedback): on, off, or auto (on when the store has some)", DefaultValueFactory = _ => "auto" }
        .AcceptOnlyFromAmong("on", "off", "auto");

    /// <summary>Reads one input file; null reads it as triage does (eval with --label-field takes the labels out first).</summary>
    public Func<string, EnvironmentContext, FieldMapping?, IEnumerable<ParseResult<Alert>>>? ReadAlerts { get; set; }

    public TriageOptions()
    {
        // A mistyped option ("--lgos") would otherwise be taken for an input file.
        Inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-') && t.Value != InputFiles.Stdin))
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Inputs);
        Sources.AddTo(command);
        AddOptionsTo(command);
    }

    /// <summary>Everything but the inputs (`watch` names its own).</summary>
    public void AddOptionsTo(Command command)
    {
        command.Options.Add(Logs);
        command.Options.Add(Context);
        command.Options.Add(Out);
        command.Options.Add(Analyst);
        command.Options.Add(PerAlert);
        command.Options.Add(Feedback);
        command.Options.Add(AttackData);
        command.Options.Add(Intel);
        command.Options.Add(TorExits);
        command.Options.Add(Assets);
        command.Options.Add(Users);
        command.Options.Add(Mapping);
        GeoIp.AddTo(command);
        Correlation.AddTo(command);
        Baselines.AddTo(command);
        Llm.AddTo(command);
    }

    /// <summary>
    /// Loads context, logs, alerts and enrichment, then triages every input with a progress bar. Null (after printing why) when the run cannot start.
    /// <paramref name="inputs"/>, when given, are read instead of INPUT, --json, --stdin and --incident.
    /// </summary>
    public async Task<(TriageResult Result, EnvironmentContext Context)?> RunAsync(ParseResult parse, CliServices services, CancellationToken cancellationToken,
        IReadOnlyList<string>? inputs = null)
    {
        using var setup = Prepare(parse, services, inputs);
        if (setup is null) return null;
        return await RunHeldAsync(setup, parse, services, cancellationToken) is { } result ? (result, setup.Context) : null;
    }

    /// <summary>Checks the options and loads what every run needs before its alerts: context, mapping, correlation, GeoIP and logs.</summary>
    internal TriageSetup? Prepare(ParseResult parse, CliServices services, IReadOnlyList<string>? inputs = null)
    {
        var console = services.Console;
        var paths = inputs?.ToList() ?? Sources.Paths(parse, parse.GetValue(Inputs) ?? []);
        if (paths.Count == 0 && (inputs is not null || !Sources.Pulls(parse)))
        {
            console.MarkupLine("[red]error:[/] no alerts to read: name alert files (INPUT, --json FILE), - or --stdin for standard input, or --incident N");
            return null;
        }
        var analystName = parse.GetValue(Analyst)!;
        if (!LlmAnalystOptions.Names.Contains(analystName, StringComparer.OrdinalIgnoreCase))
        {
            console.MarkupLineInterpolated($"[red]error:[/] unknown analyst '{analystName}'; available: {string.Join(", ", LlmAnalystOptions.Names)}");
            return null;
        }
        var llm = analystName.Equals(LlmAnalystOptions.Offline, StringComparison.OrdinalIgnoreCase) ? null : Llm.Resolve(parse, analystName, services);
        if (llm is null && !analystName.Equals(LlmAnalystOptions.Offline, StringComparison.OrdinalIgnoreCase)) return null;
        if (File.Exists(parse.GetValue(Out)))
        {
            console.MarkupLineInterpolated($"[red]error:[/] --out {parse.GetValue(Out)} is a file; name a folder");
            return null;
        }
        if (LoadContext(parse, console) is not { } context) return null;
        if (!FieldsCommand.TryLoadMapping(parse.GetValue(Mapping), console, out var mapping)) return null;
        if (Correlation.Load(parse, services) is not { } correlation) return null;
        if (!GeoIp.TryOpen(parse, services, out var geoDatabase)) return null;
        var geo = geoDatabase is null ? null : new CachedGeoLocator(geoDatabase);
        var (logs, logErrors) = InputFiles.LoadLogs(parse.GetValue(Logs) ?? [], context, services.Stdin, geo);
        Report(console, "log skipped", logErrors);
        return new TriageSetup(context, mapping, correlation, logs, logErrors, paths, llm, geo, geoDatabase)
        {
            Rereadable = inputs is null && ReadAlerts is null && !Sources.Pulls(parse) && !paths.Contains(InputFiles.Stdin),
            WholeText = parse.GetValue(Sources.WholeText),
            PerAlert = parse.GetValue(PerAlert),
        };
    }

    /// <summary>Reads every alert, triages them held in memory (the most severe first), then applies feedback and the LLM analyst.</summary>
    internal async Task<TriageResult?> RunHeldAsync(TriageSetup setup, ParseResult parse, CliServices services, CancellationToken cancellationToken)
    {
        var (console, context, paths) = (services.Console, setup.Context, setup.Paths);
        var records = ReadAlerts is not null ? [.. paths.SelectMany(path => ReadAlerts(path, context, setup.Mapping))]
            : !Sources.Pulls(parse) ? [.. paths.SelectMany(path => InputFiles.ReadAlerts(path, context, services.Stdin, setup.Mapping, setup.WholeText))]
            : await Sources.ReadAsync(parse, paths, services, context, setup.Mapping, cancellationToken);
        if (records is null) return null;
        if (setup.Geo is not null) records = GeoEnrichment.Locate(records, setup.Geo);
        setup.ReportGeo(console);
        console.MarkupLineInterpolated($"Triaging [bold]{records.Count:N0}[/] record(s) with {setup.Logs.Count:N0} log events; context: {context.Organization}, times in {context.TimeZone.Id}");
        ReportEmptyFiles(console, paths, records.Select(r => (r.Value?.Source ?? r.Error!.Source).File).ToHashSet());
        var alerts = records.Where(r => r.Success).Select(r => r.Value!).ToList();
        if (await EnrichAsync(parse, services, alerts.SelectMany(a => a.Entities), setup.GeoNotes, cancellationToken) is not { } enrichment) return null;
        var attack = AttackCommand.LoadLocalKnowledgeBase(parse.GetValue(AttackData), services);

        var (baselines, baselineStore) = Baselines.Open(parse, setup.Logs);
        using var __ = baselineStore;
        var run = NewRun(setup, services, enrichment, attack, baselines);
        TriageResult? result = null;
        if (!console.Profile.Capabilities.Interactive) result = run.Run(records, setup.LogErrors, setup.PerAlert); // piped: no progress bar
        else console.Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask("Triaging", maxValue: Math.Max(1, alerts.Count));
            result = run.Run(records, setup.LogErrors, setup.PerAlert, new Progress<int>(n => task.Value = n));
            task.Value = task.MaxValue;
        });
        result = await FeedbackSetup.ApplyAsync(parse.GetValue(Feedback)!, result!, services, cancellationToken);
        if (setup.Llm is not null) result = await LlmAnalystOptions.RunAsync(setup.Llm, result, context, setup.Logs, enrichment, attack, services, cancellationToken, setup.Answers);
        return result;
    }

    /// <summary>Warns about each named input that gave no record at all (an empty file or only a header).</summary>
    internal static void ReportEmptyFiles(IAnsiConsole console, IEnumerable<string> paths, IReadOnlySet<string> read)
    {
        foreach (var empty in paths.Where(path => !read.Contains(path == InputFiles.Stdin ? "stdin" : path)))
            console.MarkupLineInterpolated($"[yellow]{empty}: no records (an empty file or only a header)[/]");
    }

    internal static TriageRun NewRun(TriageSetup setup, CliServices services, EnrichmentView enrichment, AttackKnowledgeBase? attack, IUserBaselineSource? baselines) =>
        new(setup.Context, setup.Logs, new OfflineAnalyst(AnalystOptions.For(setup.Context)), services.Time, attack is null ? null : new TechniqueMapper(attack), enrichment)
        {
            Correlation = setup.Correlation,
            Baselines = baselines,
        };

    private EnvironmentContext? LoadContext(ParseResult parse, IAnsiConsole console)
    {
        if (parse.GetValue(Context) is not { } path) return EnvironmentContext.Default;
        var loaded = ContextLoader.Load(path);
        foreach (var error in loaded.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error}");
        return loaded.Context;
    }

    internal async Task<EnrichmentView?> EnrichAsync(ParseResult parse, CliServices services, IEnumerable<Entity> entities, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var sources = new LocalEnrichment.Sources(parse.GetValue(Intel) ?? [], parse.GetValue(TorExits) ?? [], parse.GetValue(Assets), parse.GetValue(Users));
        var (indicators, inventory, errors) = LocalEnrichment.Load(sources, services.Time.GetUtcNow());
        Report(services.Console, "enrichment source skipped", errors);
        if (indicators.Count + inventory.AssetCount + inventory.UserCount > 0)
            services.Console.MarkupLineInterpolated($"Enrichment: {indicators.Count:N0} indicators from {indicators.Sources.Count} feed(s), {inventory.AssetCount} assets, {inventory.UserCount} users");
        return await IntelSetup.EnrichAsync(entities, indicators, inventory, services, notes, cancellationToken);
    }

    /// <summary>Shows the first unreadable rows of a source and how many more there were (all are counted in the summary).</summary>
    internal static void Report(IAnsiConsole console, string what, List<InputError> errors)
    {
        foreach (var error in errors.Take(20)) console.MarkupLineInterpolated($"[yellow]{what}:[/] {error}");
        if (errors.Count > 20) console.MarkupLineInterpolated($"[yellow]... and {errors.Count - 20} more[/]");
    }
}
