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
        foreach (var o in result.Alerts)
        {
            if (o.Alert is null)
            {
                console.MarkupLineInterpolated($"[red]✗ {o.Source}[/] | error: {o.Error!.Reason}");
                continue;
            }
            if (o.Suppressed is { } s)
            {
                console.MarkupLineInterpolated($"[grey]→ {"-",-8} | {"SUPPRESSED",-10} | {o.Alert.Id} | {o.Alert.User ?? "-"} | {o.Alert.Rule} | rule {s.Rule} ({s.Owner}): {Clip(s.Reason, 90)}[/]");
                continue;
            }
            var a = o.Assessment!;
            var color = Color(a.Severity);
            console.MarkupLineInterpolated(
                $"[{color}]→ {a.Severity.Word(),-8}[/] | {MarkdownBrief.DecisionWord(o.Decision!.Decision),-10} | {o.Alert.Id} | {o.Alert.User ?? "-"} | {o.Alert.Rule} | {(o.DuplicateOf is { } primary ? $"duplicate of {primary}" : Clip(a.LikelyCause, 110))}");
        }
    }

    public void Summary(TriageResult result)
    {
        var decisions = new[] { Decision.Escalate, Decision.Monitor, Decision.AutoClose };
        var table = new Table().Title("Triage summary").AddColumn("Severity");
        foreach (var d in decisions) table.AddColumn(new TableColumn(MarkdownBrief.DecisionWord(d)).RightAligned());
        table.AddColumn(new TableColumn("Total").RightAligned());
        var triaged = result.Alerts.Where(a => a.Assessment is not null).ToList();
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
        {
            var row = triaged.Where(a => a.Assessment!.Severity == severity).ToList();
            if (row.Count == 0) continue;
            table.AddRow([new Markup($"[{Color(severity)}]{severity.Word()}[/]"),
                .. decisions.Select(d => new Text(row.Count(a => a.Decision!.Decision == d).ToString())), new Text(row.Count.ToString())]);
        }
        table.AddRow([new Markup("[bold]Total[/]"), .. decisions.Select(d => new Text(triaged.Count(a => a.Decision!.Decision == d).ToString())), new Text(triaged.Count.ToString())]);
        console.Write(table);
        foreach (var note in result.EnrichmentNotes) console.MarkupLineInterpolated($"[grey]enrichment: {note}[/]");
        console.MarkupLineInterpolated($"{result.Alerts.Count} record(s): {result.Triaged} triaged in {result.Incidents.Count} incident(s), {result.Errors} unreadable; {result.LogEvents:N0} log events read, {result.LogErrors.Count} log row(s) skipped.");
        var overflow = result.Incidents.Count(i => i.Incident.Overflow);
        console.MarkupLineInterpolated($"Pre-filter: {result.Suppressed} suppressed, {result.Duplicates} duplicate(s) folded, {overflow} overflow incident(s); {result.Analyses} analysed.");
    }

    public void EscalateNow(TriageResult result)
    {
        var escalations = result.Incidents.Where(i => i.Decision.Decision == Decision.Escalate)
            .OrderByDescending(i => i.Assessment.Severity).ToList();
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
        console.Write(new Panel(grid).Header($"[bold red] ESCALATE NOW ({escalations.Count}) [/]").BorderColor(Spectre.Console.Color.Red));
        if (escalations.Count > Shown) console.MarkupLineInterpolated($"[red]... and {escalations.Count - Shown} more escalated incident(s): see incidents.json[/]");
    }

    public void Files(TriageResult result, WrittenReports written)
    {
        console.MarkupLineInterpolated($"Briefs: {written.BriefsPath} ({result.Alerts.Count} entries) · incidents: {written.IncidentsPath} · {written.MarkdownPaths.Count} Markdown brief(s) in {Path.GetDirectoryName(written.BriefsPath)}");
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
