using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Verdict.Llm.Mcp;

/// <summary>
/// External MCP servers (stdio) as extra tool sources for the analyst, configured as "name=command arg1 arg2" (double
/// quotes group an argument with spaces). Only tools the server marks read-only (readOnlyHint) are offered to the model,
/// named "name_tool"; the others are left out and said so. A server that cannot be started is skipped with a note.
/// </summary>
public sealed class ExternalMcpTools : IAsyncDisposable
{
    private readonly List<McpClient> clients = [];

    public List<AIFunction> Tools { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>(name, command, arguments) from "name=command args", or an error.</summary>
    public static (string Name, string Command, string[] Arguments)? Parse(string spec, out string? error)
    {
        error = null;
        var eq = spec.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? spec[..eq].Trim() : "";
        var words = eq > 0 ? Split(spec[(eq + 1)..]) : [];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || words.Count == 0)
        {
            error = $"--mcp-server '{spec}': expected name=command [args], the name in letters, digits, '-' or '_'";
            return null;
        }
        return (name, words[0], [.. words.Skip(1)]);
    }

    public static async Task<ExternalMcpTools> ConnectAsync(IEnumerable<string> specs, CancellationToken cancellationToken)
    {
        var result = new ExternalMcpTools();
        foreach (var spec in specs)
        {
            if (Parse(spec, out var error) is not { } server)
            {
                result.Notes.Add(error!);
                continue;
            }
            try
            {
                var transport = new StdioClientTransport(new StdioClientTransportOptions { Name = server.Name, Command = server.Command, Arguments = server.Arguments, StandardErrorLines = _ => { } });
                var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
                result.clients.Add(client);
                var listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
                var readOnly = listed.Where(t => t.ProtocolTool.Annotations?.ReadOnlyHint == true).ToList();
                result.Tools.AddRange(readOnly.Select(t => t.WithName($"{server.Name}_{t.Name}")));
                result.Notes.Add($"MCP server {server.Name}: {readOnly.Count} read-only tool(s)" +
                    (readOnly.Count < listed.Count ? $", {listed.Count - readOnly.Count} not marked read-only left out" : ""));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result.Notes.Add($"MCP server {server.Name}: not used, it could not be started or listed ({e.GetType().Name}: {e.Message})");
            }
        }
        return result;
    }

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (var c in text)
        {
            if (c == '"') (quoted, any) = (!quoted, true);
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) words.Add(current.ToString());
                (current, any) = (new(), false);
            }
            else (any, _) = (true, current.Append(c));
        }
        if (any) words.Add(current.ToString());
        return words;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients) await client.DisposeAsync();
    }
}
