using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Correlation.Suppression;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Policy;
using Verdict.Reporting;
using Verdict.Tests.Support;

namespace Verdict.Tests.Pipeline;

/// <summary>Suppression, folding of repeats, floods and severity order through a whole triage run.</summary>
public class PrefilterRunTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 31, 6, 0, 0, TimeSpan.Zero);

    private static TriageResult Run(IEnumerable<Alert> alerts, CorrelationOptions? options = null, bool perAlert = false) =>
        new TriageRun(EnvironmentContext.Default, new LogStore(), new OfflineAnalyst(new AnalystOptions()), new FakeTimeProvider(TriageHelper.Now))
        {
            Correlation = options ?? CorrelationOptions.Default,
        }.Run(alerts.Select(ParseResult<Alert>.Ok), [], perAlert);

    [Fact]
    public void Run_TenThousandAlertsThatAre200AlertsRepeated50Times_Costs200Analyses_AndKeepsEveryId()
    {
        // Copy c of alert i arrives c * 30 s after it; distinct alerts are 15 minutes apart, so none is a flood.
        var alerts = (from c in Enumerable.Range(0, 50)
                      from i in Enumerable.Range(0, 200)
                      select AlertBuilder.Make($"A{i:D3}-{c:D2}", $"user{i}", Start.AddMinutes(15 * i).AddSeconds(30 * c), "brute_force", ip: $"203.0.113.{i % 250}")).ToList();

        var result = Run(alerts);

        Assert.Equal(200, result.Analyses);
        Assert.Equal(alerts.Select(a => a.Id), result.Alerts.Select(o => o.Alert!.Id));
        Assert.Equal(9_800, result.Duplicates);
        var primary = result.Alerts.Single(o => o.Alert!.Id == "A007-00");
        Assert.Equal(Enumerable.Range(1, 49).Select(c => $"A007-{c:D2}"), primary.DuplicateIds);
        var copy = result.Alerts.Single(o => o.Alert!.Id == "A007-33");
        Assert.Equal("A007-00", copy.DuplicateOf);
        Assert.Equal((primary.IncidentId, primary.Decision!.Decision), (copy.IncidentId, copy.Decision!.Decision));
        Assert.StartsWith("Duplicate of A007-00", copy.Decision.Reason, StringComparison.Ordinal);

        var entries = result.Alerts.Select(BriefEntry.From).ToList();
        Assert.Equal(49, entries.Single(e => e.AlertId == "A007-00").Duplicates);
        Assert.Null(entries.Single(e => e.AlertId == "A007-33").Evidence); // a repeat points at its primary's analysis
    }

    [Fact]
    public void Run_SuppressedAlertsAreClosedWithTheRuleAndNotAnalysed()
    {
        var rules = SuppressionLoader.Load(new StringReader("""
            - { id: SCAN, owner: alice, reason: Weekly scan by 10.20.0.15, expires: 2026-12-31, match: { source_ip: 10.20.0.0/24 } }
            - { id: OLD, owner: bob, reason: gone, expires: 2026-01-31, match: { user: carol } }
            """), "s.yaml").Rules;
        Alert[] alerts =
        [
            AlertBuilder.Make("scan", "svc-backup", Start, "brute_force", ip: "10.20.0.15", severity: Severity.Critical),
            AlertBuilder.Make("carol", "carol", Start, "new_country_login", ip: "102.89.32.11"),
        ];

        var result = Run(alerts, new CorrelationOptions { Suppressions = new Suppressions(rules, TriageHelper.Now) });

        var scan = result.Alerts[0];
        Assert.Equal(new SuppressionMark("SCAN", "alice", "Weekly scan by 10.20.0.15", new DateOnly(2026, 12, 31)), scan.Suppressed);
        Assert.Equal(Decision.AutoClose, scan.Decision!.Decision);
        Assert.Contains("rule 'SCAN'", scan.Decision.Reason, StringComparison.Ordinal);
        Assert.Null(scan.Assessment);
        Assert.Null(result.Alerts[1].Suppressed); // the expired rule does not apply
        Assert.Equal(["carol"], result.AssessmentOrder);
        Assert.Equal(1, result.Suppressed);

        var entry = BriefEntry.From(scan);
        Assert.Equal((Decision.AutoClose, false, "SCAN"), (entry.Decision!.Value, entry.Escalate!.Value, entry.Suppressed!.Rule));
        Assert.Null(entry.Classification);
    }

    [Fact]
    public void Run_AnalysesTheMostSevereFirst_AndWritesInInputOrder()
    {
        Alert[] alerts =
        [
            AlertBuilder.Make("low", "u1", Start, severity: Severity.Low),
            AlertBuilder.Make("none", "u2", Start),
            AlertBuilder.Make("critical", "u3", Start, severity: Severity.Critical),
            AlertBuilder.Make("info", "u4", Start, severity: Severity.Info),
            AlertBuilder.Make("high", "u5", Start, severity: Severity.High),
        ];

        var result = Run(alerts);

        Assert.Equal(["critical", "high", "none", "low", "info"], result.AssessmentOrder);
        Assert.Equal(["low", "none", "critical", "info", "high"], result.Alerts.Select(o => o.Alert!.Id));
        Assert.Equal(["INC-0001", "INC-0002", "INC-0003", "INC-0004", "INC-0005"], result.Alerts.Select(o => o.IncidentId));
    }

    [Fact]
    public void Run_AFloodIsAnalysedOnceOnItsMostSevereAlert()
    {
        var spray = Enumerable.Range(0, 80).Select(i => AlertBuilder.Make($"spray-{i}", $"user{i}", Start.AddSeconds(i * 5), "password_spray",
            severity: i == 40 ? Severity.High : Severity.Low)).ToList();

        var result = Run([AlertBuilder.Make("lone", "zed", Start, "new_country_login"), .. spray]);

        Assert.Equal(2, result.Analyses);
        Assert.Contains("spray-40", result.AssessmentOrder);
        var flood = Assert.Single(result.Incidents, i => i.Incident.Overflow);
        Assert.Equal(80, flood.Incident.Alerts.Count);
        Assert.Contains(flood.Timeline, t => t.Text.StartsWith("FLOOD: 80 'password_spray' alerts", StringComparison.Ordinal));
        var member = result.Alerts.Single(o => o.Alert!.Id == "spray-3");
        Assert.True(member.Overflow);
        Assert.Equal("spray-40", member.AssessedWith);
        Assert.True(IncidentEntry.From(flood, null).Overflow);
        Assert.Equal(80, IncidentEntry.From(flood, null).AlertCount);

        Assert.Equal(81, Run([.. spray, AlertBuilder.Make("lone", "zed", Start, "new_country_login")], perAlert: true).Analyses);
    }
}
