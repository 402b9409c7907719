using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Rendering;
using Verdict.Attack;

namespace Verdict.Cli.Output;

/// <summary>Prints one ATT&CK technique: a panel with the essentials, then detection, mitigations, procedures, URL and MITRE's copyright line.</summary>
internal static partial class TechniqueView
{
    public const int MaxProcedures = 5;

    public static void Write(IAnsiConsole console, AttackKnowledgeBase kb, AttackTechnique technique)
    {
        var tacticNames = kb.Tactics.ToDictionary(t => t.ShortName, t => t.Name, StringComparer.Ordinal);
        var lines = new List<IRenderable>();
        if (technique.Deprecated) lines.Add(Line($"[yellow]Deprecated:[/] MITRE no longer maintains {technique.Id}", ""));
        if (technique.IsSubtechnique && kb.Find(technique.ParentId) is { } parent) lines.Add(Line("[bold]Sub-technique of:[/] ", $"{parent.Id} {parent.Name}"));
        lines.Add(Line("[bold]Tactics:[/] ", Join(technique.Tactics.Select(t => tacticNames.GetValueOrDefault(t, t)))));
        lines.Add(Line("[bold]Platforms:[/] ", Join(technique.Platforms)));
        if (technique.DataSources.Count > 0) lines.Add(Line("[bold]Data sources:[/] ", Join(technique.DataSources)));
        var subtechniques = kb.SubtechniquesOf(technique.Id).Where(t => !t.Deprecated).ToList();
        if (subtechniques.Count > 0) lines.Add(Line("[bold]Sub-techniques:[/] ", Join(subtechniques.Select(t => $"{t.Id} {t.Name}"))));
        lines.Add(Text.Empty);
        lines.Add(new Text(Plain(technique.Description)));

        console.Write(new Panel(new Rows(lines))
        {
            Header = new PanelHeader($"[bold]{Markup.Escape(technique.Id)} {Markup.Escape(technique.Name)}[/]"),
            Border = BoxBorder.Rounded,
            Expand = true,
        });
        if (kb.Version.Length > 0) console.MarkupLineInterpolated($"[dim]ATT&CK v{kb.Version}[/]");

        Section(console, "Detection");
        console.WriteLine(technique.Detection.Length > 0 ? Plain(technique.Detection) : "(none in this ATT&CK release)");

        var mitigations = kb.MitigationsFor(technique.Id);
        Section(console, $"Mitigations ({mitigations.Count})");
        if (mitigations.Count == 0) console.WriteLine("(none listed)");
        foreach (var mitigation in mitigations)
        {
            console.MarkupLineInterpolated($"[bold]{mitigation.Id} {mitigation.Name}[/]: {Plain(mitigation.Description)}");
        }

        var procedures = kb.ProceduresFor(technique.Id);
        Section(console, procedures.Count > MaxProcedures ? $"Procedure examples ({MaxProcedures} of {procedures.Count})" : $"Procedure examples ({procedures.Count})");
        if (procedures.Count == 0) console.WriteLine("(none listed)");
        foreach (var procedure in procedures.Take(MaxProcedures))
        {
            console.MarkupLineInterpolated($"[bold]{procedure.SourceId} {procedure.SourceName}[/] ({procedure.SourceKind}): {Plain(procedure.Description)}");
        }

        console.WriteLine();
        console.MarkupLineInterpolated($"[link]{technique.Url}[/]");
        console.MarkupLineInterpolated($"[dim]{AttackCopyright.Line}[/]");
    }

    /// <summary>ATT&CK text is Markdown with some HTML: show link text without the URL, code without its tags.</summary>
    internal static string Plain(string text) => MarkdownLink().Replace(text, "$1").Replace("<code>", "", StringComparison.Ordinal).Replace("</code>", "", StringComparison.Ordinal);

    private static Markup Line(string label, string value) => new(label + Markup.Escape(value));

    private static string Join(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "-";

    private static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]") { Justification = Justify.Left });
    }

    [GeneratedRegex(@"\[([^\]\[]+)\]\((?:https?://[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
