using System.Text.Json;

namespace Verdict.Tests;

/// <summary>
/// Issue 5's "done when": one brute-force-then-success attack on bob, delivered as Elastic ECS NDJSON, a Splunk CIM
/// CSV and a Sentinel export (SecurityIncident and SecurityAlert rows), gives the same entities and the same verdict.
/// </summary>
public sealed class SameAttackTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "alerts", name);

    private static async Task<List<(string Entities, string Classification, string Decision)>> Triage(string file)
    {
        using var cli = new CliRunner();
        Assert.Equal(0, await cli.Run("triage", Fixture(file), "--logs", Fixture("bruteforce-auth.csv"), "--out", cli.PathOf("out")));
        var briefs = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json"))).RootElement.EnumerateArray().ToList();
        return [.. briefs.Select(b => (
            string.Join("; ", b.GetProperty("entities").EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()}:{e.GetProperty("value").GetString()}").Order(StringComparer.Ordinal)),
            b.GetProperty("classification").GetString()!,
            b.GetProperty("decision").GetString()!))];
    }

    [Fact]
    public async Task Ecs_cim_and_sentinel_give_the_same_entities_and_verdict()
    {
        var ecs = await Triage("bruteforce-ecs.ndjson");
        var cim = await Triage("bruteforce-cim.csv");
        var sentinel = await Triage("sentinel-bruteforce.json");

        Assert.Equal(2, ecs.Count);
        Assert.All(ecs, b => Assert.Equal(("ip:185.220.101.34; user:bob", "MALICIOUS", "escalate"), b));
        Assert.Equal(ecs, cim);
        Assert.Equal(ecs, sentinel);
    }
}
