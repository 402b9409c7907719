using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Verdict.Tests;

/// <summary>
/// `verdict mcp` as another agent runs it: the real CLI process, spoken to over its standard input and output with the
/// MCP SDK's client, on the acme sample logs.
/// </summary>
public sealed class McpProcessTests
{
    private static readonly string[] ReadOnlyTools =
        ["enrich_hash", "enrich_ip", "lookup_asset", "lookup_attack_technique", "lookup_user", "query_logs", "search_attack", "similar_past_cases", "user_baseline"];

    internal static string[] McpArguments() =>
        [Path.Combine(AppContext.BaseDirectory, "verdict.dll"), "mcp", "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml")];

    [Fact]
    public async Task An_agent_starts_verdict_mcp_lists_the_read_only_tools_and_queries_the_acme_logs()
    {
        var token = TestContext.Current.CancellationToken;
        var stderr = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "verdict", Command = "dotnet", Arguments = McpArguments(), StandardErrorLines = line => { lock (stderr) stderr.Add(line); },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: token);
        Assert.Equal("verdict", client.ServerInfo?.Name);

        var listed = await client.ListToolsAsync(cancellationToken: token);
        Assert.Equal(ReadOnlyTools, listed.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(listed, t => t.Name is "post_to_slack" or "comment_on_ticket");
        Assert.All(listed, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint));

        var count = await client.CallToolAsync("query_logs", new Dictionary<string, object?> { ["sql"] = "SELECT count(*) AS n FROM auth_events" }, cancellationToken: token);
        using var rows = JsonDocument.Parse(Text(count));
        var n = long.Parse(rows.RootElement.GetProperty("rows")[0][0].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(n > 1000, $"the acme logs hold {n} events");

        var refused = await client.CallToolAsync("query_logs", new Dictionary<string, object?> { ["sql"] = "DELETE FROM auth_events" }, cancellationToken: token);
        Assert.Contains("refused", Text(refused), StringComparison.Ordinal);
        var after = await client.CallToolAsync("query_logs", new Dictionary<string, object?> { ["sql"] = "SELECT count(*) AS n FROM auth_events" }, cancellationToken: token);
        Assert.Equal(Text(count), Text(after));
        lock (stderr) Assert.Contains(stderr, l => l.Contains("verdict mcp: serving 9 read-only tools", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_but_json_rpc_reaches_standard_output()
    {
        var token = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in McpArguments()) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(token);
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"query_logs","arguments":{"sql":"SELECT user FROM auth_events LIMIT 2"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"lookup_user","arguments":{"user":"nobody-at-all"}}}""");
        var lines = new List<string>();
        while (lines.Count < 3 && await process.StandardOutput.ReadLineAsync(token) is { } line) lines.Add(line);
        process.StandardInput.Close(); // the client goes away: the server ends
        lines.AddRange((await process.StandardOutput.ReadToEndAsync(token)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await process.WaitForExitAsync(token).WaitAsync(TimeSpan.FromSeconds(30), token);

        Assert.Equal(3, lines.Count);
        foreach (var line in lines)
        {
            using var message = JsonDocument.Parse(line);
            Assert.Equal("2.0", message.RootElement.GetProperty("jsonrpc").GetString());
        }
        // One answer per request; JSON-RPC lets a server answer concurrent requests in any order.
        Assert.Equal([1, 2, 3], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32()).Order());
        Assert.Contains("verdict mcp: serving", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_past_cases_answers_from_the_analysts_recorded_verdicts()
    {
        var token = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("verdict-mcp-");
        try
        {
            await using (var store = await Verdict.Storage.Feedback.SqliteFeedbackStore.OpenAsync(Path.Combine(data.FullName, Verdict.Storage.StorePaths.DatabaseFileName), token))
            {
                await store.AddAsync(new("ACME-17", "Impossible travel", "ip:203.0.113.7|user:alice", Analysis.Classification.Malicious, true, "session hijack", "dana", CliRunner.Now), token);
            }
            var transport = new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = "dotnet", Arguments = McpArguments(), EnvironmentVariables = new Dictionary<string, string?> { [Verdict.Storage.StorePaths.DataDirVariable] = data.FullName },
            });
            await using (var client = await McpClient.CreateAsync(transport, cancellationToken: token))
            {
                var result = await client.CallToolAsync("similar_past_cases", new Dictionary<string, object?> { ["query"] = "Impossible travel user alice" }, cancellationToken: token);
                using var answer = JsonDocument.Parse(Text(result));
                var past = Assert.Single(answer.RootElement.GetProperty("cases").EnumerateArray());
                Assert.Equal("ACME-17", past.GetProperty("alert_id").GetString());
                Assert.Equal("MALICIOUS", past.GetProperty("verdict").GetString());
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
