using System.Data.Common;

namespace Verdict.Storage.Service;

/// <summary>Analysts' verdicts on alerts and cases, the audit log, and API keys.</summary>
public abstract partial class VerdictStore
{
    public async Task<long> AddFeedbackAsync(FeedbackInput input, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var id = Convert.ToInt64(await Scalar(connection, tx, """
            INSERT INTO feedback (alert_id, case_id, correct, classification, severity, note, analyst, created_at)
            VALUES (@a, @c, @ok, @cls, @sev, @note, @who, @t) RETURNING id
            """, cancellationToken, ("a", input.AlertId), ("c", input.CaseId), ("ok", input.Correct ? 1 : 0), ("cls", input.Classification?.ToUpperInvariant()),
            ("sev", input.Severity?.ToUpperInvariant()), ("note", input.Note), ("who", input.Analyst), ("t", StoreTime.Text(now))), System.Globalization.CultureInfo.InvariantCulture);
        await AppendAuditAsync(connection, tx, now, "feedback", input.Analyst, input.AlertId ?? input.CaseId,
            input.Correct ? "confirmed" : $"corrected to {input.Classification ?? "?"} {input.Severity ?? ""}".TrimEnd(), null, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<bool> AlertExistsAsync(string alertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await Scalar(connection, null, "SELECT 1 FROM alerts WHERE id = @id", cancellationToken, ("id", alertId)) is not null;
    }

    /// <summary>Every feedback row, oldest first, with what Verdict had said (the alert's brief, or the case's verdict).</summary>
    public async Task<IReadOnlyList<JudgedFeedback>> JudgedFeedbackAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await Query(connection, null, """
            SELECT f.id, f.alert_id, f.case_id, f.correct, f.classification, f.severity, f.note, f.analyst, f.created_at,
                   COALESCE(b.classification, c.classification), COALESCE(b.severity, c.severity), b.rule
            FROM feedback f LEFT JOIN briefs b ON b.alert_id = f.alert_id LEFT JOIN cases c ON c.id = f.case_id
            ORDER BY f.id
            """, r => new JudgedFeedback(ReadFeedback(r), Str(r, 9), Str(r, 10), Str(r, 11)), cancellationToken);
    }

    public async Task<IReadOnlyList<FeedbackRow>> FeedbackForCaseAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await Query(connection, null, "SELECT id, alert_id, case_id, correct, classification, severity, note, analyst, created_at FROM feedback WHERE case_id = @c OR alert_id IN (SELECT alert_id FROM briefs WHERE case_id = @c) ORDER BY id",
            ReadFeedback, cancellationToken, ("c", caseId));
        return rows;
    }

    /// <summary>Appends to the audit log (decisions, model calls with their tokens, tool calls, feedback, keys). Rows are never changed.</summary>
    public async Task AppendAuditAsync(DateTimeOffset at, string kind, string actor, string? subject, string? detail,
        long? inputTokens = null, long? outputTokens = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await AppendAuditAsync(connection, null, at, kind, actor, subject, detail, inputTokens, outputTokens, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string? subject = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await Query(connection, null,
            $"SELECT id, at, kind, actor, subject, detail, input_tokens, output_tokens FROM audit_log{(subject is null ? "" : " WHERE subject = @s")} ORDER BY id DESC LIMIT @n",
            r => new AuditEntry(Long(r, 0), StoreTime.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), Str(r, 4), Str(r, 5),
                r.IsDBNull(6) ? null : Long(r, 6), r.IsDBNull(7) ? null : Long(r, 7)), cancellationToken, subject is null ? [("n", limit)] : [("s", subject), ("n", limit)]);
    }

    /// <summary>Stores a key's SHA-256 hash (never the key) with its role; returns the key's id.</summary>
    public async Task<string> AddApiKeyAsync(string keyHash, string role, string? name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var id = NewId("K-");
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await Exec(connection, tx, "INSERT INTO api_keys (id, key_hash, role, name, created_at) VALUES (@id, @h, @r, @n, @t)", cancellationToken,
            ("id", id), ("h", keyHash), ("r", role), ("n", name), ("t", StoreTime.Text(now)));
        await AppendAuditAsync(connection, tx, now, "api_key", "cli", id, $"created role {role}", null, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>The live key with this hash, if any.</summary>
    public async Task<ApiKeyRow?> FindApiKeyAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return (await Query(connection, null, "SELECT id, role, name, created_at FROM api_keys WHERE key_hash = @h AND revoked_at IS NULL",
            r => new ApiKeyRow(r.GetString(0), r.GetString(1), Str(r, 2), StoreTime.Parse(r.GetString(3))), cancellationToken, ("h", keyHash))).FirstOrDefault();
    }

    private static Task<int> AppendAuditAsync(DbConnection connection, DbTransaction? tx, DateTimeOffset at, string kind, string actor, string? subject,
        string? detail, long? inputTokens, long? outputTokens, CancellationToken cancellationToken) =>
        Exec(connection, tx, """
            INSERT INTO audit_log (at, kind, actor, subject, detail, input_tokens, output_tokens) VALUES (@at, @k, @a, @s, @d, @in, @out)
            """, cancellationToken, ("at", StoreTime.Text(at)), ("k", kind), ("a", actor), ("s", subject), ("d", detail), ("in", inputTokens), ("out", outputTokens));

    private static FeedbackRow ReadFeedback(DbDataReader r) => new(Long(r, 0), Str(r, 1), Str(r, 2), Long(r, 3) != 0, Str(r, 4), Str(r, 5), Str(r, 6),
        r.GetString(7), StoreTime.Parse(r.GetString(8)));
}
