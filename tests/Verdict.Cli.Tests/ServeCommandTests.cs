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

    [GeneratedRegex(@"vk_[A-Za-z0-9_\-]{20,}")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UrlPattern();
}
