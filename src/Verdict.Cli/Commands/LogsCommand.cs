using System.CommandLine;
using Spectre.Console;
using Spectre.Console.Rendering;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Storage.Logs;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict logs query "SQL" --logs F... [--max-rows N] [--timeout SECONDS]` (the SQL first: --logs takes every file after it): loads activity logs into the embedded
/// DuckDB store and runs one read-only SELECT against <c>auth_events</c>, the same way the agent's query_logs tool does.
/// Exit codes: 0 the query ran; 1 no log file could be read; 2 the query was refused, failed or ran out of time.
/// </summary>
public static class LogsCommand
{
    public static Command Create(CliServices services)
    {
        var command = new Command("logs", "Activity logs in the embedded log store (DuckDB).");
        command.Subcommands.Add(CreateQuery(services));
        return command;
    }

    private static Command CreateQuery(CliServices services)
    {
        var sql = new Argument<string>("SQL") { Description = "One SELECT (or WITH ... SELECT) over the table auth_events" };
        var logs = new Option<string[]>("--logs") { Description = "Activity logs (CSV, or JSON/NDJSON sign-ins); - reads standard input", AllowMultipleArgumentsPerToken = true, Required = true };
        var maxRows = new Option<int>("--max-rows") { Description = "Rows to show at most", DefaultValueFactory = _ => 200 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds before the query is stopped", DefaultValueFactory = _ => 5 };
        var command = new Command("query", $"Run a read-only SQL query over the logs.\n{LogSchema.Describe()}") { sql, logs, maxRows, timeout };
        command.SetAction(parse =>
        {
            var console = services.Console;
            var errors = new List<InputError>();
            var events = InputFiles.ReadLogs(parse.GetValue(logs) ?? [], EnvironmentContext.Default, services.Stdin)
                .Where(r => r.Success || Collect(errors, r.Error!))
                .Select(r => r.Value!);
            using var store = DuckLogStore.Create(events);
            foreach (var error in errors.Take(20)) console.MarkupLineInterpolated($"[yellow]skipped[/] {error}");
            if (errors.Count > 20) console.MarkupLineInterpolated($"[yellow]... and {errors.Count - 20} more bad rows[/]");
            if (store.Count == 0)
            {
                console.MarkupLine("[red]error:[/] no log events could be read");
                return ExitCodes.NothingRead;
            }
            var result = store.QueryLogs(parse.GetValue(sql)!, parse.GetValue(maxRows), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            if (result.Error is not null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {result.Error}");
                return ExitCodes.Usage;
            }
            Write(console, result, store.Count);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Collect(List<InputError> errors, InputError error)
    {
        errors.Add(error);
        return false;
    }

    private static void Write(IAnsiConsole console, LogQueryResult result, long loaded)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in result.Columns) table.AddColumn(Markup.Escape(column));
        foreach (var row in result.Rows) table.AddRow(row.Select(v => v is null ? (IRenderable)new Markup("[grey]NULL[/]") : new Text(v)));
        console.Write(table);
        var more = result.Truncated ? " (more rows exist; raise --max-rows or narrow the query)" : "";
        console.MarkupLineInterpolated($"[grey]{result.Rows.Count} row(s){more} from {loaded} events in {result.Elapsed.TotalMilliseconds:0} ms[/]");
    }
}
