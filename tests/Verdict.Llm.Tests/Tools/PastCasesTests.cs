using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Feedback;
using Verdict.Llm.Tools;
using Verdict.Storage.Feedback;
using Verdict.Tests.LlmAnalysis;
using Verdict.Tests.Support;

namespace Verdict.Tests.Tools;

/// <summary>similar_past_cases over analysts' verdicts stored in a real SQLite feedback store.</summary>
public sealed class PastCasesTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static FeedbackRecord Verdict(string id, string rule, string entities, Classification verdict, int daysLater, string? note = null) =>
        new(id, rule, entities, verdict, true, note, "dana", Day.AddDays(daysLater));

    [Fact]
    public async Task The_tool_returns_analyst_verdicts_for_the_same_rule_and_shared_entities_first()
    {
        var token = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var database = Path.Combine(temp.Path, "verdict.db");
        await using (var store = await SqliteFeedbackStore.OpenAsync(database, token))
        {
            await store.AddAsync(Verdict("A-1", "Impossible travel", "ip:203.0.113.7|user:alice", Classification.Malicious, 0, "token theft, reset by IR"), token);
            await store.AddAsync(Verdict("A-2", "Impossible travel", "user:bob", Classification.Benign, 1, "VPN"), token);
            await store.AddAsync(Verdict("A-3", "Encoded PowerShell", "host:ws-9|user:alice", Classification.Benign, 2), token);
            await store.AddAsync(Verdict("A-4", "Encoded PowerShell", "host:ws-1", Classification.Benign, 3), token);
        }
        var (cases, problem) = await PastCases.LoadAsync(database, token);
        Assert.Null(problem);
        var tools = new TriageTools(new ToolData(EnvironmentContext.Default, AnalystFixture.AuthLogs(), EnrichmentView.None, TimeProvider.System) { PastCases = cases.Search });

        using var answer = JsonDocument.Parse(tools.SimilarPastCases("Impossible travel for user Alice from 203.0.113.7"));
        var found = answer.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["A-1", "A-3", "A-2"], found.Select(c => c.GetProperty("alert_id").GetString()));
        Assert.Equal("MALICIOUS", found[0].GetProperty("verdict").GetString());
        Assert.Equal(["ip:203.0.113.7", "user:alice"], found[0].GetProperty("shared_entities").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("token theft, reset by IR", found[0].GetProperty("note").GetString());
        Assert.False(found[1].GetProperty("same_rule").GetBoolean());
        Assert.DoesNotContain(found, c => c.GetProperty("alert_id").GetString() == "A-4");

        Assert.StartsWith("no past cases with that rule or those entities", tools.SimilarPastCases("Brute force on host db-7"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_store_or_verdicts_the_tool_says_so()
    {
        using var temp = new TempDirectory();
        var (cases, problem) = await PastCases.LoadAsync(Path.Combine(temp.Path, "none.db"), TestContext.Current.CancellationToken);
        Assert.Null(problem);
        Assert.False(File.Exists(Path.Combine(temp.Path, "none.db"))); // read-only: nothing created
        Assert.StartsWith("no past cases: analysts have recorded no verdicts", cases.Search("Impossible travel alice"), StringComparison.Ordinal);

        var notSqlite = Path.Combine(temp.Path, "broken.db");
        await File.WriteAllTextAsync(notSqlite, "this is not a database", TestContext.Current.CancellationToken);
        var (none, broken) = await PastCases.LoadAsync(notSqlite, TestContext.Current.CancellationToken);
        Assert.Equal(0, none.Count);
        Assert.Contains("could not be read", broken, StringComparison.Ordinal);
    }
}
