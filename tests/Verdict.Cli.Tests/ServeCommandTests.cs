using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Verdict.Cli;

namespace Verdict.Tests;

/// <summary>`verdict keys create` prints a key once and stores only its hash; `verdict serve` answers with it.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task A_created_key_opens_the_served_api_and_is_never_stored_in_clear()
    {
        using var cli = new CliRunner();
        var db = cli.PathOf("verdict.db");
        Assert.Equal(0, await cli.Run("keys", "create", "--role", "reader", "--name", "grafana", "--connection", db));
        var key = KeyPattern().Match(cli.Output).Value;
        Assert.StartsWith("vk_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(db, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var console = new Spectre.Console.Testing.TestConsole { Profile = { Width = 240 } };
        var serve = VerdictApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--workers", "0", "--connection", db],
            new CliServices(console, new FakeTimeProvider(CliRunner.Now), () => Stream.Null), stop.Token);
        string? address = null;
        for (var i = 0; i < 300 && address is null && !serve.IsCompleted; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            address = UrlPattern().Match(console.Output).Value is { Length: > 0 } url ? url : null;
        }
        Assert.NotNull(address);
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/cases", TestContext.Current.CancellationToken)).StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/cases", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync("/alerts", new StringContent("{}"), TestContext.Current.CancellationToken)).StatusCode);
        await stop.CancelAsync();
        Assert.Equal(0, await serve);
        Assert.DoesNotContain(key, console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_a_usage_error()
    {
        using var cli = new CliRunner();
        cli.Environment["VERDICT_STORE_CONNECTION"] = null;
        Assert.Equal(2, await cli.Run("keys", "create", "--role", "admin", "--store", "postgres"));
        Assert.Contains("--store postgres needs --connection", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_checks_the_analyst_and_notification_options_before_it_starts()
    {
        using var cli = new CliRunner();
        var db = cli.PathOf("verdict.db");
        cli.Environment["ANTHROPIC_API_KEY"] = null;
        Assert.Equal(2, await cli.Run("serve", "--urls", "http://127.0.0.1:0", "--connection", db, "--analyst", "sherlock"));
        Assert.Contains("unknown analyst 'sherlock'", cli.Output, StringComparison.Ordinal);
        Assert.Equal(2, await cli.Run("serve", "--urls", "http://127.0.0.1:0", "--connection", db, "--analyst", "claude"));
        Assert.Contains("ANTHROPIC_API_KEY", cli.Output, StringComparison.Ordinal);
        Assert.Equal(2, await cli.Run("serve", "--urls", "http://127.0.0.1:0", "--connection", db, "--notify", "pager=https://hooks.example.com/T0/SECRET"));
        Assert.Contains("--notify takes KIND=URL", cli.Output, StringComparison.Ordinal);
        Assert.Equal(2, await cli.Run("serve", "--urls", "http://127.0.0.1:0", "--connection", db, "--notify-min-severity", "loud"));
        Assert.DoesNotContain("SECRET", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_the_claude_analyst_and_a_webhook_names_the_target_by_host_only()
    {
        using var cli = new CliRunner();
        cli.Environment["ANTHROPIC_API_KEY"] = "test-key-" + Guid.NewGuid().ToString("N");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var console = new Spectre.Console.Testing.TestConsole { Profile = { Width = 240 } };
        var serve = VerdictApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--workers", "0", "--connection", cli.PathOf("verdict.db"), "--analyst", "claude",
                "--llm-url", "http://127.0.0.1:9/", "--notify", "slack=https://hooks.slack.com/services/T0/B0/SECRET", "--notify-min-severity", "medium"],
            new CliServices(console, new FakeTimeProvider(CliRunner.Now), () => Stream.Null) { Environment = n => cli.Environment.GetValueOrDefault(n) }, stop.Token);
        for (var i = 0; i < 300 && !console.Output.Contains("Notifications:", StringComparison.Ordinal) && !serve.IsCompleted; i++)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        Assert.Equal(0, await serve);
        Assert.Contains("LLM analyst: claude", console.Output, StringComparison.Ordinal);
        Assert.Contains("Notifications: slack (https://hooks.slack.com/…) for escalations at MEDIUM or above", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", console.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"vk_[A-Za-z0-9_\-]{20,}")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UrlPattern();
}
