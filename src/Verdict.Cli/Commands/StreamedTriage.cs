using System.CommandLine;
using Spectre.Console;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Cli.Output;
using Verdict.Enrichment;
using Verdict.Feedback;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Reporting.Notifications;

namespace Verdict.Cli.Commands;

/// <summary>
/// `triage` on inputs too large to hold (<c>--stream</c>, or alert files above <see cref="AutoBytes"/>): the files are
/// read twice (<see cref="TriagePlan"/>, then <see cref="TriageRun.Stream"/>), each brief is written as it is decided,
/// and memory holds compact copies of the alerts, not the run. Analysis runs in input order rather than most severe
/// first. The offline analyst only: a model run is held in memory (its budget ends it long before memory would).
/// </summary>
internal static class StreamedTriage
{
    public const long AutoBytes = 50L << 20;

    public static Option<bool> Option() => new("--stream")
    {
        Description = $"Read the alert files twice and keep only compact copies, so memory stays bounded on very large runs (automatic above {AutoBytes >> 20} MB of alert files; offline analyst only)",
    };

    /// <summary>True when this run streams: asked for, or large, and possible (files only, offline analyst).</summary>
    public static bool Applies(TriageSetup setup, bool asked, IAnsiConsole console)
    {
        var possible = setup.Rereadable && setup.Llm is null;
        if (asked && !possible)
            console.MarkupLine("[yellow]--stream needs alert files (not standard input or a pull) and the offline analyst; this run is held in memory[/]");
        return possible && (asked || setup.Paths.Sum(p => new FileInfo(p).Exists ? new FileInfo(p).Length : 0) >= AutoBytes);
    }

    public sealed record Result(RunSummary Summary, WrittenReports Written, IReadOnlyList<Escalation> Escalations);

    public static async Task<Result?> RunAsync(TriageOptions options, TriageSetup setup, ParseResult parse, CliServices services,
        Func<AlertOutcome, bool> notifyWants, bool quiet, CancellationToken cancellationToken)
    {
        var (console, context) = (services.Console, setup.Context);
        IEnumerable<ParseResult<Alert>> Read()
        {
            var records = setup.Paths.SelectMany(path => InputFiles.ReadAlerts(path, context, services.Stdin, setup.Mapping, setup.WholeText));
            return ReadAhead.Of(setup.Geo is { } geo ? records.Select(r => r.Success ? ParseResult<Alert>.Ok(GeoEnrichment.Locate(r.Value!, geo)) : r) : records);
        }
        console.MarkupLineInterpolated($"Streaming {setup.Paths.Count} alert file(s): a first pass for repeats and incidents, then a second that writes each brief as it is decided");
        var read = new HashSet<string>();
        var firstPass = Read().Select(r => { read.Add((r.Value?.Source ?? r.Error!.Source).File); return r; });
        var plan = WithProgress(console, "Reading", null, p => TriagePlan.Build(firstPass, setup.Correlation, AnalystOptions.For(context).IncidentGap, context.VpnEgress, setup.PerAlert, p));
        TriageOptions.ReportEmptyFiles(console, setup.Paths, read);
        if (plan.NeedsPrefetch)
        {
            console.MarkupLineInterpolated($"{plan.ReadAhead:N0} flood or repeat alert(s) are read after records that share their analysis: reading them ahead");
            plan.Prefetch(Read());
        }
        setup.ReportGeo(console);
        console.MarkupLineInterpolated($"Triaging [bold]{plan.Records:N0}[/] record(s) with {setup.Logs.Count:N0} log events; context: {context.Organization}, times in {context.TimeZone.Id}");
        if (await options.EnrichAsync(parse, services, plan.Entities, setup.GeoNotes, cancellationToken) is not { } enrichment) return null;
        var attack = AttackCommand.LoadLocalKnowledgeBase(parse.GetValue(options.AttackData), services);
        var (baselines, baselineStore) = options.Baselines.Open(parse, setup.Logs);
        using var _ = baselineStore;
        var run = TriageOptions.NewRun(setup, services, enrichment, attack, baselines);
        var learning = await FeedbackSetup.LoadAsync(parse.GetValue(options.Feedback)!, services, cancellationToken);
        var analystOptions = AnalystOptions.For(context);

        var summary = new RunSummary { LogEvents = setup.Logs.Count, LogErrors = setup.LogErrors.Count, EnrichmentNotes = enrichment.Notes, Analyses = plan.Analyses };
        var escalations = new List<Escalation>();
        var report = new ConsoleReport(console);
        var changed = 0;
        using var sink = new ReportSink(parse.GetValue(options.Out)!, context, services.Time.GetUtcNow(), enrichment.Notes);
        WithProgress(console, "Triaging", plan.Records, progress =>
        {
            foreach (var e in run.Stream(plan, Read(), progress))
            {
                if (e.Incident is not null)
                {
                    summary.Add(sink.Add(e.Incident));
                    continue;
                }
                var o = e.Alert!;
                if (learning is not null)
                {
                    var learned = FeedbackStep.Apply(o, learning, analystOptions);
                    if (learned.Assessment?.Classification != o.Assessment?.Classification) changed++;
                    o = learned;
                }
                sink.Add(o);
                summary.Add(o);
                if (notifyWants(o)) escalations.Add(Escalation.From(o));
                if (!quiet) report.AlertLine(o);
            }
            return 0;
        });
        if (learning is not null)
            console.MarkupLineInterpolated($"Feedback: {learning.Count} analyst verdict(s); {changed} alert(s) changed classification (see 'analyst feedback' evidence)");
        return new Result(summary, sink.Complete(), escalations);
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar on a terminal (none when piped).</summary>
    private static T WithProgress<T>(IAnsiConsole console, string what, int? total, Func<IProgress<int>?, T> work)
    {
        if (!console.Profile.Capabilities.Interactive) return work(null);
        T result = default!;
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(what, maxValue: Math.Max(1, total ?? 1));
            if (total is null) task.IsIndeterminate = true;
            result = work(new Progress<int>(n => task.Value = Math.Min(n, task.MaxValue)));
            task.Value = task.MaxValue;
        });
        return result;
    }
}
