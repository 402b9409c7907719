using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>One labeled fixture: the alert as a source would send it, and whether it is an attack or benign-but-alerting.</summary>
public sealed record FamilyFixture(string Id, string Input, bool Attack, string Note);

/// <summary>
/// Loads tests/data/families/*.jsonl (id / input / expected) and triages them through the real pipeline: the JSON alert
/// reader, the context file, local enrichment (IOC feed, assets, users) and <see cref="TriageRun"/>.
/// </summary>
public static class FamilyFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static EnvironmentContext Context(string file = "context.yaml")
    {
        var loaded = ContextLoader.Load(TestData.Fixture($"families/{file}"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    public static List<FamilyFixture> Load(string family)
    {
        var list = new List<FamilyFixture>();
        foreach (var line in File.ReadLines(TestData.Fixture($"families/{family}.jsonl")).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var expected = root.GetProperty("expected").GetString();
            Assert.True(expected is "attack" or "benign", $"{family}: expected must be attack or benign, got {expected}");
            list.Add(new(root.GetProperty("id").GetString()!, root.GetProperty("input").GetRawText(), expected == "attack",
                root.TryGetProperty("note", out var n) || root.TryGetProperty("scenario", out n) ? n.GetString() ?? "" : ""));
        }
        return list;
    }

    /// <summary>Triages the fixtures (each alert on its own) and returns the outcomes in order.</summary>
    public static IReadOnlyList<AlertOutcome> Triage(IReadOnlyList<FamilyFixture> fixtures, EnvironmentContext? context = null)
    {
        context ??= Context();
        var ndjson = string.Join("\n", fixtures.Select(f => f.Input));
        var records = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), "fixtures.jsonl", context).ToList();
        var alerts = records.Where(r => r.Success).Select(r => r.Value!).ToList();
        var (indicators, inventory, errors) = LocalEnrichment.Load(new LocalEnrichment.Sources([TestData.Fixture("families/intel.txt")], [],
            TestData.Fixture("families/assets.csv"), TestData.Fixture("families/users.csv")), Now);
        Assert.Empty(errors);
        var time = new FakeTimeProvider(Now);
        var enrichment = LocalEnrichment.EnrichAsync(alerts, indicators, inventory, IntelSources.None, time).GetAwaiter().GetResult();
        var result = new TriageRun(context, new LogStore(), new OfflineAnalyst(AnalystOptions.For(context)), time, enrichment: enrichment)
            .Run(records, [], perAlert: true);
        Assert.Equal(fixtures.Count, result.Alerts.Count);
        Assert.All(result.Alerts, a => Assert.Null(a.Error));
        return result.Alerts;
    }

    /// <summary>Each fixture's outcome by the fixture's id (outcomes pair with fixtures by position; a product's own alert id may differ).</summary>
    public static Dictionary<string, AlertOutcome> ById(IReadOnlyList<FamilyFixture> fixtures, IReadOnlyList<AlertOutcome> outcomes) =>
        fixtures.Select((f, i) => (f.Id, Outcome: outcomes[i])).ToDictionary(p => p.Id, p => p.Outcome);

    /// <summary>Each fixture's alert as read, by the fixture's id.</summary>
    public static Dictionary<string, Verdict.Alerts.Alert> AlertsById(IReadOnlyList<FamilyFixture> fixtures, IReadOnlyList<AlertOutcome> outcomes) =>
        fixtures.Select((f, i) => (f.Id, Alert: outcomes[i].Alert!)).ToDictionary(p => p.Id, p => p.Alert);

    /// <summary>
    /// Prints each fixture's verdict and evidence and returns the ids decided against their label (an attack closed, or
    /// benign left open, or decided without the evidence key <paramref name="reasons"/> names for its id). Outcomes pair
    /// with fixtures by position; <paramref name="idsRead"/> false for products whose own event ids are not the fixture's.
    /// </summary>
    public static List<string> Misdecided(IReadOnlyList<FamilyFixture> fixtures, IReadOnlyList<AlertOutcome> outcomes, ITestOutputHelper output,
        IReadOnlyDictionary<string, string>? reasons = null, bool idsRead = true)
    {
        var wrong = new List<string>();
        for (var i = 0; i < fixtures.Count; i++)
        {
            var (f, a) = (fixtures[i], outcomes[i].Assessment!);
            if (idsRead) Assert.Equal(f.Id, outcomes[i].Alert!.Id);
            var right = f.Attack ? a.Classification != Classification.Benign : a.Classification == Classification.Benign;
            if (reasons is not null && reasons.TryGetValue(f.Id, out var key)) right &= a.Evidence.Any(e => e.Key == key);
            output.WriteLine($"{(right ? "  ok" : "MISS")} {f.Id} {a.Classification,-10} P={a.MaliciousProbability:F2} {f.Note}: "
                + string.Join(" | ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight:+0.0;-0.0;0}")));
            if (!right) wrong.Add(f.Id);
        }
        return wrong;
    }
}
