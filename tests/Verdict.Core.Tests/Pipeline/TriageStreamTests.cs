using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Samples;
using Verdict.Tests.Support;

namespace Verdict.Tests.Pipeline;

/// <summary>A streamed run (two passes, compact copies) decides exactly what a run held in memory decides.</summary>
public class TriageStreamTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 31, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_demo_company_streamed_gives_the_same_briefs_and_incidents_as_held_in_memory(bool perAlert)
    {
        using var dir = new TempDirectory();
        DemoCompany.Write(dir.Path, new DemoOptions(Alerts: 600));
        var context = ContextLoader.Load(Path.Combine(dir.Path, "context.yaml")).Context!;
        var (logs, _) = InputFiles.LoadLogs(Directory.GetFiles(dir.Path, "auth_logs*"), context, NoStdin);
        IEnumerable<ParseResult<Alert>> Read() => InputFiles.ReadAlerts(Path.Combine(dir.Path, "alerts.csv"), context, NoStdin);

        var (held, streamed) = Both(Read, context, logs, CorrelationOptions.Default, perAlert);

        Assert.Equal(held.Alerts.Count, streamed.Alerts.Count);
        Assert.Equal(held.Alerts.Select(Brief), streamed.Alerts.Select(Brief));
        Assert.Equal(held.Incidents.Select(i => (i.Incident.Id, i.Incident.Alerts.Count, i.Decision.Decision, i.Timeline.Count)).Order(),
            streamed.Incidents.Select(i => (i.Incident.Id, i.Incident.Alerts.Count, i.Decision.Decision, i.Timeline.Count)).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Repeats_floods_errors_and_alerts_out_of_time_order_each_end_once_in_input_order(bool prefetch)
    {
        // Out of time order on purpose: the repeat (r2) and a flood member come before the alert they share.
        var flood = Enumerable.Range(0, 60).Select(i => AlertBuilder.Make($"spray-{i}", $"user{i}", Start.AddSeconds(10 * i), "password_spray")).Reverse();
        List<ParseResult<Alert>> records =
        [
            ParseResult<Alert>.Ok(AlertBuilder.Make("r2", "ann", Start.AddMinutes(5), "brute_force", ip: "203.0.113.9")),
            ParseResult<Alert>.Fail(new SourceRef("alerts.csv", 3), "bad row"),
            ParseResult<Alert>.Ok(AlertBuilder.Make("r1", "ann", Start, "brute_force", ip: "203.0.113.9")),
            .. flood.Select(ParseResult<Alert>.Ok),
            ParseResult<Alert>.Ok(AlertBuilder.Make("lone", "zed", Start.AddHours(3), "new_country_login")),
        ];

        var (held, streamed) = Both(() => records, EnvironmentContext.Default, new LogStore(), CorrelationOptions.Default, perAlert: false, prefetch);

        Assert.Equal(records.Select(r => r.Value?.Id), streamed.Alerts.Select(o => o.Alert?.Id));
        Assert.Equal(held.Alerts.Select(Brief), streamed.Alerts.Select(Brief));
        Assert.Equal("r1", streamed.Alerts[0].DuplicateOf);
        Assert.NotNull(streamed.Alerts[1].Error);
        Assert.Equal(held.Incidents.Count, streamed.Incidents.Count);
    }

    [Fact]
    public void A_second_pass_that_reads_different_records_is_an_error_naming_the_input()
    {
        var first = new[] { AlertBuilder.Make("a", "ann", Start, "brute_force") }.Select(ParseResult<Alert>.Ok).ToList();
        var second = new[] { AlertBuilder.Make("b", "ann", Start, "brute_force") }.Select(ParseResult<Alert>.Ok).ToList();
        var run = Run(EnvironmentContext.Default, new LogStore(), CorrelationOptions.Default);
        var plan = TriagePlan.Build(first, CorrelationOptions.Default, new AnalystOptions().IncidentGap, EnvironmentContext.Default.VpnEgress);

        var e = Assert.Throws<InvalidOperationException>(() => run.Stream(plan, second).ToList());
        Assert.Contains("changed between the two passes", e.Message);
    }

    private static (TriageResult Held, TriageResult Streamed) Both(Func<IEnumerable<ParseResult<Alert>>> read, EnvironmentContext context, LogStore logs,
        CorrelationOptions correlation, bool perAlert, bool prefetch = false)
    {
        var held = Run(context, logs, correlation).Run(read(), [], perAlert);
        var plan = TriagePlan.Build(read(), correlation, new AnalystOptions().IncidentGap, context.VpnEgress, perAlert);
        if (prefetch)
        {
            Assert.True(plan.NeedsPrefetch);
            plan.Prefetch(read());
        }
        var events = Run(context, logs, correlation).Stream(plan, read()).ToList();
        var streamed = new TriageResult([.. events.Select(e => e.Alert).OfType<AlertOutcome>()], [.. events.Select(e => e.Incident).OfType<IncidentOutcome>()],
            [], logs.Count, TriageHelper.Now);
        return (held, streamed);
    }

    private static TriageRun Run(EnvironmentContext context, LogStore logs, CorrelationOptions correlation) =>
        new(context, logs, new OfflineAnalyst(new AnalystOptions()), new FakeTimeProvider(TriageHelper.Now)) { Correlation = correlation };

    private static string Brief(AlertOutcome o) => JsonSerializer.Serialize(BriefEntry.From(o), VerdictJson.Default.BriefEntry);

    private static Stream NoStdin() => throw new InvalidOperationException("no stdin in tests");
}
