using Verdict.Integrations.Geo;
using Spectre.Console;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Llm.Analyst;
using Verdict.Logs;

namespace Verdict.Cli.Commands;

/// <summary>What a triage run has loaded before it reads its alerts. Owns the GeoIP database.</summary>
internal sealed class TriageSetup(EnvironmentContext context, FieldMapping mapping, CorrelationOptions correlation, LogStore logs,
    List<InputError> logErrors, List<string> paths, LlmOptions? llm, CachedGeoLocator? geo, MaxMindGeoLocator? geoDatabase) : IDisposable
{
    public EnvironmentContext Context => context;
    public FieldMapping Mapping => mapping;
    public CorrelationOptions Correlation => correlation;
    public LogStore Logs => logs;
    public List<InputError> LogErrors => logErrors;
    public List<string> Paths => paths;
    public LlmOptions? Llm => llm;
    public CachedGeoLocator? Geo => geo;

    /// <summary>True when the alerts come from files only, so they can be read twice (a streamed run).</summary>
    public bool Rereadable { get; init; }
    public bool WholeText { get; init; }
    public bool PerAlert { get; init; }

    /// <summary>Model answers already received by this run (a resumed run's checkpoint), or null.</summary>
    public Microsoft.Extensions.Caching.Distributed.IDistributedCache? Answers { get; set; }

    public IReadOnlyList<string> GeoNotes => geo is null ? [GeoEnrichment.NotUsed] : [];

    public void ReportGeo(IAnsiConsole console)
    {
        if (geo is null) return;
        console.MarkupLineInterpolated($"GeoIP placed {geo.Located:N0} of {geo.Addresses:N0} distinct addresses in the logs and alerts");
        if (geoDatabase is { LookupErrors: > 0 }) console.MarkupLineInterpolated($"[yellow]GeoIP: {geoDatabase.LookupErrors} lookup(s) failed on damaged database records[/]");
    }

    public void Dispose() => geoDatabase?.Dispose();
}
