using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Verdict.Server.Security;
using Verdict.Server.Triage;
using Verdict.Storage.Service;

namespace Verdict.Server.Apis;

/// <summary>An analyst's verdict on an alert or a case: right, or wrong with the right classification and severity.</summary>
public sealed record FeedbackRequest(string? AlertId, string? CaseId, bool Correct, string? Classification, string? Severity, string? Note);

public sealed record FeedbackCreated(long Id);

/// <summary>POST /feedback and GET /feedback/accuracy.</summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/feedback", AddAsync).RequireRole(Role.Analyst).WithSummary("Confirm or correct Verdict's verdict on an alert or case");
        app.MapGet("/feedback/accuracy", AccuracyAsync).RequireRole(Role.Reader)
            .WithSummary("Accuracy overall, per classification, per rule and per day, with the confusion matrix");
        return app;
    }

    internal static async Task<Results<Created<FeedbackCreated>, NotFound<ProblemDetails>, ProblemHttpResult>> AddAsync(
        FeedbackRequest request, HttpContext http, VerdictStore store, TimeProvider time)
    {
        var ct = http.RequestAborted;
        if ((request.AlertId is null) == (request.CaseId is null)) return TypedResults.Problem("name alert_id or case_id (one of them)", statusCode: 400);
        if (request.Classification is { } c && !Ranks.Classifications.Contains(c.ToUpperInvariant()))
            return TypedResults.Problem($"classification must be one of {string.Join(", ", Ranks.Classifications)}", statusCode: 400);
        if (request.Severity is { } s && !Ranks.Severities.Contains(s.ToUpperInvariant()))
            return TypedResults.Problem($"severity must be one of {string.Join(", ", Ranks.Severities)}", statusCode: 400);
        if (!request.Correct && request.Classification is null) return TypedResults.Problem("a correction needs the right classification", statusCode: 400);
        if (request.Note is { Length: > 4000 }) return TypedResults.Problem("the note is longer than 4000 characters", statusCode: 400);
        var exists = request.AlertId is { } a ? await store.AlertExistsAsync(a, ct) : await store.GetCaseAsync(request.CaseId!, ct) is not null;
        if (!exists) return TypedResults.NotFound(new ProblemDetails { Detail = $"no such {(request.AlertId is null ? "case" : "alert")}", Status = 404 });
        var id = await store.AddFeedbackAsync(new FeedbackInput(request.AlertId, request.CaseId, request.Correct, request.Classification, request.Severity,
            request.Note, ApiKeyMiddleware.Caller(http)), time.GetUtcNow(), ct);
        return TypedResults.Created($"/feedback/{id}", new FeedbackCreated(id));
    }

    internal static async Task<Ok<AccuracyReport>> AccuracyAsync(VerdictStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(AccuracyReport.From(await store.JudgedFeedbackAsync(cancellationToken)));
}
