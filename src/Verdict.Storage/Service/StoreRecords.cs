namespace Verdict.Storage.Service;

/// <summary>One alert as it arrives at intake: its own JSON record, where it came from, and its fingerprint (SHA-256 of the record).</summary>
public sealed record NewAlert(string Payload, string Source, string Fingerprint);

/// <summary>What intake did with one alert: stored under <paramref name="Id"/>, or already there (same fingerprint).</summary>
public sealed record IntakeResult(string Id, bool Duplicate, string Status);

/// <summary>An alert a worker holds a lease on.</summary>
public sealed record ClaimedAlert(string Id, string Payload, string Source, int Attempts);

/// <summary>The outcome of triaging one alert, ready to be written: the brief as JSON and the fields cases are built from.</summary>
public sealed record TriagedAlert(string AlertId, string? SourceAlertId, string? User, string? Rule, DateTimeOffset? AlertTime,
    string Title, string Classification, string Severity, string Decision, string BriefJson, string TimelineJson)
{
    /// <summary>Notifications written to the outbox in the same transaction as the result.</summary>
    public IReadOnlyList<OutboxMessage> Notifications { get; init; } = [];

    /// <summary>
    /// Set when the caller grouped the alert itself (the server's incident grouping): it joins <see cref="JoinCase"/> while
    /// that case is open, else a new case. Unset: the store joins the user's open case seen within the gap.
    /// </summary>
    public bool Grouped { get; init; }

    public string? JoinCase { get; init; }
}

/// <summary>
/// A notification for the outbox: <paramref name="Target"/> is a stable key of the target (never its URL, a secret),
/// <paramref name="Status"/> "pending" (to send) or "not_posted" (recorded with its <paramref name="Reason"/>, never sent).
/// </summary>
public sealed record OutboxMessage(string Target, string TargetDisplay, string Payload, string Status, string? Reason);

/// <summary>An outbox row: what was (or will be) sent where, how many attempts, the last error.</summary>
public sealed record OutboxRow(long Id, string AlertId, string? CaseId, string Target, string TargetDisplay, string Payload, string Status,
    int Attempts, DateTimeOffset NextAttemptAt, string? LastError, string? Reason, DateTimeOffset? SentAt);

/// <summary>An alert's state in the queue, with its brief once triaged or its error once failed.</summary>
public sealed record AlertRow(string Id, string Status, string Source, DateTimeOffset ReceivedAt, int Attempts, string? CaseId,
    string? ProcessedBy, DateTimeOffset? FinishedAt, string? Error, string? BriefJson, string Payload);

public sealed record CaseRow(string Id, string? User, string Title, string Status, string Severity, string Classification, string Decision,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int AlertCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One alert of a case with its brief and the incident timeline it was triaged with.</summary>
public sealed record CaseAlert(string AlertId, string? SourceAlertId, string? Rule, DateTimeOffset? AlertTime, string Classification,
    string Severity, string Decision, string BriefJson, string TimelineJson);

public sealed record CaseFilter(string? Severity = null, string? Decision = null, string? Status = null,
    DateTimeOffset? Since = null, DateTimeOffset? Until = null, int Limit = 100);

public sealed record FeedbackInput(string? AlertId, string? CaseId, bool Correct, string? Classification, string? Severity, string? Note, string Analyst);

public sealed record FeedbackRow(long Id, string? AlertId, string? CaseId, bool Correct, string? Classification, string? Severity,
    string? Note, string Analyst, DateTimeOffset Time);

/// <summary>A feedback row with what Verdict had said about the alert or case it judges.</summary>
public sealed record JudgedFeedback(FeedbackRow Feedback, string? PredictedClassification, string? PredictedSeverity, string? Rule);

public sealed record AuditEntry(long Id, DateTimeOffset At, string Kind, string Actor, string? Subject, string? Detail, long? InputTokens, long? OutputTokens);

public sealed record ApiKeyRow(string Id, string Role, string? Name, DateTimeOffset CreatedAt);

public sealed record QueueCounts(long Queued, long Processing, long Done, long Failed);
