using System.CommandLine;
using Spectre.Console;
using Verdict.Cli.Output;
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
        options.AddTo(command);
        command.Options.Add(quiet);
        command.Options.Add(stream);
        notify.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!notify.TryRead(parse, services.Console, out var targets, out var minimum)) return ExitCodes.Usage;
            using var setup = options.Prepare(parse, services);
            if (setup is null) return ExitCodes.Usage;
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
                written = ReportWriter.Write(result, setup.Context, parse.GetValue(options.Out)!);
                (summary, escalations) = (RunSummary.Of(result), [.. Escalation.Select(result, minimum)]);
            }
            report.Summary(summary);
            report.EscalateNow(summary);
            report.Files(written);
            await NotifyOptions.SendAsync(escalations, targets, minimum, services, cancellationToken);
            return summary.Triaged + summary.Suppressed == 0 ? ExitCodes.NothingRead : ExitCodes.Ok;
        });
        return command;
    }
}
