using System.CommandLine;
using Azure.Core;
using Azure.Identity;
using Spectre.Console;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Integrations.Sentinel;
using Verdict.Pipeline;

namespace Verdict.Cli.Commands;

/// <summary>
/// Where triage's alerts come from besides INPUT files: --json FILE and --stdin (the same as naming the file or "-"),
/// --incident N (a live pull of a Microsoft Sentinel incident from Log Analytics) with --workspace, and --whole-text.
/// </summary>
public sealed class AlertSourceOptions
{
    public Option<string[]> Json { get; } = new("--json") { Description = "An alert file to read (the same as naming it as INPUT; JSON and Sentinel incident exports are recognised by content); repeatable" };
    public Option<bool> Stdin { get; } = new("--stdin") { Description = "Read alerts from standard input (the same as INPUT -): CSV, JSON, a Sentinel export or plain text" };
    public Option<long?> Incident { get; } = new("--incident") { Description = "Pull Microsoft Sentinel incident N (its IncidentNumber) and its alerts from Log Analytics; uses DefaultAzureCredential, or $" + LogAnalyticsOptions.TokenVariable };
    public Option<string?> Workspace { get; } = new("--workspace") { Description = "Log Analytics workspace id for --incident (default: $" + LogAnalyticsOptions.WorkspaceVariable + "; endpoint: $" + LogAnalyticsOptions.EndpointVariable + ")" };
    public Option<bool> WholeText { get; } = new("--whole-text") { Description = "Read a text input (.txt, .log, plain-text stdin) as one alert instead of one alert per line" };

    public void AddTo(Command command)
    {
        command.Options.Add(Json);
        command.Options.Add(Stdin);
        command.Options.Add(Incident);
        command.Options.Add(Workspace);
        command.Options.Add(WholeText);
    }

    /// <summary>The files to read: INPUT, then --json files, then standard input for --stdin (once).</summary>
    public List<string> Paths(ParseResult parse, IEnumerable<string> inputs)
    {
        var paths = new List<string>(inputs);
        paths.AddRange(parse.GetValue(Json) ?? []);
        if (parse.GetValue(Stdin) && !paths.Contains(InputFiles.Stdin)) paths.Add(InputFiles.Stdin);
        return paths;
    }

    public bool Pulls(ParseResult parse) => parse.GetValue(Incident) is not null;

    /// <summary>Every record of the files, then the pulled incident's. Null (after saying why) when the pull is misconfigured.</summary>
    public async Task<List<ParseResult<Alert>>?> ReadAsync(ParseResult parse, IReadOnlyList<string> paths, CliServices services,
        EnvironmentContext context, FieldMapping mapping, CancellationToken cancellationToken)
    {
        var wholeText = parse.GetValue(WholeText);
        var records = paths.SelectMany(path => InputFiles.ReadAlerts(path, context, services.Stdin, mapping, wholeText)).ToList();
        if (parse.GetValue(Incident) is not { } number) return records;
        if (SentinelOptions(parse, services) is not { } options) return null;
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new LogAnalyticsClient(http, Credential(services), options, services.Time);
        services.Console.MarkupLineInterpolated($"Pulling Sentinel incident {number} from workspace {options.WorkspaceId}");
        records.AddRange(await new SentinelIncidentPull(client).PullAsync(number, context, mapping, cancellationToken));
        return records;
    }

    private LogAnalyticsOptions? SentinelOptions(ParseResult parse, CliServices services)
    {
        var console = services.Console;
        var workspace = parse.GetValue(Workspace) ?? services.Environment(LogAnalyticsOptions.WorkspaceVariable);
        if (string.IsNullOrWhiteSpace(workspace))
        {
            console.MarkupLine($"[red]error:[/] --incident needs the Log Analytics workspace id: pass --workspace ID or set {LogAnalyticsOptions.WorkspaceVariable}");
            return null;
        }
        var endpointText = services.Environment(LogAnalyticsOptions.EndpointVariable);
        var endpoint = LogAnalyticsOptions.DefaultEndpoint;
        if (!string.IsNullOrWhiteSpace(endpointText) && (!Uri.TryCreate(endpointText.Trim(), UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("https" or "http")))
        {
            console.MarkupLineInterpolated($"[red]error:[/] {LogAnalyticsOptions.EndpointVariable} is not an http(s) URL: '{endpointText}'");
            return null;
        }
        return new LogAnalyticsOptions { WorkspaceId = workspace.Trim(), Endpoint = endpoint! };
    }

    /// <summary>A token from the environment when given (never printed), else DefaultAzureCredential (az login, managed identity, environment...).</summary>
    private static TokenCredential Credential(CliServices services) =>
        services.Environment(LogAnalyticsOptions.TokenVariable) is { Length: > 0 } token ? new BearerTokenCredential(token.Trim(), services.Time) : new DefaultAzureCredential();
}
