using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Reporting;

public sealed record WrittenReports(string BriefsPath, string IncidentsPath, IReadOnlyList<string> MarkdownPaths);

/// <summary>Writes a run's results: investigation_briefs.json, incidents.json and one Markdown brief per incident.</summary>
public static class ReportWriter
{
    public const string BriefsFile = "investigation_briefs.json";
    public const string IncidentsFile = "incidents.json";

    public static WrittenReports Write(TriageResult result, EnvironmentContext context, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var briefsPath = Path.Combine(outDir, BriefsFile);
        using (var briefs = new JsonArrayWriter<BriefEntry>(briefsPath, VerdictJson.Default.BriefEntry))
        {
            foreach (var outcome in result.Alerts) briefs.Write(BriefEntry.From(outcome));
        }

        var byIncident = result.Alerts.Where(a => a.IncidentId is not null).ToLookup(a => a.IncidentId!);
        var markdown = new List<string>();
        var incidentsPath = Path.Combine(outDir, IncidentsFile);
        using (var incidents = new JsonArrayWriter<IncidentEntry>(incidentsPath, VerdictJson.Default.IncidentEntry))
        {
            foreach (var incident in result.Incidents)
            {
                var name = MarkdownBrief.FileName(incident, result.GeneratedAt);
                var path = Path.Combine(outDir, name);
                File.WriteAllText(path, MarkdownBrief.Render(incident, [.. byIncident[incident.Incident.Id]], context, result.GeneratedAt, result.EnrichmentNotes));
                markdown.Add(path);
                incidents.Write(IncidentEntry.From(incident, name));
            }
        }
        return new WrittenReports(briefsPath, incidentsPath, markdown);
    }
}
