using Spectre.Console;
using Verdict.Analysis;
using Verdict.Evaluation;
using Verdict.Reporting;

namespace Verdict.Cli.Output;

/// <summary>Prints a labeled evaluation: the matrix, the headline figures, the rules and scenarios, and every attack closed.</summary>
public static class EvalReport
{
    private const int MaxRows = 40;

    public static void Print(IAnsiConsole console, LabeledReport r)
    {
        var table = new Table().Title("Label (rows) vs Verdict's classification and decision (columns)").AddColumn("label \\ verdict");
        foreach (var c in LabeledReport.ClassificationColumns) table.AddColumn(new TableColumn(Word(c)).RightAligned());
        foreach (var d in LabeledReport.DecisionColumns) table.AddColumn(new TableColumn(MarkdownBrief.DecisionWord(d)).RightAligned());
        for (var i = 0; i < 3; i++)
        {
            table.AddRow([new Text(Row(LabeledReport.Rows[i])), .. Enumerable.Range(0, 3).Select(j => new Text(r.ClassificationMatrix[i, j].ToString())),
                .. Enumerable.Range(0, 3).Select(j => new Text(r.DecisionMatrix[i, j].ToString()))]);
        }
        console.Write(table);
        console.MarkupLineInterpolated($"Labeled alerts: {r.Labeled} ({r.Attacks} attacks, {r.Benign} benign, {r.Ambiguous} ambiguous) of {r.Records} records");
        console.MarkupLineInterpolated($"Attack recall {r.AttackRecall:P1} · false-positive rate {r.FalsePositiveRate:P1} (benign closed {r.BenignClosedRate:P1}) · precision {r.Precision:P1} · F1 {r.F1:P3}");
        if (r.InputErrors > 0) console.MarkupLineInterpolated($"[yellow]{r.InputErrors} record(s) could not be read (see the briefs)[/]");
        if (r.Unlabeled > 0) console.MarkupLineInterpolated($"[yellow]{r.Unlabeled} triaged alert(s) had no label[/]");
        if (r.LabelsNotFound.Count > 0) console.MarkupLineInterpolated($"[yellow]{r.LabelsNotFound.Count} label(s) matched no alert: {string.Join(", ", r.LabelsNotFound.Take(10))}[/]");
        Groups(console, "By rule", r.ByRule);
        Groups(console, "By scenario", r.ByScenario);
        List(console, "False positives (benign, not classified BENIGN)", [.. r.FalsePositives], "yellow");
        List(console, "Attacks closed (classified BENIGN or auto-closed)", [.. r.ClosedAttacks], "red");
        if (!r.ClosedAttacks.Any()) console.MarkupLine("[green]No labeled attack was closed.[/]");
    }

    private static void Groups(IAnsiConsole console, string title, IReadOnlyList<GroupFigures> groups)
    {
        var table = new Table().Title(title).AddColumn("name").AddColumn(new TableColumn("alerts").RightAligned())
            .AddColumn(new TableColumn("attacks caught").RightAligned()).AddColumn(new TableColumn("benign closed").RightAligned())
            .AddColumn(new TableColumn("ambiguous").RightAligned());
        foreach (var g in groups.Take(MaxRows))
        {
            table.AddRow(new Text(g.Name), new Text(g.Alerts.ToString()), new Text(g.Attacks == 0 ? "-" : $"{g.AttacksFlagged}/{g.Attacks}"),
                new Text(g.Benign == 0 ? "-" : $"{g.BenignClosed}/{g.Benign}"), new Text(g.Ambiguous.ToString()));
        }
        console.Write(table);
        if (groups.Count > MaxRows) console.MarkupLineInterpolated($"[grey]... {groups.Count - MaxRows} more (all in --json)[/]");
    }

    private static void List(IAnsiConsole console, string title, IReadOnlyList<ScoredAlert> items, string color)
    {
        if (items.Count == 0) return;
        console.MarkupLineInterpolated($"[{color}]{title} ({items.Count}):[/]");
        foreach (var a in items.Take(MaxRows))
        {
            console.MarkupLineInterpolated($"  {a.AlertId} ({a.Label.Scenario ?? "no scenario"}; {a.Rule}): expected {a.Label.Text}, got {Word(a.Classification)} / {MarkdownBrief.DecisionWord(a.Decision)}: {a.Reason}");
        }
        if (items.Count > MaxRows) console.MarkupLineInterpolated($"  ... and {items.Count - MaxRows} more (all in --json)");
    }

    internal static string Word(Classification c) => c.ToString().ToUpperInvariant();

    internal static string Row(Truth t) => t switch
    {
        Truth.Attack => "attack (MALICIOUS / escalate)",
        Truth.Ambiguous => "ambiguous (SUSPICIOUS / monitor)",
        _ => "benign (BENIGN / auto_close)",
    };
}
