using System.CommandLine;
using Spectre.Console;
using Verdict.Pipeline;
using Verdict.Reporting;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict watch DIR [--poll-seconds S] [--out OUT] [triage options]`: triages each new file dropped into DIR once it
/// is complete, writing its briefs to OUT/&lt;file name without extension&gt;/; remembers what it did in OUT/.verdict-watch.json
/// so a restart does not redo it. Ctrl-C stops it cleanly (exit 0). Exit 2 when DIR is missing or the options are wrong.
/// </summary>
public static class WatchCommand
{
    public static Command Create(CliServices services)
    {
        var options = new TriageOptions();
        var folder = new Argument<string>("DIR") { Description = "The folder to watch (its top level); files already in it that were never processed are triaged too" };
        var poll = new Option<double>("--poll-seconds") { Description = "How often to look for new files, in seconds", DefaultValueFactory = _ => 2 };
        var command = new Command("watch", "Watch a folder and triage each new alert file once: briefs per file in OUT/<file name>/. Ctrl-C stops.") { folder, poll };
        command.Options.Add(options.Sources.WholeText);
        options.AddOptionsTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var dir = parse.GetValue(folder)!;
            var seconds = parse.GetValue(poll);
            if (!Directory.Exists(dir))
            {
                console.MarkupLineInterpolated($"[red]error:[/] {dir}: folder not found");
                return ExitCodes.Usage;
            }
            if (seconds is <= 0 or > 86_400)
            {
                console.MarkupLine("[red]error:[/] --poll-seconds must be more than 0 and at most 86400");
                return ExitCodes.Usage;
            }
            var outDir = Path.GetFullPath(parse.GetValue(options.Out)!);
            var state = WatchState.Load(outDir);
            var failed = false;
            async Task<bool> Process(WatchedFile file, CancellationToken token)
            {
                var target = OutputFolder(outDir, file, state);
                console.MarkupLineInterpolated($"[bold]{Path.GetFileName(file.Path)}[/]: new file, triaging");
                if (await options.RunAsync(parse, services, token, [file.Path]) is not var (result, context))
                {
                    failed = true;
                    return false;
                }
                ReportWriter.Write(result, context, target);
                state.SetOutput(file, target);
                var escalate = result.Alerts.Count(a => a.Decision?.Decision == Verdict.Policy.Decision.Escalate);
                console.MarkupLineInterpolated($"[bold]{Path.GetFileName(file.Path)}[/]: {result.Triaged} triaged, {result.Errors} unreadable, {escalate} to escalate; briefs in {target}");
                return true;
            }
            console.MarkupLineInterpolated($"Watching {Path.GetFullPath(dir)} every {seconds:0.###} s; briefs in {outDir}. Ctrl-C stops.");
            await new FolderWatch(dir, state, services.Time, TimeSpan.FromSeconds(seconds)).RunAsync(Process, cancellationToken);
            if (failed) return ExitCodes.Usage;
            console.MarkupLine("Stopped watching.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>OUT/&lt;stem&gt;, or OUT/&lt;stem&gt;-&lt;extension&gt; (then -2, -3...) when another file already has it.</summary>
    private static string OutputFolder(string outDir, WatchedFile file, WatchState state)
    {
        var stem = Path.GetFileNameWithoutExtension(file.Path);
        var candidate = Path.Combine(outDir, stem);
        if (!state.OutputTaken(candidate, file.Path)) return candidate;
        candidate = Path.Combine(outDir, stem + "-" + Path.GetExtension(file.Path).TrimStart('.'));
        for (var n = 2; state.OutputTaken(candidate, file.Path); n++) candidate = Path.Combine(outDir, $"{stem}-{n}");
        return candidate;
    }
}
