using Microsoft.Extensions.Time.Testing;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;

namespace Verdict.Tests.Support;

/// <summary>Runs the whole triage in memory: alerts from CSV text, logs from a list, a fixed clock.</summary>
public static class TriageHelper
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);

    public static TriageResult Run(string alertsCsv, IEnumerable<LogEvent> events, EnvironmentContext context)
    {
        var store = new LogStore();
        foreach (var e in events) store.Add(e);
        var records = CsvAlertReader.Read(TestData.Stream(alertsCsv), "alerts.csv", context);
        return new TriageRun(context, store, new OfflineAnalyst(new AnalystOptions()), new FakeTimeProvider(Now)).Run(records, []);
    }
}
