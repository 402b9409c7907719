using System.Text.Json.Nodes;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>`triage --analyst claude` end to end, the model answering through a local Anthropic Messages API server.</summary>
public sealed class TriageLlmAnalystTests
{
    [Fact]
    public async Task Triage_with_claude_asks_the_model_only_for_unsettled_alerts_and_records_who_decided()
    {
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS", "MEDIUM", 0.6), input: 900, cacheRead: 2500, cacheWrite: 0));
        using var cli = new CliRunner();
        cli.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        cli.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString();

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"),
            "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"), "--analyst", "claude", "--critique-passes", "0", "-q");

        Assert.Equal(0, code);
        var briefs = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json")))!.AsArray();
        var byModel = briefs.Where(b => ((string?)b!["analyst"])?.StartsWith("claude-", StringComparison.Ordinal) == true).ToList();
        var offline = briefs.Count(b => (string?)b!["analyst"] == "offline");
        Assert.NotEmpty(byModel);
        Assert.True(offline > 0, "clear cases are settled offline");
        Assert.Equal(server.Count, byModel.Sum(b => (int)b!["llm_calls"]!));
        Assert.All(byModel, b => Assert.NotNull(b!["offline_classification"]));
        var strongCalls = server.Requests.Count(r => (string?)JsonNode.Parse(r.Body)!["model"] == "claude-sonnet-4-5");
        TestContext.Current.SendDiagnosticMessage($"acme: {briefs.Count} alerts, {byModel.Count} by the model, {strongCalls} strong-model calls, {offline} offline");
        Assert.Contains("settled offline without a call", cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains("cached share of input", cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicServer.Key, cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicServer.Key, File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_generated_demo_company_fewer_than_one_in_ten_alerts_reach_the_strong_model()
    {
        // The scripted model is decisive (MALICIOUS, 90%) on about half the alerts and unsure (SUSPICIOUS, 60%) on the rest;
        // the first request writes the cache, later ones read it.
        await using var server = new AnthropicServer((body, n) => AnthropicServer.Text(
            StableHash(body["messages"]![0]!.ToJsonString()) % 2 == 0 ? AnthropicServer.Answer("MALICIOUS", "HIGH", 0.9) : AnthropicServer.Answer("SUSPICIOUS", "MEDIUM", 0.6),
            input: 3400, cacheRead: n == 0 ? 0 : 2500, cacheWrite: n == 0 ? 2500 : 0));
        using var cli = new CliRunner();
        cli.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        cli.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString();
        Assert.Equal(0, await cli.Run("demo", "--out", cli.PathOf("demo"), "--alerts", "300", "--employees", "60", "--days", "10"));

        var code = await cli.Run("triage", Path.Combine(cli.PathOf("demo"), "alerts.csv"), "--logs", Path.Combine(cli.PathOf("demo"), "auth_logs.csv"),
            "--context", Path.Combine(cli.PathOf("demo"), "context.yaml"), "--out", cli.PathOf("out"), "--analyst", "claude", "-q");

        Assert.Equal(0, code);
        var briefs = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json")))!.AsArray();
        var strong = briefs.Count(b => (string?)b!["analyst"] == "claude-sonnet-4-5");
        var output = cli.Output.ReplaceLineEndings(" ");
        var summary = output[output.IndexOf("LLM analyst claude (", StringComparison.Ordinal)..];
        TestContext.Current.SendDiagnosticMessage($"demo: {briefs.Count} alerts, {strong} by the strong model; {summary[..Math.Min(600, summary.Length)]}");
        Assert.True(strong * 10 < briefs.Count, $"{strong} of {briefs.Count} alerts reached the strong model");
        Assert.Contains("cached share of input", summary, StringComparison.Ordinal);
    }

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c)) & int.MaxValue;

    [Fact]
    public async Task The_price_table_is_configurable_and_a_bad_price_is_a_usage_error()
    {
        // Every call: 1,000,000 uncached input tokens and no output, so the estimated cost is the input price per call.
        await using var server = new AnthropicServer((_, _) => AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS", "MEDIUM", 0.6), input: 1_000_000, cacheRead: 0, cacheWrite: 0));
        using var cli = new CliRunner();
        cli.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        cli.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString();

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml"),
            "--out", cli.PathOf("out"), "--analyst", "claude", "--critique-passes", "0", "-q", "--llm-cost-budget", "0", "--llm-token-budget", "0",
            "--llm-price", "claude-sonnet-4-5=0.5/0/0/0", "--llm-price", "claude-haiku-4-5=0.5/0/0/0");

        Assert.Equal(0, code);
        Assert.True(server.Count > 0);
        Assert.Contains($"estimated cost ${server.Count * 0.5m:F4}", cli.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);

        using var bad = new CliRunner();
        bad.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        Assert.Equal(2, await bad.Run("triage", CliRunner.Acme("alerts.csv"), "--analyst", "claude", "--llm-price", "claude-sonnet-4-5=3/15"));
        Assert.Contains("--llm-price 'claude-sonnet-4-5=3/15' should be MODEL=INPUT/OUTPUT/CACHE_READ/CACHE_WRITE", bad.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claude_without_a_key_is_refused_before_anything_runs()
    {
        using var cli = new CliRunner();

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--out", cli.PathOf("out"), "--analyst", "claude");

        Assert.Equal(2, code);
        Assert.Contains("ANTHROPIC_API_KEY", cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }
}
