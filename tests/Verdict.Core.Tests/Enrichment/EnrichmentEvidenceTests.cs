using Microsoft.Extensions.Time.Testing;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Enrichment;

/// <summary>Enrichment as evidence: the two checks, and the inventories.</summary>
public sealed class EnrichmentEvidenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Alert Alert(string? host = null, string ip = "10.1.0.1") => new()
    {
        Id = "A1", Source = new SourceRef("alerts.csv", 2), Rule = "multiple_failed_logins", User = "erin", Host = host, SourceIp = ip,
        Time = new DateTimeOffset(2026, 10, 28, 14, 0, 0, TimeSpan.Zero), Fields = [],
        Entities = [new Entity(EntityKind.User, "erin"), new Entity(EntityKind.Ip, ip)],
    };

    private static Assessment Assess(Alert alert, EnrichmentView enrichment)
    {
        var context = EnvironmentContext.Default;
        var store = new LogStore();
        var log = new LogBuilder("erin", TimeZoneInfo.Utc);
        log.Workdays(new DateOnly(2026, 10, 19), new DateOnly(2026, 10, 27), "10.1.0.1", 9, 11, 14);
        for (var i = 0; i < 5; i++) log.Failure(alert.Time!.Value.UtcDateTime.AddMinutes(-8 + i), "10.1.0.1");
        log.Success(alert.Time!.Value.UtcDateTime.AddMinutes(-2), "10.1.0.1");
        foreach (var e in log.Build()) store.Add(e);
        var c = Verdict.Analysis.Identity.IdentityCase.Build("erin", [alert], store, context, new AnalystOptions()) with { Enrichment = enrichment };
        return new OfflineAnalyst(new AnalystOptions()).Assess(c);
    }

    private EnrichmentView View(Alert alert, string? feed = null, string? assets = null)
    {
        var indicators = new IndicatorSet();
        var inventory = new Inventory();
        if (feed is not null) FeedReader.Load(indicators, Write("feed.txt", feed), DateTimeOffset.UnixEpoch);
        if (assets is not null) inventory.LoadAssets(Write("assets.csv", assets));
        return LocalEnrichment.EnrichAsync([alert], indicators, inventory, IntelSources.None, new FakeTimeProvider()).GetAwaiter().GetResult();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_known_bad_IP_from_a_local_feed_turns_a_benign_login_alert_into_at_least_suspicious_and_says_why()
    {
        var alert = Alert();
        Assert.Equal(Classification.Benign, Assess(alert, View(alert)).Classification);

        var flagged = Assess(alert, View(alert, feed: "10.1.0.1 # compromised jump host\n"));

        Assert.NotEqual(Classification.Benign, flagged.Classification);
        var evidence = Assert.Single(flagged.Evidence, e => e.Key.StartsWith("intel_malicious", StringComparison.Ordinal));
        Assert.True(evidence.Strong);
        Assert.Contains("ip 10.1.0.1 is known bad", evidence.Description);
        Assert.Contains("compromised jump host", evidence.Description);
    }

    [Fact]
    public void A_lab_asset_lowers_severity_and_states_the_reason()
    {
        const string assets = "host,owner,business_unit,criticality,data_sensitivity,environment\nrange-ws01,red team,security,low,none,cyber range\nfin-db01,dba,finance,critical,restricted,production\n";
        var feed = "10.1.0.1\n";
        var office = Assess(Alert(), View(Alert(), feed: feed, assets: assets));
        var lab = Assess(Alert(host: "range-ws01.acme.local"), View(Alert(host: "range-ws01.acme.local"), feed: feed, assets: assets));
        var critical = Assess(Alert(host: "fin-db01"), View(Alert(host: "fin-db01"), feed: feed, assets: assets));

        Assert.True(lab.Severity < office.Severity, $"{lab.Severity} should be below {office.Severity}");
        Assert.Contains("lowered one level: range-ws01 is a cyber range machine", lab.SeverityRationale);
        Assert.Contains(lab.Evidence, e => e.Key == "lab_asset");
        Assert.True(critical.Severity > office.Severity);
        Assert.Contains("raised one level: fin-db01 is a critical-criticality asset", critical.SeverityRationale);
    }

    [Fact]
    public void Without_feeds_or_inventories_triage_says_which_sources_were_not_used()
    {
        var view = View(Alert());
        Assert.Contains(view.Notes, u => u.StartsWith("local IOC feeds: none given", StringComparison.Ordinal));
        Assert.Contains(view.Notes, u => u.StartsWith("asset inventory: none given", StringComparison.Ordinal));
    }

    [Fact]
    public void Inventory_rows_with_problems_are_errors_with_lines_and_hosts_match_by_short_name()
    {
        var inventory = new Inventory();
        Assert.Empty(inventory.LoadAssets(Write("a.csv", "Hostname,Owner,Environment\nWS-01.acme.local,ann,production\n")));
        var errors = inventory.LoadUsers(Write("u.csv", "user,department,privileged\nACME\\Dave,IT,yes\n,HR,no\nerin,HR,maybe\n"));

        Assert.Equal("ann", inventory.FindAsset("ws-01")!.Owner);
        Assert.True(inventory.FindUser("dave@acme.com")!.Privileged);
        Assert.Equal([3L, 4L], errors.Select(e => e.Source.Line));
        Assert.Contains("privileged must be yes/no", errors[1].Reason);
    }
}
