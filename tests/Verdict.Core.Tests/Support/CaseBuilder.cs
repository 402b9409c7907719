using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Identity;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;

namespace Verdict.Tests.Support;

/// <summary>Builds an IdentityCase for one alert over hand-written log events, as the pipeline does.</summary>
public static class CaseBuilder
{
    public static IdentityCase For(Alert alert, IEnumerable<LogEvent> events, EnvironmentContext context, AnalystOptions? options = null)
    {
        var store = new LogStore();
        foreach (var e in events) store.Add(e);
        return IdentityCase.Build(alert.User, [alert], store, context, options ?? new AnalystOptions());
    }

    public static Assessment Assess(Alert alert, IEnumerable<LogEvent> events, EnvironmentContext context, AnalystOptions? options = null)
    {
        options ??= new AnalystOptions();
        return new OfflineAnalyst(options).Assess(For(alert, events, context, options));
    }
}
