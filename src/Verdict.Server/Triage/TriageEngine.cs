using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>The brief for one record, or the reason it could not be read.</summary>
public sealed record EngineResult(BriefEntry Brief, IncidentEntry? Incident, Alert? Alert)
{
    /// <summary>The pipeline's outcome (assessment, decision, who analysed it and what the model spent).</summary>
    public AlertOutcome? Outcome { get; init; }

    /// <summary>Each model call the LLM stage made for this alert, in order (for the audit log).</summary>
    public IReadOnlyList<ModelCall> ModelCalls { get; init; } = [];

    public bool Failed => Brief.Error is not null;
}

/// <summary>
/// Triages one alert record at a time with the offline pipeline (<see cref="TriageRun"/>, each alert on its own; the store
/// groups alerts into cases), then, when an LLM analyst is configured, its <see cref="LlmStage"/>. The context and
/// activity logs are loaded once at start and only read afterwards, so one engine serves every request and worker at once.
/// </summary>
public sealed class TriageEngine(EnvironmentContext context, LogStore logs, TimeProvider time, LlmStage? llm = null)
{
    private readonly OfflineAnalyst analyst = new(new AnalystOptions());

    public EnvironmentContext Context => context;

    /// <summary>"offline", or the LLM provider that investigates after the offline run.</summary>
    public string AnalystName { get; init; } = "offline";

    /// <summary>
    /// Remote intel (AbuseIPDB, VirusTotal) asked about each batch's entities, each behind the store's shared cache
    /// (<see cref="ServiceIntel"/>); none by default.
    /// </summary>
    public IntelSources Intel { get; init; } = IntelSources.None;

    /// <summary>
    /// Triages a batch: the entities of all its records looked up once in the intel sources, each record offline on its
    /// own, then the LLM stage on all of them at once (its concurrency limit bounds the calls in flight). Results in the
    /// order of <paramref name="records"/>.
    /// </summary>
    public async Task<IReadOnlyList<EngineResult>> TriageAsync(IReadOnlyList<(string Json, string SourceName)> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var parsed = records.Select(r => JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(r.Json)), r.SourceName, context).ToList()).ToList();
        var enrichment = await EnrichAsync(parsed, cancellationToken);
        var offline = parsed.Select(p => new TriageRun(context, logs, analyst, time, enrichment: enrichment).Run(p, [], perAlert: true)).ToList();
        if (llm is null) return [.. offline.Select(Result)];
        var investigated = await Task.WhenAll(offline.Select(r => r.Triaged == 0 ? Task.FromResult((r, (IReadOnlyList<ModelCall>)[])) : InvestigateAsync(llm, r, cancellationToken)));
        return [.. investigated.Select(r => Result(r.Item1) with { ModelCalls = r.Item2 })];
    }

    /// <summary>The LLM stage on one record, logging its model calls (the log belongs to this call's flow alone).</summary>
    private static async Task<(TriageResult, IReadOnlyList<ModelCall>)> InvestigateAsync(LlmStage stage, TriageResult result, CancellationToken cancellationToken)
    {
        var log = ModelCallLog.Begin();
        var investigated = await stage.RunAsync(result, cancellationToken);
        return (investigated, log.Calls);
    }

    /// <summary>Triages one JSON record offline, without intel lookups; <paramref name="sourceName"/> names it in an error ("alert A-..." or "request").</summary>
    public EngineResult Triage(string json, string sourceName) =>
        Result(new TriageRun(context, logs, analyst, time).Run(JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), sourceName, context), [], perAlert: true));

    private async Task<EnrichmentView?> EnrichAsync(List<List<ParseResult<Alert>>> parsed, CancellationToken cancellationToken)
    {
        if (Intel.Providers.Count == 0) return null;
        var entities = parsed.SelectMany(p => p).Where(r => r.Success).SelectMany(r => r.Value!.Entities);
        var report = await new IntelLookup(Intel, time: time).RunAsync(entities, cancellationToken);
        return new EnrichmentView(report.Results, Inventory.Empty, report.Notes);
    }

    private static EngineResult Result(TriageResult result)
    {
        var outcome = result.Alerts[0];
        var incident = result.Incidents.Count > 0 ? result.Incidents[0] : null;
        return new EngineResult(BriefEntry.From(outcome), incident is null ? null : IncidentEntry.From(incident, null), outcome.Alert) { Outcome = outcome };
    }

    /// <summary>What the store keeps of a triaged alert.</summary>
    public static TriagedAlert ForStore(string alertId, EngineResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = result.Brief;
        var json = JsonSerializer.Serialize(b, VerdictJson.Default.BriefEntry);
        var node = JsonNode.Parse(json)!;
        var timeline = result.Incident is null ? "[]"
            : JsonSerializer.SerializeToNode(result.Incident, VerdictJson.Default.IncidentEntry)!["timeline"]?.ToJsonString() ?? "[]";
        var alert = result.Alert;
        var title = $"{alert?.Rule ?? "alert"}{(alert?.User is null ? "" : " · " + alert.User)}: {b.LikelyCause}";
        return new TriagedAlert(alertId, b.AlertId, alert?.User, alert?.Rule, alert?.Time, title.Length > 200 ? title[..200] : title,
            node["classification"]!.GetValue<string>(), node["severity"]!.GetValue<string>(), node["decision"]!.GetValue<string>(), json, timeline);
    }
}
