using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Identity;
using Verdict.Attack;
using Verdict.Attack.Mapping;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Samples;

namespace Verdict.Bench.Micro;

/// <summary>
/// The cost of each stage of a triage run, per alert, on the demo company's alert stream (the same generator as
/// `verdict demo --alerts N`): parse (CSV and NDJSON records, entity extraction included), entity extraction alone,
/// local enrichment, ATT&amp;CK mapping of a command line, offline assessment of one alert and rendering its brief.
/// Each benchmark handles <see cref="Batch"/> alerts per invocation, so the reported mean is per alert.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private const int Batch = 1000;
    private const string CommandLine = "powershell.exe -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA";

    private string _dir = "";
    private byte[] _csv = [];
    private byte[] _ndjson = [];
    private EnvironmentContext _context = EnvironmentContext.Default;
    private LogStore _logs = new();
    private List<Alert> _alerts = [];
    private IndicatorSet _indicators = new();
    private TechniqueMapper? _mapper;
    private TriageResult _result = null!;
    private readonly OfflineAnalyst _analyst = new(new AnalystOptions());

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("verdict-micro-").FullName;
        DemoCompany.Write(_dir, new DemoOptions(Alerts: 5000));
        _context = ContextLoader.Load(Path.Combine(_dir, "context.yaml")).Context!;
        _logs = InputFiles.LoadLogs([Path.Combine(_dir, "auth_logs.csv")], _context, () => Stream.Null).Store;
        var lines = File.ReadLines(Path.Combine(_dir, "alerts.csv")).Take(Batch + 1).ToList();
        _csv = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        _alerts = [.. CsvAlertReader.Read(new MemoryStream(_csv), "alerts.csv", _context).Select(r => r.Value!)];
        _ndjson = Encoding.UTF8.GetBytes(string.Concat(_alerts.Select(a => JsonSerializer.Serialize(a.Fields.ToDictionary(f => f.Key, f => f.Value)) + "\n")));
        foreach (var ip in _alerts.SelectMany(a => a.Entities).Where(e => e.Kind == EntityKind.Ip).Select(e => e.Value).Distinct().Take(200))
            _indicators.Add(new Indicator(EntityKind.Ip, ip, IntelVerdict.Suspicious, 60, "bench feed"));
        var bundle = Environment.GetEnvironmentVariable("VERDICT_ATTACK_DATA")
            ?? (Environment.GetEnvironmentVariable("VERDICT_SHARED_DIR") is { } shared ? Path.Combine(shared, "attack", "enterprise-attack.json.gz") : null);
        if (bundle is not null && File.Exists(bundle)) _mapper = new TechniqueMapper(AttackKnowledgeBase.Load(bundle));
        _result = new TriageRun(_context, _logs, _analyst, TimeProvider.System).Run(_alerts.Select(ParseResult<Alert>.Ok), [], perAlert: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(OperationsPerInvoke = Batch, Description = "parse: CSV record (fields, time, entities)")]
    public int ParseCsv() => CsvAlertReader.Read(new MemoryStream(_csv), "alerts.csv", _context).Count();

    [Benchmark(OperationsPerInvoke = Batch, Description = "parse: NDJSON record (flatten, fields, time, entities)")]
    public int ParseJson() => JsonAlertReader.Read(new MemoryStream(_ndjson), "alerts.jsonl", _context).Count();

    [Benchmark(OperationsPerInvoke = Batch, Description = "normalise: entity extraction")]
    public int Entities() => _alerts.Sum(a => EntityExtractor.Extract(a).Count);

    [Benchmark(OperationsPerInvoke = Batch, Description = "enrich: local IOC feed")]
    public int Enrich()
    {
        var view = LocalEnrichment.EnrichAsync(_alerts, _indicators, new Inventory(), IntelSources.None, TimeProvider.System).GetAwaiter().GetResult();
        return _alerts.Sum(a => view.Findings(a).Count());
    }

    [Benchmark(Description = "map: ATT&CK for one command line")]
    public int Map() => _mapper?.Map(MappingInput.FromText(CommandLine)).Count ?? throw new InvalidOperationException("set VERDICT_SHARED_DIR or VERDICT_ATTACK_DATA");

    [Benchmark(OperationsPerInvoke = Batch, Description = "analyse: case + offline assessment of one alert")]
    public int Analyse()
    {
        var baselines = new BaselineCache();
        var n = 0;
        foreach (var alert in _alerts)
        {
            var c = IdentityCase.Build(alert.User, [alert], _logs, _context, _analyst.Options, baselines);
            n += _analyst.Assess(c).Evidence.Count;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "render: JSON brief of one alert")]
    public long RenderJson()
    {
        long bytes = 0;
        foreach (var o in _result.Alerts) bytes += JsonSerializer.SerializeToUtf8Bytes(BriefEntry.From(o), VerdictJson.Default.BriefEntry).Length;
        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "render: Markdown brief of one incident")]
    public long RenderMarkdown()
    {
        long chars = 0;
        var byIncident = _result.Alerts.ToLookup(a => a.IncidentId);
        foreach (var i in _result.Incidents) chars += MarkdownBrief.Render(i, [.. byIncident[i.Incident.Id]], _context, _result.GeneratedAt).Length;
        return chars;
    }
}
