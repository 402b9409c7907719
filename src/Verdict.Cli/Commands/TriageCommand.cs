using System.CommandLine;
using Spectre.Console;
using Verdict.Cli.Output;
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
        options.AddTo(command);
        command.Options.Add(quiet);
        notify.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!notify.TryRead(parse, services.Console, out var targets, out var minimum)) return ExitCodes.Usage;
            if (await options.RunAsync(parse, services, cancellationToken) is not var (result, context)) return ExitCodes.Usage;
            var report = new ConsoleReport(services.Console);
            if (!parse.GetValue(quiet)) report.AlertLines(result);
            var written = ReportWriter.Write(result, context, parse.GetValue(options.Out)!);
            report.Summary(result);
            report.EscalateNow(result);
            report.Files(result, written);
            await NotifyOptions.SendAsync(result, targets, minimum, services, cancellationToken);
            return result.Triaged + result.Suppressed == 0 ? ExitCodes.NothingRead : ExitCodes.Ok;
        });
        return command;
    }
}
