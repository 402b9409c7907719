using System.Data.Common;

namespace Verdict.Storage.Service;

/// <summary>
/// The notification outbox: rows written with a triaged alert, claimed by a delivery loop with a lease, sent, and retried
/// with backoff until they are sent or have failed too often. Any server may deliver any row whose target it knows.
/// </summary>
public abstract partial class VerdictStore
{
    private const string OutboxColumns = "id, alert_id, case_id, target, target_display, payload, status, attempts, next_attempt_at, last_error, reason, sent_at";

    private static async Task AddOutboxAsync(DbConnection connection, DbTransaction tx, string alertId, string caseId, IReadOnlyList<OutboxMessage> messages,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var m in messages)
        {
            await Exec(connection, tx, """
                INSERT INTO outbox (alert_id, case_id, target, target_display, payload, status, next_attempt_at, reason, created_at)
                VALUES (@a, @c, @target, @display, @p, @s, @t, @r, @t) ON CONFLICT (alert_id, target) DO NOTHING
                """, cancellationToken, ("a", alertId), ("c", caseId), ("target", m.Target), ("display", m.TargetDisplay), ("p", m.Payload),
                ("s", m.Status), ("t", StoreTime.Text(now)), ("r", m.Reason));
        }
    }

    /// <summary>Leases up to <paramref name="max"/> due pending rows for the given targets to <paramref name="owner"/>.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ClaimOutboxAsync(string owner, IReadOnlyCollection<string> targets, int max, TimeSpan lease, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) return [];
        var names = string.Join(", ", targets.Select((_, i) => "@k" + i));
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var args = new List<(string, object?)> { ("o", owner), ("until", StoreTime.Text(now + lease)), ("now", StoreTime.Text(now)), ("n", max) };
        args.AddRange(targets.Select((t, i) => ("k" + i, (object?)t)));
        var rows = await Query(connection, tx, $"""
            UPDATE outbox SET lease_owner = @o, lease_until = @until
            WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now AND target IN ({names})
                         AND (lease_until IS NULL OR lease_until < @now) ORDER BY next_attempt_at, id LIMIT @n{Dialect.SkipLocked})
            RETURNING {OutboxColumns}
            """, Outbox, cancellationToken, [.. args]);
        await tx.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Records one delivery attempt by the lease holder: sent, retried at <paramref name="retryAt"/>, or failed for good (null).</summary>
    public async Task<bool> RecordDeliveryAsync(string owner, long id, bool sent, string? error, DateTimeOffset? retryAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var status = sent ? "sent" : retryAt is null ? "failed" : "pending";
        var changed = await Exec(connection, null, """
            UPDATE outbox SET status = @s, attempts = attempts + 1, last_error = @e, next_attempt_at = @next, sent_at = @sent,
                lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND lease_owner = @o AND status = 'pending'
            """, cancellationToken, ("s", status), ("e", error), ("next", StoreTime.Text(retryAt ?? now)), ("sent", sent ? StoreTime.Text(now) : null),
            ("id", id), ("o", owner));
        return changed == 1;
    }

    /// <summary>Outbox rows, newest last, optionally of one alert.</summary>
    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync(string? alertId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return alertId is null
            ? await Query(connection, null, $"SELECT {OutboxColumns} FROM outbox ORDER BY id", Outbox, cancellationToken)
            : await Query(connection, null, $"SELECT {OutboxColumns} FROM outbox WHERE alert_id = @a ORDER BY id", Outbox, cancellationToken, ("a", alertId));
    }

    private static OutboxRow Outbox(DbDataReader r) => new(Long(r, 0), r.GetString(1), Str(r, 2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetString(6), (int)Long(r, 7), StoreTime.Parse(r.GetString(8)), Str(r, 9), Str(r, 10), Time(r, 11));
}
