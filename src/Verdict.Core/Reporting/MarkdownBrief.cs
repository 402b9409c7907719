using System.Globalization;
using System.Text;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Reporting;

/// <summary>
/// The incident brief a person reads and pastes into a ticket. Alert content is untrusted: every value taken
/// from an alert or log is escaped so it cannot inject Markdown, HTML or table structure.
/// </summary>
public static class MarkdownBrief
{
    public static string FileName(IncidentOutcome o, DateTimeOffset generatedAt) =>
        $"{generatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{o.Incident.Id}.md";

    public static string Render(IncidentOutcome o, IReadOnlyList<AlertOutcome> alerts, EnvironmentContext context, DateTimeOffset generatedAt, IReadOnlyList<string>? enrichmentNotes = null) =>
        Render(o, IncidentDigest.Of(alerts), context, generatedAt, enrichmentNotes);

    public static string Render(IncidentOutcome o, IncidentDigest alerts, EnvironmentContext context, DateTimeOffset generatedAt, IReadOnlyList<string>? enrichmentNotes = null)
    {
        var a = o.Assessment;
        var inc = o.Incident;
        var sb = new StringBuilder();
        string Local(DateTimeOffset? t) => t is null ? "unknown" : context.ToLocal(t.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        sb.AppendLine(CultureInfo.InvariantCulture, $"# {inc.Id}: {Icon(a.Classification)} {a.Classification.ToString().ToUpperInvariant()} · {a.Severity.Word()} · {DecisionWord(o.Decision.Decision)}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"**Summary.** {Esc(a.LikelyCause)}");
        sb.AppendLine();
        sb.AppendLine("| | |");
        sb.AppendLine("|---|---|");
        Row(sb, "Incident", inc.Id);
        Row(sb, "User", inc.User ?? "(none)");
        Row(sb, "Alerts", string.Join(", ", inc.Alerts.Take(IncidentDigest.Listed).Select(x => x.Id)) + (inc.Alerts.Count > IncidentDigest.Listed ? $" and {inc.Alerts.Count - IncidentDigest.Listed:N0} more" : ""));
        Row(sb, "First / last alert", $"{Local(inc.First)} / {Local(inc.Last)} ({context.TimeZone.Id})");
        Row(sb, "Classification", $"{a.Classification.ToString().ToUpperInvariant()} (P(malicious) {a.MaliciousProbability:P0}, confidence {a.Confidence:F2})");
        Row(sb, "Severity", a.Severity.Word());
        Row(sb, "Decision", DecisionWord(o.Decision.Decision));
        Row(sb, "Generated", generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        sb.AppendLine();

        sb.AppendLine("## Verdict");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **{a.Severity.Word()}**: {Esc(a.SeverityRationale)}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **{DecisionWord(o.Decision.Decision)}**: {Esc(o.Decision.Reason)}");
        if (a.WhatWouldChange is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"- **What would change this:** {Esc(a.WhatWouldChange)}");
        sb.AppendLine();

        Section(sb, "Questions for the analyst", a.Questions);
        Section(sb, "Recommended actions", a.ImmediateActions);

        sb.AppendLine("## Entities");
        sb.AppendLine();
        sb.AppendLine("| Kind | Value | Intel |");
        sb.AppendLine("|---|---|---|");
        var intel = alerts.Intel.ToLookup(r => r.Entity);
        foreach (var e in alerts.Entities)
        {
            var said = string.Join("; ", intel[e].Distinct().Select(r => $"{r.Verdict.ToString().ToUpperInvariant()} ({r.Source}{(r.FromCache ? ", cached" : "")}): {r.Summary}"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {e.Kind.ToString().ToLowerInvariant()} | {Cell(e.Attribute("country") is { } country ? $"{e.Value} ({(e.Attribute("city") is { } city ? city + ", " : "")}{country})" : e.Value)} | {Cell(said)} |");
        }
        sb.AppendLine();

        sb.AppendLine("## Evidence");
        sb.AppendLine();
        sb.AppendLine("| Supports | Weight | Observation | Source |");
        sb.AppendLine("|---|---:|---|---|");
        foreach (var e in a.Evidence)
        {
            var weight = e.Supports == Leaning.Context ? "-" : e.Weight.ToString("0.0#", CultureInfo.InvariantCulture) + (e.Strong ? " (strong)" : "");
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {e.Supports.ToString().ToLowerInvariant()} | {weight} | {Cell(e.Description)} | {e.Source} |");
        }
        sb.AppendLine();

        sb.AppendLine("## Hypotheses");
        sb.AppendLine();
        var n = 0;
        foreach (var h in a.Hypotheses)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{++n}. **{Esc(h.Title)}** ({h.Kind.ToString().ToLowerInvariant()}, {h.Probability:P0})");
            foreach (var f in h.EvidenceFor) sb.AppendLine(CultureInfo.InvariantCulture, $"   - for: {Esc(f)}");
            foreach (var f in h.EvidenceAgainst) sb.AppendLine(CultureInfo.InvariantCulture, $"   - against: {Esc(f)}");
        }
        sb.AppendLine();

        sb.AppendLine(CultureInfo.InvariantCulture, $"## Timeline ({context.TimeZone.Id})");
        sb.AppendLine();
        if (o.Timeline.Count == 0) sb.AppendLine("_No activity for this user in the logs provided._");
        else
        {
            sb.AppendLine("| Time | Until | Event |");
            sb.AppendLine("|---|---|---|");
            foreach (var t in o.Timeline)
            {
                var text = t.Kind == "alert" ? $"**{Cell(t.Text)}**" : Cell(t.Text);
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {Local(t.Time)} | {(t.Until is null ? "" : Local(t.Until))} | {text} |");
            }
        }
        sb.AppendLine();

        sb.AppendLine("## ATT&CK techniques");
        sb.AppendLine();
        var techniques = alerts.Techniques;
        if (techniques.Count == 0) sb.AppendLine("_No technique mapped (no ATT&CK data loaded, or nothing in the alerts points to one)._");
        else
        {
            sb.AppendLine("| Technique | Name |");
            sb.AppendLine("|---|---|");
            foreach (var t in techniques) sb.AppendLine(CultureInfo.InvariantCulture, $"| [{t.Id}](https://attack.mitre.org/techniques/{t.Id.Replace('.', '/')}/) | {Esc(t.Name)} |");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"_{Attack.AttackCopyright.Line}_");
        }
        sb.AppendLine();

        Section(sb, "Investigation steps", a.InvestigationSteps);
        if (enrichmentNotes is { Count: > 0 }) Section(sb, "Enrichment notes", enrichmentNotes);

        sb.AppendLine("## Alerts in this incident");
        sb.AppendLine();
        sb.AppendLine("| Alert | Rule | Time | Detector | Verdict | Decision | Source |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var x in alerts.Alerts)
        {
            var al = x.Alert!;
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(al.Id)} | {Cell(al.Rule)} | {Local(al.Time)} | {al.DetectorSeverity?.Word() ?? "-"} | {x.Assessment!.Classification.ToString().ToUpperInvariant()} {x.Assessment.Severity.Word()} | {DecisionWord(x.Decision!.Decision)} | {Cell(al.Source.ToString())} |");
        }
        if (alerts.Count > alerts.Alerts.Count)
            sb.AppendLine(CultureInfo.InvariantCulture, $"\n_... and {alerts.Count - alerts.Alerts.Count:N0} more alerts: every one has its entry in {ReportWriter.BriefsFile}._");
        return sb.ToString();
    }

    public static string DecisionWord(Decision d) => d switch
    {
        Decision.Escalate => "ESCALATE",
        Decision.Monitor => "MONITOR",
        _ => "AUTO-CLOSE",
    };

    private static string Icon(Classification c) => c switch
    {
        Classification.Malicious => "🔴",
        Classification.Suspicious => "🟠",
        _ => "🟢",
    };

    private static void Row(StringBuilder sb, string name, string value) => sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(value)} |");

    private static void Section(StringBuilder sb, string title, IReadOnlyList<string> items)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        sb.AppendLine();
        foreach (var item in items) sb.AppendLine(CultureInfo.InvariantCulture, $"- {Esc(item)}");
        sb.AppendLine();
    }

    /// <summary>Escapes Markdown and HTML in untrusted text and keeps it on one line.</summary>
    public static string Esc(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\r' or '\n': sb.Append(' '); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '!': sb.Append('\\').Append(ch); break;
                default: sb.Append(char.IsControl(ch) ? ' ' : ch); break;
            }
        }
        return sb.ToString();
    }

    private static string Cell(string text) => Esc(text.Length > 300 ? text[..297] + "..." : text);
}
