using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Verdict.Reporting;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;

namespace Verdict.Server.Apis;

/// <summary>
/// POST /triage: one alert in, its brief out, synchronously (not queued). The alert is stored as done (source "api") with
/// its brief, joins a case like a queued alert, and its notifications go to the outbox; the ids come back in the
/// X-Verdict-Alert-Id and X-Verdict-Case-Id headers. An alert sent again is triaged again but not stored twice.
/// </summary>
public static class TriageApi
{
    public static IEndpointRouteBuilder MapTriageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/triage", TriageAsync).RequireRole(Role.Analyst)
            .WithSummary("Triage one alert synchronously")
            .WithDescription("The body is one alert: JSON of any recognised schema (ECS, OCSF, CIM, Sentinel, vendor), CSV with a header row and one row (text/csv), or plain text. Returns the brief.")
            .Accepts<object>("application/json", "text/csv", "text/plain");
        return app;
    }

    internal static async Task<Results<Ok<BriefEntry>, UnprocessableEntity<BriefEntry>, ProblemHttpResult>> TriageAsync(
        HttpRequest request, TriageEngine engine, VerdictStore store, ServiceMetrics metrics, INotificationOutbox outbox, ServerOptions options, TimeProvider time)
    {
        var (body, problem) = await Body.ReadAsync(request);
        if (problem is not null) return (ProblemHttpResult)problem;
        var (records, errors) = AlertIntake.Split(body!, request.ContentType, engine.Context);
        if (records.Count + errors.Count == 0) return TypedResults.Problem("the body is empty; send one alert", statusCode: 400);
        if (records.Count + errors.Count > 1) return TypedResults.Problem("POST /triage takes one alert; send batches to POST /alerts", statusCode: 400);
        if (errors.Count == 1)
            return TypedResults.UnprocessableEntity(new BriefEntry { Source = new SourceEntry("request", errors[0].Line), Error = errors[0].Reason });
        metrics.Received(records[0].Source, 1);
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = request.HttpContext.RequestAborted;
        var result = (await engine.TriageAsync([(records[0].Json, "request")], cancellationToken))[0];
        if (result.Failed)
        {
            metrics.Failed();
            return TypedResults.UnprocessableEntity(result.Brief);
        }
        var b = TriageEngine.ForStore("request", result) with { Notifications = result.Outcome is { } o ? outbox.Compose(o) : [] };
        metrics.Triaged(b.Decision, Stopwatch.GetElapsedTime(started));
        b = await CaseGrouping.GroupAsync(store, engine.Context, b, result.Alert, options.CaseGap, time.GetUtcNow(), cancellationToken);
        var (alertId, caseId, duplicate) = await store.RecordTriagedAsync(new NewAlert(records[0].Json, "api", records[0].Fingerprint), b,
            ApiKeyMiddleware.Caller(request.HttpContext), options.CaseGap, time.GetUtcNow(), cancellationToken);
        if (!duplicate) await ModelAudit.RecordAsync(store, metrics, alertId, result, time.GetUtcNow(), cancellationToken);
        request.HttpContext.Response.Headers["X-Verdict-Alert-Id"] = alertId;
        if (caseId is not null) request.HttpContext.Response.Headers["X-Verdict-Case-Id"] = caseId;
        return TypedResults.Ok(result.Brief);
    }
}
