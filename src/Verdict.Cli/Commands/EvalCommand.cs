using System.CommandLine;
using Spectre.Console;
using Verdict.Cli.Output;
using Verdict.Evaluation;
using Verdict.Ingest;
using Verdict.Reporting;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict eval INPUT... --labels FILE | --label-field NAME`: triage labeled alerts, then measure: the confusion matrix,
/// attack recall, false-positive rate, precision, F1, per rule and scenario, and every attack that was closed (exit 3).
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliServices services)
    {
        var options = new TriageOptions();
        var labels = new Option<string?>("--labels") { Description = "Labels: CSV or JSON(L) with an alert id and a label column (MALICIOUS/SUSPICIOUS/BENIGN or escalate/monitor/auto_close)" };
        var labelField = new Option<string?>("--label-field") { Description = "The field holding each alert's label: in the alert files themselves (taken out before triage), or the label column of --labels" };
        var scenarioField = new Option<string>("--scenario-field") { Description = "The field naming each alert's scenario (taken out before triage too)", DefaultValueFactory = _ => "scenario" };
        var format = new Option<string>("--format") { Description = "How to print the figures: text, or json (notes then go to standard error)", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong("text", "json");
        var command = new Command("eval", "Triage labeled alerts and report the confusion matrix, attack recall, false-positive rate, precision and F1, and any attack that was closed.");
        options.AddTo(command);
        command.Options.Add(labels);
        command.Options.Add(labelField);
        command.Options.Add(scenarioField);
        command.Options.Add(format);
        command.Subcommands.Add(EvalAttackCommand.Create(services));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(format) == "json";
            var console = services.Console;
            // With --format json only the figures go to standard output; everything the run says goes to standard error.
            var run = asJson ? services with { Console = QuietConsole(services.Error) } : services;
            Action<string> note = asJson ? services.Error.WriteLine : n => console.MarkupLineInterpolated($"[yellow]{n}[/]");
            var (labelsPath, field) = (parse.GetValue(labels), parse.GetValue(labelField));
            if (labelsPath is null && field is null)
            {
                console.MarkupLine("[red]error:[/] give the labels: --labels FILE, or --label-field NAME when the alert files carry them");
                return ExitCodes.Usage;
            }
            Dictionary<string, ExpectedLabel> expected;
            List<InputError> labelErrors;
            LabeledAlertReader? inline = null;
            if (labelsPath is not null)
            {
                (expected, labelErrors) = LabelSet.Read(labelsPath, field, parse.GetValue(scenarioField)!);
                if (expected.Count == 0)
                {
                    foreach (var e in labelErrors.Take(5)) note($"label skipped: {e}");
                    console.MarkupLine("[red]error:[/] no usable labels");
                    return ExitCodes.Usage;
                }
            }
            else
            {
                inline = new LabeledAlertReader(field!, parse.GetValue(scenarioField)!);
                options.ReadAlerts = (path, context, mapping) => inline.Read(path, context, services.Stdin, mapping);
                (expected, labelErrors) = (inline.Labels, inline.Errors);
            }
            if (await options.RunAsync(parse, run, cancellationToken) is not var (result, context)) return ExitCodes.Usage;
            var written = ReportWriter.Write(result, context, parse.GetValue(options.Out)!);
            foreach (var e in labelErrors.Take(20)) note($"label skipped: {e}");
            if (labelErrors.Count > 20) note($"... and {labelErrors.Count - 20} more label problems");
            var report = LabeledEvaluation.Compute(result, expected);
            if (asJson) EvalJson.Write(console.Profile.Out.Writer, report);
            else
            {
                console.MarkupLineInterpolated($"Briefs written to {Path.GetDirectoryName(written.BriefsPath)}");
                EvalReport.Print(console, report);
            }
            if (report.Labeled == 0)
            {
                note("no triaged alert had a label: check the ids and the label field");
                return ExitCodes.Usage;
            }
            return report.ClosedAttacks.Any() ? ExitCodes.MissedAttack : ExitCodes.Ok;
        });
        return command;
    }

    private static IAnsiConsole QuietConsole(TextWriter error) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(error),
    });
}
