namespace Verdict.Storage.Service;

/// <summary>Alerts triaged at once (POST /triage) rather than through the queue: stored done, with their brief and case.</summary>
public abstract partial class VerdictStore
{
    /// <summary>
    /// Stores an alert triaged synchronously, its brief, case, audit entry and notifications in one transaction. An alert
    /// already stored (same fingerprint) is not stored again: its id and case come back with <c>Duplicate</c> set.
    /// <paramref name="triaged"/>'s AlertId is replaced by the new id.
    /// </summary>
    public async Task<(string AlertId, string? CaseId, bool Duplicate)> RecordTriagedAsync(NewAlert alert, TriagedAlert triaged, string actor, TimeSpan caseGap,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(triaged);
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var id = NewId("A-");
        var inserted = await Exec(connection, tx, """
            INSERT INTO alerts (id, fingerprint, source, payload, status, received_at, attempts, processed_by, finished_at)
            VALUES (@id, @f, @s, @p, 'done', @t, 1, @w, @t) ON CONFLICT (fingerprint) DO NOTHING
            """, cancellationToken, ("id", id), ("f", alert.Fingerprint), ("s", alert.Source), ("p", alert.Payload), ("t", StoreTime.Text(now)), ("w", actor));
        if (inserted != 1)
        {
            var existing = await Query(connection, tx, "SELECT id, case_id FROM alerts WHERE fingerprint = @f", r => (r.GetString(0), Str(r, 1)),
                cancellationToken, ("f", alert.Fingerprint));
            await tx.CommitAsync(cancellationToken);
            return (existing[0].Item1, existing[0].Item2, true);
        }
        var caseId = await WriteResultAsync(connection, tx, actor, triaged with { AlertId = id }, caseGap, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (id, caseId, false);
    }
}
