using System.CommandLine;
using Spectre.Console;
using Verdict.Cli.Output;
using Verdict.Evaluation;
using Verdict.Reporting;

namespace Verdict.Cli.Commands;

/// <summary>`verdict eval --labels FILE INPUT...`: triage, then compare each decision with the expected one.</summary>
public static class EvalCommand
{
    public static Command Create(CliServices services)
    {
        var options = new TriageOptions();
        var labels = new Option<string>("--labels") { Description = "CSV with alert_id and expected_decision (escalate, monitor, auto_close)", Required = true };
        var command = new Command("eval", "Triage labeled alerts and report the confusion matrix, escalation recall and precision, and any attack that was auto-closed.");
        options.AddTo(command);
        command.Options.Add(labels);
        command.Subcommands.Add(EvalAttackCommand.Create(services));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var loaded = LabelFile.Read(parse.GetValue(labels)!);
            foreach (var error in loaded.Errors.Take(20)) console.MarkupLineInterpolated($"[yellow]label skipped:[/] {error}");
            if (loaded.Labels.Count == 0)
            {
                console.MarkupLine("[red]error:[/] no usable labels");
                return ExitCodes.Usage;
            }
            if (await options.RunAsync(parse, services, cancellationToken) is not var (result, context)) return ExitCodes.Usage;
            var written = ReportWriter.Write(result, context, parse.GetValue(options.Out)!);
            console.MarkupLineInterpolated($"Briefs written to {Path.GetDirectoryName(written.BriefsPath)}");
            var report = DecisionEvaluation.Compute(result, loaded.Labels);
            EvalReport.Print(console, report);
            return report.MissedAttacks.Count > 0 ? ExitCodes.MissedAttack : ExitCodes.Ok;
        });
        return command;
    }
}
