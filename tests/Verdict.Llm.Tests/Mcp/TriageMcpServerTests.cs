using System.IO.Pipelines;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Mcp;
using Verdict.Llm.Tools;
using Verdict.Storage.Logs;
using Verdict.Tests.LlmAnalysis;

namespace Verdict.Tests.Mcp;

/// <summary>The MCP server over a real MCP session (the SDK's client and server on in-memory pipes).</summary>
public sealed class TriageMcpServerTests
{
    [Fact]
    public async Task An_mcp_client_lists_the_read_only_tools_and_queries_the_logs()
    {
        var token = TestContext.Current.CancellationToken;
        var logs = AnalystFixture.AuthLogs();
        using var duck = DuckLogStore.Create(logs.All);
        var tools = new TriageTools(new ToolData(EnvironmentContext.Default, logs, EnrichmentView.None, TimeProvider.System) { LogStore = duck });
        Pipe toServer = new(), toClient = new();
        await using var server = TriageMcpServer.Create(new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()), tools);
        var running = server.RunAsync(token);
        await using (var client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()), cancellationToken: token))
        {
            var listed = await client.ListToolsAsync(cancellationToken: token);
            Assert.Equal(["enrich_hash", "enrich_ip", "lookup_asset", "lookup_attack_technique", "lookup_user", "query_logs", "search_attack", "similar_past_cases", "user_baseline"],
                listed.Select(t => t.Name).Order());
            Assert.DoesNotContain(listed, t => t.Name is "post_to_slack" or "comment_on_ticket");
            Assert.All(listed, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint));

            var result = await client.CallToolAsync("query_logs", new Dictionary<string, object?> { ["sql"] = "SELECT count(*) AS n FROM auth_events WHERE success" }, cancellationToken: token);
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
            Assert.Contains("\"rows\":[[\"1\"]]", text, StringComparison.Ordinal); // plain JSON text, not a JSON-encoded string

            var refused = await client.CallToolAsync("query_logs", new Dictionary<string, object?> { ["sql"] = "DROP TABLE auth_events" }, cancellationToken: token);
            Assert.Contains("refused", string.Concat(refused.Content.OfType<TextContentBlock>().Select(b => b.Text)), StringComparison.Ordinal);
        }
        toServer.Writer.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(10), token);
    }
}
