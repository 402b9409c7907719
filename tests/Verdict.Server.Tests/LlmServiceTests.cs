using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Llm.Analyst;
using Verdict.Server;
using Verdict.Server.Triage;
using Verdict.Tests.Service;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>`verdict serve --analyst claude`: the workers and POST /triage ask a local Anthropic Messages API server.</summary>
public sealed class LlmServiceTests
{
    private const string Ecs = """
        {"@timestamp":"2026-11-20T09:15:00Z","event":{"id":"ecs-1","severity":73},"rule":{"name":"Encoded PowerShell"},"message":"PowerShell ran an encoded command","user":{"name":"alice"},"host":{"name":"WS-042"},"source":{"ip":"10.0.4.12"}}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task The_model_triages_queued_and_synchronous_alerts_and_its_tokens_and_tools_are_audited_per_call_and_counted(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var claude = new AnthropicServer((body, _) => body.ToJsonString().Contains("tool_result", StringComparison.Ordinal)
            ? AnthropicServer.Text(AnthropicServer.Answer("MALICIOUS", "HIGH", 0.9), input: 1000, output: 200)
            : AnthropicServer.ToolUse("lookup_user", new JsonObject { ["user"] = "alice" }));
        var options = new LlmOptions { Provider = "claude", BaseUrl = claude.BaseUrl, CritiquePasses = 0 };
        ServiceAnalyst? model = null;
        await using var s = await RunningServer.StartAsync(kind, new ServerOptions { Workers = 1 }, engine: (context, logs) =>
        {
            model = ServiceAnalyst.Create(options, context, logs, name => name == "ANTHROPIC_API_KEY" ? AnthropicServer.Key : null, TimeProvider.System,
                TimeSpan.FromMilliseconds(10));
            return new TriageEngine(context, logs, TimeProvider.System, model.Stage) { AnalystName = "claude" };
        });
        using var _ = model;

        var queued = await s.JsonAsync(HttpMethod.Post, "/alerts", s.AnalystKey, $"[{Ecs.Replace("ecs-1", "ecs-2", StringComparison.Ordinal)}, {Ecs.Replace("ecs-1", "ecs-3", StringComparison.Ordinal).Replace("alice", "bob", StringComparison.Ordinal)}]");
        var ids = queued.GetProperty("accepted").EnumerateArray().Select(a => a.Str("id")).ToList();
        await s.DrainAsync();
        using var direct = await s.SendAsync(HttpMethod.Post, "/triage", s.AnalystKey, Ecs);
        var brief = JsonSerializer.Deserialize<JsonElement>(await direct.Content.ReadAsStringAsync(ct));
        ids.Add(direct.Headers.GetValues("X-Verdict-Alert-Id").Single());

        Assert.StartsWith("claude-", brief.Str("analyst"), StringComparison.Ordinal);
        Assert.Equal("MALICIOUS", brief.Str("classification"));
        long input = 0, output = 0;
        foreach (var id in ids)
        {
            var stored = await s.JsonAsync(HttpMethod.Get, "/alerts/" + id, s.ReaderKey);
            Assert.StartsWith("claude-", stored.GetProperty("brief").Str("analyst"), StringComparison.Ordinal);
            var audit = await s.Store.Store.AuditAsync(id, cancellationToken: ct);
            var calls = audit.Where(a => a.Kind == "model_call").OrderBy(a => a.Id).ToList(); // one entry per model call, not one per alert
            Assert.Equal(2, calls.Count);
            Assert.Equal([1500L, 1000L], calls.Select(c => c.InputTokens!.Value)); // the tool round, then the answer
            Assert.Equal([80L, 200L], calls.Select(c => c.OutputTokens!.Value));
            Assert.All(calls, c => Assert.StartsWith("claude-", c.Actor, StringComparison.Ordinal));
            Assert.StartsWith("call 1 of 2; cached input 0", calls[0].Detail, StringComparison.Ordinal);
            Assert.Contains("assessment from the model", calls[1].Detail, StringComparison.Ordinal);
            Assert.Single(audit, a => a.Kind == "tool_call" && a.Detail == "lookup_user");
            Assert.All(audit, a => Assert.DoesNotContain("model's view", a.Detail ?? "", StringComparison.Ordinal)); // tokens, not content
            (input, output) = (input + calls.Sum(c => c.InputTokens!.Value), output + calls.Sum(c => c.OutputTokens!.Value));
        }
        var metrics = await (await s.SendAsync(HttpMethod.Get, "/metrics", s.ReaderKey)).Content.ReadAsStringAsync(ct);
        Assert.Contains($"verdict_model_tokens_total{{direction=\"input\"}} {input.ToString(CultureInfo.InvariantCulture)}\n", metrics, StringComparison.Ordinal);
        Assert.Contains($"verdict_model_tokens_total{{direction=\"output\"}} {output.ToString(CultureInfo.InvariantCulture)}\n", metrics, StringComparison.Ordinal);
        Assert.Equal(6, claude.Count);
    }
}
