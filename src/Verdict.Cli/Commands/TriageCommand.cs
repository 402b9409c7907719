using System.CommandLine;
using Spectre.Console;
using Verdict.Cli.Output;
using Verdict.Llm.Chat;
using Verdict.Storage.Runs;
using Verdict.Pipeline;
using Verdict.Reporting.Notifications;
using Verdict.Reporting;

namespace Verdict.Cli.Commands;

/// <summary>`verdict triage [INPUT...] [--json F] [--stdin] [--incident N] [--logs F...] [--context F] [--out DIR] [--analyst NAME] [--per-alert]`.</summary>
public static class TriageCommand
{
    public static Command Create(CliServices services)
    {
        var options = new TriageOptions();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No line per alert; only the summary and escalations" };
        var command = new Command("triage", "Triage alerts: one brief per alert in OUT/investigation_briefs.json, incidents.json and a Markdown brief per incident.");
        var notify = new NotifyOptions();
        var stream = StreamedTriage.Option();
        var resume = ResumeOption.Create();
        options.AddTo(command);
        command.Options.Add(quiet);
        command.Options.Add(stream);
        command.Options.Add(resume);
        notify.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!notify.TryRead(parse, services.Console, out var targets, out var minimum)) return ExitCodes.Usage;
            using var setup = options.Prepare(parse, services);
            if (setup is null) return ExitCodes.Usage;
            var outDir = parse.GetValue(options.Out)!;
            Directory.CreateDirectory(outDir);
            var fingerprint = ResumeOption.Fingerprint(parse, [.. setup.Paths, .. parse.GetValue(options.Logs) ?? [], parse.GetValue(options.Context)]);
            var (checkpoint, problem) = await RunCheckpoint.StartAsync(outDir, fingerprint, parse.GetValue(resume), cancellationToken);
            if (checkpoint is null)
            {
                services.Console.MarkupLineInterpolated($"[red]error:[/] {problem}");
                return ExitCodes.Usage;
            }
            await using var _ = checkpoint;
            if (parse.GetValue(resume))
                services.Console.MarkupLineInterpolated($"Resuming the run in {outDir}{(checkpoint.WasComplete ? " (it had completed)" : "")}: {checkpoint.AnswersAtStart} model answer(s) in its checkpoint");
            var answers = new CheckpointAnswers(checkpoint);
            setup.Answers = answers;
            var report = new ConsoleReport(services.Console);
            RunSummary summary;
            WrittenReports written;
            IReadOnlyList<Escalation> escalations;
            if (StreamedTriage.Applies(setup, parse.GetValue(stream), services.Console))
            {
                if (await StreamedTriage.RunAsync(options, setup, parse, services, o => NotifyOptions.Wants(o, targets, minimum), parse.GetValue(quiet), cancellationToken)
                    is not { } streamed) return ExitCodes.Usage;
                (summary, written, escalations) = streamed;
            }
            else
            {
                if (await options.RunHeldAsync(setup, parse, services, cancellationToken) is not { } result) return ExitCodes.Usage;
                if (!parse.GetValue(quiet)) report.AlertLines(result);
                written = ReportWriter.Write(result, setup.Context, outDir);
                (summary, escalations) = (RunSummary.Of(result), [.. Escalation.Select(result, minimum)]);
            }
            checkpoint.MarkComplete();
            report.Summary(summary);
            report.EscalateNow(summary);
            report.Files(written);
            if (answers.Reused > 0) services.Console.MarkupLineInterpolated($"{answers.Reused} model request(s) answered from the run's checkpoint (the same request asked before), not sent again");
            await NotifyOptions.SendAsync(escalations, targets, minimum, services, cancellationToken);
            return summary.Triaged + summary.Suppressed == 0 ? ExitCodes.NothingRead : ExitCodes.Ok;
        });
        return command;
    }
}
