using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Verdict.Context;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Server;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;
using Verdict.Tests.Service;

namespace Verdict.Tests.Support;

/// <summary>The real server on 127.0.0.1 (a free port) over a test store, with a reader, an analyst and an admin key.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(TestStore store, WebApplication app, Uri address)
    {
        Store = store;
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public TestStore Store { get; }
    public WebApplication App { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }
    public string ReaderKey { get; private set; } = "";
    public string AnalystKey { get; private set; } = "";
    public string AdminKey { get; private set; } = "";

    public static async Task<RunningServer> StartAsync(string kind, ServerOptions? options = null, bool acme = false,
        Func<EnvironmentContext, LogStore, TriageEngine>? engine = null, Func<VerdictStore, TriageEngine>? engineOnStore = null)
    {
        var store = await TestStore.CreateAsync(kind);
        var context = EnvironmentContext.Default;
        var logs = LogStore.Empty;
        if (acme)
        {
            context = ContextLoader.Load(Acme("context.yaml")).Context!;
            (logs, _) = InputFiles.LoadLogs([Acme("auth_logs.csv.gz")], context, () => Stream.Null);
            logs.For("");
        }
        options = (options ?? new ServerOptions()) with { Urls = "http://127.0.0.1:0" };
        if (options.PollInterval == new ServerOptions().PollInterval) options = options with { PollInterval = TimeSpan.FromMilliseconds(50) };
        var app = await VerdictServer.StartAsync(options, store.Store, engineOnStore?.Invoke(store.Store) ?? engine?.Invoke(context, logs) ?? new TriageEngine(context, logs, TimeProvider.System));
        var server = new RunningServer(store, app, new Uri(VerdictServer.Urls(app)[0]));
        server.ReaderKey = await server.KeyAsync("reader");
        server.AnalystKey = await server.KeyAsync("analyst");
        server.AdminKey = await server.KeyAsync("admin");
        return server;
    }

    public async Task<string> KeyAsync(string role)
    {
        var key = ApiKeys.NewKey();
        await Store.Store.AddApiKeyAsync(ApiKeys.Hash(key), role, role + "-test", DateTimeOffset.UtcNow);
        return key;
    }

    public static string Acme(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Verdict.slnx"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "samples", "acme", file);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, string? key, string? body = null, string contentType = "application/json")
    {
        using var response = await SendAsync(method, path, key, body, contentType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Waits (bounded) until no alert is queued or being processed.</summary>
    public async Task DrainAsync(TimeSpan? limit = null)
    {
        var until = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < until)
        {
            var counts = await Store.Store.CountAsync(TestContext.Current.CancellationToken);
            if (counts.Queued + counts.Processing == 0) return;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the queue did not drain in time");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
    }
}

internal static class JsonExtensions
{
    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
