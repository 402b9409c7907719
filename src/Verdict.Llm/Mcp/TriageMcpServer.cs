using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Verdict.Llm.Tools;

namespace Verdict.Llm.Mcp;

/// <summary>
/// The analyst's read-only tools served over the Model Context Protocol, so other agents (Claude Desktop, Claude Code,
/// any MCP client) can query the logs, intel, inventory and ATT&amp;CK the way Verdict's own analyst does. The staging
/// actions are not served: nothing an MCP client calls here changes anything.
/// </summary>
public static class TriageMcpServer
{
    public static McpServer Create(ITransport transport, TriageTools tools)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "verdict", Version = typeof(TriageMcpServer).Assembly.GetName().Version?.ToString() ?? "1.0" },
            ServerInstructions = "Read-only security triage tools: query_logs (SQL over auth_events), enrich_ip, enrich_hash, lookup_asset, lookup_user, lookup_attack_technique, search_attack, user_baseline, similar_past_cases.",
            ToolCollection = [],
        };
        // From the methods themselves, so a string result is sent as plain text rather than a JSON-encoded string.
        foreach (var (name, method) in ToolSet.Methods(tools))
            options.ToolCollection.Add(McpServerTool.Create(method, new McpServerToolCreateOptions { Name = name, ReadOnly = true, Destructive = false, OpenWorld = false }));
        return McpServer.Create(transport, options);
    }

    /// <summary>Serves on standard input and output until the client disconnects or the token is cancelled.</summary>
    public static async Task RunStdioAsync(TriageTools tools, CancellationToken cancellationToken)
    {
        await using var transport = new StdioServerTransport("verdict");
        await using var server = Create(transport, tools);
        await server.RunAsync(cancellationToken);
    }
}
