using System.CommandLine;
using Spectre.Console;
using Verdict.Samples;

namespace Verdict.Cli.Commands;

/// <summary>`verdict demo`: writes the demo company (alerts, logs, context, labels), deterministic for a seed.</summary>
public static class DemoCommand
{
    public static Command Create(CliServices services)
    {
        var outDir = new Option<string>("--out", "-o") { Description = "Folder to write into", DefaultValueFactory = _ => "samples/acme" };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same files)", DefaultValueFactory = _ => 42 };
        var alerts = new Option<long?>("--alerts") { Description = "Generate this many alerts (for benchmarks) instead of the curated demo day" };
        var employees = new Option<int>("--employees") { Description = "Company size", DefaultValueFactory = _ => 200 };
        var days = new Option<int>("--days") { Description = "Days of activity logs before the alert day", DefaultValueFactory = _ => 30 };
        var gzip = new Option<bool>("--gzip") { Description = "Write the activity log gzip-compressed (auth_logs.csv.gz)" };
        var command = new Command("demo", "Generate the demo company Acme Corp: auth logs, a day of alerts, context and labels.")
        {
            outDir, seed, alerts, employees, days, gzip,
        };
        command.SetAction(parse =>
        {
            var summary = DemoCompany.Write(parse.GetValue(outDir)!, new DemoOptions(parse.GetValue(seed), parse.GetValue(employees), parse.GetValue(days), parse.GetValue(alerts), parse.GetValue(gzip)));
            services.Console.MarkupLineInterpolated($"Wrote [bold]{summary.Directory}[/]: {summary.Employees} employees, {summary.LogEvents:N0} log events, {summary.Alerts:N0} alerts (alerts.csv, labels.csv, context.yaml and the activity log)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
