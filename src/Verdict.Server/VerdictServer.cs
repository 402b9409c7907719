using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Scalar.AspNetCore;
using Verdict.Reporting;
using Verdict.Server.Apis;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;

namespace Verdict.Server;

/// <summary>
/// Builds and starts the service: the REST API, the queue workers and the analyst console over one store. The CLI's
/// `verdict serve` and the tests both start it through <see cref="StartAsync"/>.
/// </summary>
public static class VerdictServer
{
    /// <summary>Migrates the store, then starts listening; the returned app's <see cref="Urls"/> are the bound addresses.</summary>
    public static async Task<WebApplication> StartAsync(ServerOptions options, VerdictStore store, TriageEngine engine, TimeProvider? time = null,
        INotificationOutbox? outbox = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await store.MigrateAsync(cancellationToken);
        ArgumentNullException.ThrowIfNull(options);
        outbox ??= options.NotifyTargets.Count > 0 ? new OutboxNotifications(options.NotifyTargets, options.NotifyMinSeverity) : new NoNotifications();
        var app = Build(options, store, engine, time ?? TimeProvider.System, outbox);
        await app.StartAsync(cancellationToken);
        return app;
    }

    public static IReadOnlyList<string> Urls(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Urls];
    }

    public static WebApplication Build(ServerOptions options, VerdictStore store, TriageEngine engine, TimeProvider time, INotificationOutbox outbox)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(VerdictServer).Assembly.GetName().Name, Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        var services = builder.Services;
        services.AddSingleton(options).AddSingleton(store).AddSingleton(engine).AddSingleton(time).AddSingleton(outbox).AddSingleton<ServiceMetrics>();
        var instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 1; i <= options.Workers; i++)
        {
            var name = $"{instance}:w{i}";
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TriageWorker>(sp, name));
        }
        if (options.NotifyTargets.Count > 0) services.AddHostedService<NotificationDelivery>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, VerdictJson.Default);
        });
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Verdict";
            document.Info.Description = "Security-alert triage as a service. Send an API key in X-Api-Key or Authorization: Bearer (`verdict keys create --role analyst`).";
            return Task.CompletedTask;
        }));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetFixedWindowLimiter(
                ApiKeys.FromRequest(http.Request) is { } key ? "key:" + ApiKeys.Hash(key) : "ip:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        var app = builder.Build();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("Verdict API"));
        app.MapHealthApi().MapTriageApi().MapAlertsApi().MapCasesApi().MapFeedbackApi().MapConsoleApi();
        return app;
    }
}
