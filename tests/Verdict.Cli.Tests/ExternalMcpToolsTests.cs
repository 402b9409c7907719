using System.Text.Json.Nodes;
using Verdict.Llm.Mcp;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>`triage --analyst claude --mcp-server acme=...`: `verdict mcp` itself as an external tool source the model calls.</summary>
public sealed class ExternalMcpToolsTests
{
    [Fact]
    public async Task The_model_calls_an_external_mcp_servers_tool_by_its_prefixed_name_and_gets_the_result()
    {
        // Each alert: the model first asks the external server's query_logs, then answers once the result is back.
        await using var server = new AnthropicServer((body, n) =>
        {
            var last = body["messages"]!.AsArray().Last()!["content"];
            var hasResult = last is JsonArray blocks && blocks.Any(b => (string?)b!["type"] == "tool_result");
            return hasResult
                ? AnthropicServer.Text(AnthropicServer.Answer("SUSPICIOUS", "MEDIUM", 0.6))
                : AnthropicServer.ToolUse("acme_query_logs", new JsonObject { ["sql"] = "SELECT count(*) AS n FROM auth_events" }, $"toolu_{n:000}");
        });
        using var cli = new CliRunner();
        cli.Environment["ANTHROPIC_API_KEY"] = AnthropicServer.Key;
        cli.Environment["ANTHROPIC_BASE_URL"] = server.BaseUrl.ToString();
        var spec = "acme=dotnet " + string.Join(' ', McpProcessTests.McpArguments().Select(a => $"\"{a}\""));

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml"),
            "--out", cli.PathOf("out"), "--analyst", "claude", "--critique-passes", "0", "--mcp-server", spec, "--mcp-server", "broken", "-q");

        Assert.Equal(0, code);
        var output = cli.Output.ReplaceLineEndings(" ");
        Assert.Contains("MCP server acme: 9 read-only tool(s)", output, StringComparison.Ordinal);
        Assert.Contains("--mcp-server 'broken': expected name=command", output, StringComparison.Ordinal);
        var first = JsonNode.Parse(server.Requests.First().Body)!;
        var names = first["tools"]!.AsArray().Select(t => (string?)t!["name"]).ToList();
        Assert.Contains("query_logs", names);
        Assert.Contains("acme_query_logs", names);
        Assert.Contains("acme_similar_past_cases", names);
        Assert.DoesNotContain("acme_post_to_slack", names);
        var results = server.Requests.Select(r => JsonNode.Parse(r.Body)!["messages"]!.AsArray().Last()!["content"])
            .OfType<JsonArray>().SelectMany(b => b).Where(b => (string?)b!["type"] == "tool_result").Select(b => b!.ToJsonString()).ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Contains("rows", r, StringComparison.Ordinal));
        var briefs = JsonNode.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json")))!.AsArray();
        Assert.Contains(briefs, b => b!["tool_calls"] is JsonArray calls && calls.Any(c => (string?)c == "acme_query_logs"));
    }

    [Theory]
    [InlineData("logs=verdict mcp --logs \"my logs.csv\"", "logs", "verdict", "mcp|--logs|my logs.csv")]
    [InlineData("x_1=python3 server.py", "x_1", "python3", "server.py")]
    public void A_server_spec_is_a_name_a_command_and_arguments(string spec, string name, string command, string arguments)
    {
        var parsed = ExternalMcpTools.Parse(spec, out var error);
        Assert.Null(error);
        Assert.Equal((name, command, arguments), (parsed!.Value.Name, parsed.Value.Command, string.Join('|', parsed.Value.Arguments)));
        Assert.Null(ExternalMcpTools.Parse("bad name=cmd", out error));
        Assert.NotNull(error);
    }
}
