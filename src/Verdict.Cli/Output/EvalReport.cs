using Spectre.Console;
using Verdict.Evaluation;
using Verdict.Reporting;

namespace Verdict.Cli.Output;

/// <summary>Prints an evaluation: the confusion matrix, escalation recall and precision, and every mistake that matters.</summary>
public static class EvalReport
{
    public static void Print(IAnsiConsole console, EvaluationReport r)
    {
        var table = new Table().Title("Expected (rows) vs Verdict's decision (columns)").AddColumn("expected \\ actual");
        foreach (var d in EvaluationReport.Order) table.AddColumn(new TableColumn(MarkdownBrief.DecisionWord(d)).RightAligned());
        for (var i = 0; i < 3; i++)
        {
            table.AddRow([new Text(MarkdownBrief.DecisionWord(EvaluationReport.Order[i])), .. Enumerable.Range(0, 3).Select(j => new Text(r.Matrix[i, j].ToString()))]);
        }
        console.Write(table);
        console.MarkupLineInterpolated($"Labeled alerts: {r.Labeled} · accuracy {r.Accuracy:P1} · escalation recall {r.EscalationRecall:P1} · escalation precision {r.EscalationPrecision:P1}");
        if (r.Unlabeled > 0) console.MarkupLineInterpolated($"[yellow]{r.Unlabeled} triaged alert(s) had no label[/]");
        if (r.LabelsNotFound.Count > 0) console.MarkupLineInterpolated($"[yellow]{r.LabelsNotFound.Count} label(s) matched no alert: {string.Join(", ", r.LabelsNotFound.Take(10))}[/]");
        List("False escalations", r.FalseEscalations, "yellow", console);
        List("Attacks auto-closed", r.MissedAttacks, "red", console);
        List("Other disagreements", r.OtherMismatches, "grey", console);
        if (r.MissedAttacks.Count == 0) console.MarkupLine("[green]No labeled attack was auto-closed.[/]");
    }

    private static void List(string title, IReadOnlyList<Mismatch> items, string color, IAnsiConsole console)
    {
        if (items.Count == 0) return;
        console.MarkupLineInterpolated($"[{color}]{title} ({items.Count}):[/]");
        foreach (var m in items)
        {
            console.MarkupLineInterpolated($"  {m.AlertId} ({m.Scenario ?? "no scenario"}): expected {m.Expected}, got {m.Actual}: {m.Reason}");
        }
    }
}
