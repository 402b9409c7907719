using System.CommandLine;
using Spectre.Console;
using Verdict.Analysis;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Pipeline;

namespace Verdict.Cli.Commands;

/// <summary>The options `triage` and `eval` share, and the run they describe.</summary>
public sealed class TriageOptions
{
    public Argument<string[]> Inputs { get; } = new("INPUT") { Description = "Alert files (CSV with a header row); - reads standard input", Arity = ArgumentArity.OneOrMore };
    public Option<string[]> Logs { get; } = new("--logs") { Description = "Activity logs (CSV: timestamp,user,result,location,ip[,country,city,lat,lon,user_agent,host])", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Context { get; } = new("--context") { Description = "Organisation context (YAML or JSON): hours, countries, privileged accounts, scanners, VPN, travel" };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder", DefaultValueFactory = _ => "triage-out" };
    public Option<string> Analyst { get; } = new("--analyst") { Description = "Which analyst decides: offline (no model, no network)", DefaultValueFactory = _ => "offline" };
    public Option<string?> AttackData { get; } = new(AttackCommand.AttackDataOption) { Description = "ATT&CK STIX bundle for technique mapping (default: $VERDICT_ATTACK_DATA, else the cache; triage never downloads)" };
    public Option<string[]> Intel { get; } = new("--intel") { Description = "Local threat-intel feeds: IOC lists (.txt), CSV (type,value,confidence,source) or STIX 2.1 bundles (.json)", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> TorExits { get; } = new("--tor-exits") { Description = "Tor exit-node lists (plain IPs or the Tor project's exit list format)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Assets { get; } = new("--assets") { Description = "Asset inventory CSV: host, owner, business_unit, criticality, data_sensitivity, environment" };
    public Option<string?> Users { get; } = new("--users") { Description = "User directory CSV: user, department, title, manager, privileged, usual_location" };
    public GeoIpOptions GeoIp { get; } = new();
    public Option<bool> PerAlert { get; } = new("--per-alert") { Description = "Assess every alert on its own instead of grouping a user's alerts into incidents" };

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
        command.Options.Add(Logs);
        command.Options.Add(Context);
        command.Options.Add(Out);
        command.Options.Add(Analyst);
        command.Options.Add(PerAlert);
        command.Options.Add(AttackData);
        command.Options.Add(Intel);
        command.Options.Add(TorExits);
        command.Options.Add(Assets);
        command.Options.Add(Users);
        GeoIp.AddTo(command);
    }

    /// <summary>Loads context and logs, then triages every input with a progress bar. Null (after printing why) when the run cannot start.</summary>
    public (TriageResult Result, EnvironmentContext Context)? Run(ParseResult parse, CliServices services)
    {
        var console = services.Console;
        var analystName = parse.GetValue(Analyst)!;
        if (!analystName.Equals("offline", StringComparison.OrdinalIgnoreCase))
        {
            console.MarkupLineInterpolated($"[red]error:[/] unknown analyst '{analystName}'; available: offline");
            return null;
        }
        var context = EnvironmentContext.Default;
        if (parse.GetValue(Context) is { } contextPath)
        {
            var loaded = ContextLoader.Load(contextPath);
            foreach (var error in loaded.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error}");
            if (loaded.Context is null) return null;
            context = loaded.Context;
        }
        if (!GeoIp.TryOpen(parse, services, out var geoDatabase)) return null;
        using var _ = geoDatabase;
        var geo = geoDatabase is null ? null : new CachedGeoLocator(geoDatabase);
        var (logs, logErrors) = InputFiles.LoadLogs(parse.GetValue(Logs) ?? [], context, services.Stdin, geo);
        foreach (var error in logErrors.Take(20)) console.MarkupLineInterpolated($"[yellow]log skipped:[/] {error}");
        if (logErrors.Count > 20) console.MarkupLineInterpolated($"[yellow]... and {logErrors.Count - 20} more unreadable log rows[/]");

        var records = parse.GetValue(Inputs)!.SelectMany(path => InputFiles.ReadAlerts(path, context, services.Stdin)).ToList();
        if (geo is not null)
        {
            records = GeoEnrichment.Locate(records, geo);
            console.MarkupLineInterpolated($"GeoIP placed {geo.Located:N0} of {geo.Addresses:N0} distinct addresses in the logs and alerts");
            if (geoDatabase!.LookupErrors > 0) console.MarkupLineInterpolated($"[yellow]GeoIP: {geoDatabase.LookupErrors} lookup(s) failed on damaged database records[/]");
        }
        console.MarkupLineInterpolated($"Triaging [bold]{records.Count:N0}[/] record(s) with {logs.Count:N0} log events; context: {context.Organization}, times in {context.TimeZone.Id}");
        var sources = new LocalEnrichment.Sources(parse.GetValue(Intel) ?? [], parse.GetValue(TorExits) ?? [], parse.GetValue(Assets), parse.GetValue(Users));
        var (indicators, inventory, sourceErrors) = LocalEnrichment.Load(sources, services.Time.GetUtcNow());
        foreach (var error in sourceErrors.Take(20)) console.MarkupLineInterpolated($"[yellow]enrichment source skipped:[/] {error}");
        var enrichment = LocalEnrichment.Enrich(records.Where(r => r.Success).Select(r => r.Value!), indicators, inventory, services.Time, geo is null ? [GeoEnrichment.NotUsed] : []);
        if (indicators.Count + inventory.AssetCount + inventory.UserCount > 0)
            console.MarkupLineInterpolated($"Enrichment: {indicators.Count:N0} indicators from {indicators.Sources.Count} feed(s), {inventory.AssetCount} assets, {inventory.UserCount} users");
        var attack = AttackCommand.LoadLocalKnowledgeBase(parse.GetValue(AttackData), services);
        var run = new TriageRun(context, logs, new OfflineAnalyst(new AnalystOptions()), services.Time, attack is null ? null : new TechniqueMapper(attack), enrichment);
        TriageResult? result = null;
        console.Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask("Triaging", maxValue: Math.Max(1, records.Count(r => r.Success)));
            result = run.Run(records, logErrors, parse.GetValue(PerAlert), new Progress<int>(n => task.Value = n));
            task.Value = task.MaxValue;
        });
        return (result!, context);
    }
}
