using Spectre.Console;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Pipeline;
using Verdict.Policy;
using Verdict.Reporting;

namespace Verdict.Cli.Output;

/// <summary>What a run prints: a line per alert, a summary by severity and decision, and who needs a human now.
/// Alert content is untrusted and always printed escaped, never as markup.</summary>
public sealed class ConsoleReport(IAnsiConsole console)
{
    public void AlertLines(TriageResult result)
    {
        foreach (var o in result.Alerts) AlertLine(o);
    }

    public void AlertLine(AlertOutcome o)
    {
        if (o.Alert is null)
        {
            console.MarkupLineInterpolated($"[red]✗ {o.Source}[/] | error: {o.Error!.Reason}");
            return;
        }
        if (o.Suppressed is { } s)
        {
            console.MarkupLineInterpolated($"[grey]→ {"-",-8} | {"SUPPRESSED",-10} | {o.Alert.Id} | {o.Alert.User ?? "-"} | {o.Alert.Rule} | rule {s.Rule} ({s.Owner}): {Clip(s.Reason, 90)}[/]");
            return;
        }
        var a = o.Assessment!;
        var color = Color(a.Severity);
        console.MarkupLineInterpolated(
            $"[{color}]→ {a.Severity.Word(),-8}[/] | {MarkdownBrief.DecisionWord(o.Decision!.Decision),-10} | {o.Alert.Id} | {o.Alert.User ?? "-"} | {o.Alert.Rule} | {(o.DuplicateOf is { } primary ? $"duplicate of {primary}" : Clip(a.LikelyCause, 110))}");
    }

    public void Summary(RunSummary result)
    {
        var decisions = new[] { Decision.Escalate, Decision.Monitor, Decision.AutoClose };
        var table = new Table().Title("Triage summary").AddColumn("Severity");
        foreach (var d in decisions) table.AddColumn(new TableColumn(MarkdownBrief.DecisionWord(d)).RightAligned());
        table.AddColumn(new TableColumn("Total").RightAligned());
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
        {
            var row = decisions.Select(d => result.Count(severity, d)).ToList();
            if (row.Sum() == 0) continue;
            table.AddRow([new Markup($"[{Color(severity)}]{severity.Word()}[/]"), .. row.Select(n => new Text(n.ToString())), new Text(row.Sum().ToString())]);
        }
        var totals = decisions.Select(d => Enum.GetValues<Severity>().Sum(s => result.Count(s, d))).ToList();
        table.AddRow([new Markup("[bold]Total[/]"), .. totals.Select(n => new Text(n.ToString())), new Text(result.Triaged.ToString())]);
        console.Write(table);
        foreach (var note in result.EnrichmentNotes) console.MarkupLineInterpolated($"[grey]enrichment: {note}[/]");
        console.MarkupLineInterpolated($"{result.Records} record(s): {result.Triaged} triaged in {result.Incidents} incident(s), {result.Errors} unreadable; {result.LogEvents:N0} log events read, {result.LogErrors} log row(s) skipped.");
        console.MarkupLineInterpolated($"Pre-filter: {result.Suppressed} suppressed, {result.Duplicates} duplicate(s) folded, {result.Overflow} overflow incident(s); {result.Analyses} analysed.");
    }

    public void EscalateNow(RunSummary result)
    {
        var escalations = result.Escalations;
        if (escalations.Count == 0)
        {
            console.MarkupLine("[green]Nothing to escalate.[/]");
            return;
        }
        // A flood is listed in incidents.json; the console shows the most severe first.
        const int Shown = 15;
        var grid = new Rows(escalations.Take(Shown).Select(i => (Spectre.Console.Rendering.IRenderable)new Markup(
            Markup.Escape($"{i.Assessment.Severity.Word()} · {i.Incident.User ?? i.Incident.Key} · {i.Incident.Id} ({Ids(i.Incident)})") + "\n"
            + Markup.Escape($"  Cause: {Clip(i.Assessment.LikelyCause, 240)}") + "\n"
            + string.Join("\n", i.Assessment.ImmediateActions.Take(3).Select(x => Markup.Escape($"  • {x}"))))));
        console.Write(new Panel(grid).Header($"[bold red] ESCALATE NOW ({result.Escalated}) [/]").BorderColor(Spectre.Console.Color.Red));
        if (result.Escalated > Shown) console.MarkupLineInterpolated($"[red]... and {result.Escalated - Shown} more escalated incident(s): see incidents.json[/]");
    }

    public void Files(WrittenReports written)
    {
        console.MarkupLineInterpolated($"Briefs: {written.BriefsPath} ({written.Briefs} entries) · incidents: {written.IncidentsPath} · {written.Incidents} Markdown brief(s) in {Path.GetDirectoryName(written.BriefsPath)}");
    }

    private static string Ids(Verdict.Correlation.Incident incident) =>
        string.Join(", ", incident.Alerts.Take(5).Select(a => a.Id)) + (incident.Alerts.Count > 5 ? $" and {incident.Alerts.Count - 5} more" : "");

    private static string Color(Severity s) => s switch
    {
        Severity.Critical => "bold red",
        Severity.High => "red",
        Severity.Medium => "yellow",
        Severity.Low => "green",
        _ => "grey",
    };

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
