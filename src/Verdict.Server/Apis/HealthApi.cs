using Microsoft.AspNetCore.Http.HttpResults;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;

namespace Verdict.Server.Apis;

public sealed record HealthReport(string Status, string Store, bool StoreReachable, long QueueDepth, long Processing, int Workers);

/// <summary>GET /health (open: liveness and readiness) and GET /metrics (Prometheus text, reader key).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthAsync).WithSummary("Liveness and readiness: 200 when the store answers, else 503; queue depth");
        app.MapGet("/metrics", MetricsAsync).RequireRole(Role.Reader).WithSummary("Prometheus text format");
        return app;
    }

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> HealthAsync(VerdictStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        QueueCounts? counts = null;
        try
        {
            counts = await store.CountAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Not ready: reported below.
        }
        var report = new HealthReport(counts is null ? "unavailable" : "ok", store.Kind, counts is not null, counts?.Queued ?? -1, counts?.Processing ?? -1, options.Workers);
        return counts is null ? TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(report);
    }

    internal static async Task<ContentHttpResult> MetricsAsync(VerdictStore store, ServiceMetrics metrics, CancellationToken cancellationToken)
    {
        var counts = await store.CountAsync(cancellationToken);
        return TypedResults.Text(metrics.Render(counts.Queued, counts.Processing), "text/plain; version=0.0.4; charset=utf-8");
    }
}
