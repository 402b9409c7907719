using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Verdict.Server.Security;
using Verdict.Storage.Service;

namespace Verdict.Server.Apis;

public sealed record CaseAlertView(string AlertId, string? SourceAlertId, string? Rule, DateTimeOffset? Time, string Classification,
    string Severity, string Decision, JsonElement Brief, JsonElement Timeline);

public sealed record CaseDetail(CaseRow Case, IReadOnlyList<CaseAlertView> Alerts, IReadOnlyList<FeedbackRow> Feedback, IReadOnlyList<AuditEntry> History);

public sealed record StatusChange(string Status);

/// <summary>GET /cases (filters: severity, decision, status, since, until, limit) and GET /cases/{id} with alerts, briefs, feedback and history.</summary>
public static class CasesApi
{
    private static readonly string[] Statuses = ["open", "closed"];

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cases", ListAsync).RequireRole(Role.Reader).WithSummary("Cases, most recently updated first");
        app.MapGet("/cases/{id}", GetAsync).RequireRole(Role.Reader).WithSummary("A case with its alerts, briefs, timeline, feedback and history");
        app.MapPost("/cases/{id}/status", SetStatusAsync).RequireRole(Role.Analyst).WithSummary("Open or close a case");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<CaseRow>>, ProblemHttpResult>> ListAsync(VerdictStore store, CancellationToken cancellationToken,
        string? severity = null, string? decision = null, string? status = null, DateTimeOffset? since = null, DateTimeOffset? until = null, int limit = 100)
    {
        if (severity is not null && !Ranks.Severities.Contains(severity.ToUpperInvariant()))
            return TypedResults.Problem($"severity must be one of {string.Join(", ", Ranks.Severities)}", statusCode: 400);
        if (decision is not null && !Ranks.Decisions.Contains(decision.ToLowerInvariant()))
            return TypedResults.Problem($"decision must be one of {string.Join(", ", Ranks.Decisions)}", statusCode: 400);
        if (status is not null && !Statuses.Contains(status.ToLowerInvariant()))
            return TypedResults.Problem("status must be open or closed", statusCode: 400);
        return TypedResults.Ok(await store.ListCasesAsync(new CaseFilter(severity, decision, status, since, until, limit), cancellationToken));
    }

    internal static async Task<Results<Ok<CaseDetail>, NotFound>> GetAsync(string id, VerdictStore store, CancellationToken cancellationToken)
    {
        if (await store.GetCaseAsync(id, cancellationToken) is not { } row) return TypedResults.NotFound();
        var alerts = await store.CaseAlertsAsync(id, cancellationToken);
        var history = new List<AuditEntry>(await store.AuditAsync(id, cancellationToken: cancellationToken));
        foreach (var alert in alerts) history.AddRange(await store.AuditAsync(alert.AlertId, cancellationToken: cancellationToken));
        return TypedResults.Ok(new CaseDetail(row,
            [.. alerts.Select(a => new CaseAlertView(a.AlertId, a.SourceAlertId, a.Rule, a.AlertTime, a.Classification, a.Severity, a.Decision,
                JsonSerializer.Deserialize<JsonElement>(a.BriefJson), JsonSerializer.Deserialize<JsonElement>(a.TimelineJson)))],
            await store.FeedbackForCaseAsync(id, cancellationToken),
            [.. history.OrderBy(h => h.Id)]));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> SetStatusAsync(string id, StatusChange change, HttpContext http, VerdictStore store, TimeProvider time)
    {
        if (!Statuses.Contains(change.Status)) return TypedResults.Problem("status must be open or closed", statusCode: 400);
        return await store.SetCaseStatusAsync(id, change.Status, ApiKeyMiddleware.Caller(http), time.GetUtcNow(), http.RequestAborted)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
