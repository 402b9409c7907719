using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;

namespace Verdict.Server.Apis;

public sealed record AcceptedAlert(string Id, bool Duplicate, string Status);

public sealed record RejectedRecord(long Line, string Reason);

public sealed record AlertsAccepted(IReadOnlyList<AcceptedAlert> Accepted, IReadOnlyList<RejectedRecord> Errors);

public sealed record AlertStatus(string Id, string Status, string Source, DateTimeOffset ReceivedAt, int Attempts, string? CaseId,
    string? ProcessedBy, DateTimeOffset? FinishedAt, string? Error, JsonElement? Brief);

/// <summary>POST /alerts: a batch or a SIEM webhook, queued (202 with ids); GET /alerts/{id}: where an alert is.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/alerts", EnqueueAsync).RequireRole(Role.Analyst)
            .WithSummary("Queue alerts: a batch or a Splunk/Elastic alert-action webhook")
            .WithDescription("JSON array, NDJSON, {\"alerts\": [...]}, a Splunk webhook ({\"result\": {...}, \"search_name\": ...}), a Kibana webhook ({\"alerts\": [...]} or {\"context\": {\"alerts\": [...]}}), CSV (text/csv) or plain text. Returns 202 with one id per alert (a re-sent alert keeps its first id) and one error per unreadable record.")
            .Accepts<object>("application/json", "application/x-ndjson", "text/csv", "text/plain");
        app.MapGet("/alerts/{id}", GetAsync).RequireRole(Role.Reader).WithSummary("An alert's queue status, with its brief once triaged");
        return app;
    }

    internal static async Task<Results<Accepted<AlertsAccepted>, BadRequest<AlertsAccepted>, ProblemHttpResult>> EnqueueAsync(
        HttpRequest request, TriageEngine engine, VerdictStore store, ServiceMetrics metrics, ServerOptions options, TimeProvider time)
    {
        var (body, problem) = await Body.ReadAsync(request);
        if (problem is not null) return (ProblemHttpResult)problem;
        var (records, errors) = AlertIntake.Split(body!, request.ContentType, engine.Context);
        var rejected = errors.Select(e => new RejectedRecord(e.Line, e.Reason)).ToList();
        if (records.Count == 0)
        {
            if (rejected.Count == 0) rejected.Add(new RejectedRecord(0, "the body holds no alert"));
            return TypedResults.BadRequest(new AlertsAccepted([], rejected));
        }
        if (records.Count > options.MaxBatch)
            return TypedResults.Problem($"{records.Count} alerts in one request; at most {options.MaxBatch}", statusCode: StatusCodes.Status413PayloadTooLarge);
        var stored = await store.EnqueueAsync([.. records.Select(r => new NewAlert(r.Json, r.Source, r.Fingerprint))], time.GetUtcNow(), request.HttpContext.RequestAborted);
        foreach (var group in records.GroupBy(r => r.Source)) metrics.Received(group.Key, group.Count());
        return TypedResults.Accepted((string?)null, new AlertsAccepted([.. stored.Select(s => new AcceptedAlert(s.Id, s.Duplicate, s.Status))], rejected));
    }

    internal static async Task<Results<Ok<AlertStatus>, NotFound>> GetAsync(string id, VerdictStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAlertAsync(id, cancellationToken) is not { } a) return TypedResults.NotFound();
        return TypedResults.Ok(new AlertStatus(a.Id, a.Status, a.Source, a.ReceivedAt, a.Attempts, a.CaseId, a.ProcessedBy, a.FinishedAt, a.Error,
            a.BriefJson is null ? null : JsonSerializer.Deserialize<JsonElement>(a.BriefJson)));
    }
}
