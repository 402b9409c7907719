using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Reporting;

/// <summary>Where a run's reports went. <see cref="MarkdownPaths"/> holds the first <see cref="ReportSink.PathsKept"/> Markdown briefs; <see cref="Incidents"/> counts them all.</summary>
public sealed record WrittenReports(string BriefsPath, string IncidentsPath, IReadOnlyList<string> MarkdownPaths, int Briefs = 0, int Incidents = 0);

/// <summary>Writes a run's results: investigation_briefs.json, incidents.json and one Markdown brief per incident.</summary>
public static class ReportWriter
{
    public const string BriefsFile = "investigation_briefs.json";
    public const string IncidentsFile = "incidents.json";

    public static WrittenReports Write(TriageResult result, EnvironmentContext context, string outDir)
    {
        using var sink = new ReportSink(outDir, context, result.GeneratedAt, result.EnrichmentNotes);
        foreach (var outcome in result.Alerts) sink.Add(outcome);
        foreach (var incident in result.Incidents) sink.Add(incident);
        return sink.Complete();
    }
}

/// <summary>
/// Writes a run's results as they come: each alert's brief at once, each incident's entry and Markdown brief when the
/// incident is complete. An incident takes the worst verdict among its alerts as written (a later stage may have
/// changed them); its Markdown brief lists its first <see cref="IncidentDigest.Listed"/> alerts.
/// </summary>
public sealed class ReportSink : IDisposable
{
    public const int PathsKept = 10_000;

    private readonly string _outDir;
    private readonly EnvironmentContext _context;
    private readonly DateTimeOffset _generatedAt;
    private readonly IReadOnlyList<string> _enrichmentNotes;
    private readonly JsonArrayWriter<BriefEntry> _briefs;
    private readonly JsonArrayWriter<IncidentEntry> _incidents;
    private readonly Dictionary<string, IncidentDigest> _open = new(StringComparer.Ordinal);
    private readonly List<string> _markdown = [];
    private int _briefCount, _incidentCount;

    public ReportSink(string outDir, EnvironmentContext context, DateTimeOffset generatedAt, IReadOnlyList<string> enrichmentNotes)
    {
        Directory.CreateDirectory(outDir);
        (_outDir, _context, _generatedAt, _enrichmentNotes) = (outDir, context, generatedAt, enrichmentNotes);
        _briefs = new JsonArrayWriter<BriefEntry>(Partial(ReportWriter.BriefsFile), VerdictJson.Default.BriefEntry);
        _incidents = new JsonArrayWriter<IncidentEntry>(Partial(ReportWriter.IncidentsFile), VerdictJson.Default.IncidentEntry);
    }

    public void Add(AlertOutcome outcome)
    {
        _briefs.Write(BriefEntry.From(outcome));
        _briefCount++;
        if (outcome.IncidentId is not { } id || outcome.Assessment is null) return;
        if (!_open.TryGetValue(id, out var digest)) _open[id] = digest = new IncidentDigest();
        digest.Add(outcome);
    }

    /// <summary>Writes a complete incident; returns it as written (with the worst verdict among its alerts).</summary>
    public IncidentOutcome Add(IncidentOutcome incident)
    {
        _open.Remove(incident.Incident.Id, out var digest);
        digest ??= new IncidentDigest();
        if (digest.Worst is { } worst) incident = incident with { Assessment = worst.Assessment!, Decision = worst.Decision! };
        var name = MarkdownBrief.FileName(incident, _generatedAt);
        var path = Path.Combine(_outDir, name);
        File.WriteAllText(path, MarkdownBrief.Render(incident, digest, _context, _generatedAt, _enrichmentNotes));
        if (_markdown.Count < PathsKept) _markdown.Add(path);
        _incidents.Write(IncidentEntry.From(incident, name));
        _incidentCount++;
        return incident;
    }

    /// <summary>Closes the files and puts them in place (until then they are *.partial: a run stopped halfway leaves no half report).</summary>
    public WrittenReports Complete()
    {
        Dispose();
        foreach (var file in new[] { ReportWriter.BriefsFile, ReportWriter.IncidentsFile }) File.Move(Partial(file), Path.Combine(_outDir, file), overwrite: true);
        return new WrittenReports(Path.Combine(_outDir, ReportWriter.BriefsFile), Path.Combine(_outDir, ReportWriter.IncidentsFile), _markdown, _briefCount, _incidentCount);
    }

    private string Partial(string file) => Path.Combine(_outDir, file + ".partial");

    public void Dispose()
    {
        _briefs.Dispose();
        _incidents.Dispose();
    }
}
