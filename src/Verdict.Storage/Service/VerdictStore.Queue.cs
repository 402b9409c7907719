using System.Data.Common;

namespace Verdict.Storage.Service;

/// <summary>The alert queue: intake in one transaction, claims with a lease, completion that only the lease holder can make.</summary>
public abstract partial class VerdictStore
{
    /// <summary>Stores a batch in one transaction; an alert whose fingerprint is already stored is not stored again (its id comes back).</summary>
    public async Task<IReadOnlyList<IntakeResult>> EnqueueAsync(IReadOnlyList<NewAlert> alerts, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var results = new List<IntakeResult>(alerts.Count);
        foreach (var alert in alerts)
        {
            var id = NewId("A-");
            var inserted = await Exec(connection, tx, """
                INSERT INTO alerts (id, fingerprint, source, payload, status, received_at) VALUES (@id, @f, @s, @p, 'queued', @t)
                ON CONFLICT (fingerprint) DO NOTHING
                """, cancellationToken, ("id", id), ("f", alert.Fingerprint), ("s", alert.Source), ("p", alert.Payload), ("t", StoreTime.Text(now)));
            if (inserted == 1)
            {
                results.Add(new IntakeResult(id, false, "queued"));
                continue;
            }
            var existing = await Query(connection, tx, "SELECT id, status FROM alerts WHERE fingerprint = @f",
                r => new IntakeResult(r.GetString(0), true, r.GetString(1)), cancellationToken, ("f", alert.Fingerprint));
            results.Add(existing[0]);
        }
        await tx.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> alerts to <paramref name="worker"/> until <c>now + lease</c>: queued ones, and ones
    /// whose lease ran out (a worker that stopped mid-alert). PostgreSQL skips rows another worker is claiming.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedAlert>> ClaimAsync(string worker, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await Query(connection, tx, $"""
            UPDATE alerts SET status = 'processing', lease_owner = @w, lease_until = @until, attempts = attempts + 1
            WHERE id IN (SELECT id FROM alerts WHERE status = 'queued' OR (status = 'processing' AND lease_until < @now)
                         ORDER BY received_at, id LIMIT @n{Dialect.SkipLocked})
            RETURNING id, payload, source, attempts
            """, r => new ClaimedAlert(r.GetString(0), r.GetString(1), r.GetString(2), (int)Long(r, 3)), cancellationToken,
            ("w", worker), ("until", StoreTime.Text(now + lease)), ("now", StoreTime.Text(now)), ("n", max));
        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>
    /// Writes a triaged alert in one transaction: the alert done, its brief, its case (joined to the user's open case seen
    /// within <paramref name="caseGap"/>, else a new one) and a decision in the audit log. False (nothing written) when
    /// <paramref name="worker"/> no longer holds the lease: another worker took the alert over and writes it instead.
    /// </summary>
    public async Task<string?> CompleteAsync(string worker, TriagedAlert triaged, TimeSpan caseGap, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var owned = await Exec(connection, tx, """
            UPDATE alerts SET status = 'done', finished_at = @t, processed_by = @w, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND status = 'processing' AND lease_owner = @w
            """, cancellationToken, ("t", StoreTime.Text(now)), ("w", worker), ("id", triaged.AlertId));
        if (owned != 1) return null;
        var caseId = await WriteResultAsync(connection, tx, worker, triaged, caseGap, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return caseId;
    }

    /// <summary>Marks an alert that could not be triaged (unreadable record, or too many attempts) with its reason.</summary>
    public async Task<bool> FailAsync(string worker, string alertId, string error, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var owned = await Exec(connection, tx, """
            UPDATE alerts SET status = 'failed', error = @e, finished_at = @t, processed_by = @w, lease_owner = NULL, lease_until = NULL
            WHERE id = @id AND status = 'processing' AND lease_owner = @w
            """, cancellationToken, ("e", error), ("t", StoreTime.Text(now)), ("w", worker), ("id", alertId));
        if (owned == 1) await AppendAuditAsync(connection, tx, now, "error", worker, alertId, error, null, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return owned == 1;
    }

    public async Task<QueueCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var counts = await Query(connection, null, "SELECT status, COUNT(*) FROM alerts GROUP BY status",
            r => (r.GetString(0), Long(r, 1)), cancellationToken);
        long Of(string status) => counts.FirstOrDefault(c => c.Item1 == status).Item2;
        return new QueueCounts(Of("queued"), Of("processing"), Of("done"), Of("failed"));
    }

    public async Task<AlertRow?> GetAlertAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await Query(connection, null, """
            SELECT a.id, a.status, a.source, a.received_at, a.attempts, a.case_id, a.processed_by, a.finished_at, a.error, b.brief_json, a.payload
            FROM alerts a LEFT JOIN briefs b ON b.alert_id = a.id WHERE a.id = @id
            """, r => new AlertRow(r.GetString(0), r.GetString(1), r.GetString(2), StoreTime.Parse(r.GetString(3)), (int)Long(r, 4), Str(r, 5),
                Str(r, 6), Time(r, 7), Str(r, 8), Str(r, 9), r.GetString(10)), cancellationToken, ("id", id));
        return rows.FirstOrDefault();
    }

    /// <summary>Every alert id with the worker that wrote its result (null while not done).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> ProcessedByAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await Query(connection, null, "SELECT id, processed_by FROM alerts", r => (r.GetString(0), Str(r, 1)), cancellationToken);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>The brief, the case, the audit entry and the outbox rows of a triaged alert whose row is already marked done.</summary>
    private static async Task<string> WriteResultAsync(DbConnection connection, DbTransaction tx, string worker, TriagedAlert triaged, TimeSpan caseGap,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caseId = await JoinCaseAsync(connection, tx, triaged, caseGap, now, cancellationToken);
        await Exec(connection, tx, "UPDATE alerts SET case_id = @c WHERE id = @id", cancellationToken, ("c", caseId), ("id", triaged.AlertId));
        await Exec(connection, tx, """
            INSERT INTO briefs (alert_id, case_id, source_alert_id, rule, user_name, alert_time, classification, severity, decision, brief_json, timeline_json, created_at)
            VALUES (@id, @c, @sid, @rule, @u, @at, @cls, @sev, @dec, @brief, @timeline, @t)
            """, cancellationToken, ("id", triaged.AlertId), ("c", caseId), ("sid", triaged.SourceAlertId), ("rule", triaged.Rule), ("u", triaged.User),
            ("at", StoreTime.Text(triaged.AlertTime)), ("cls", triaged.Classification), ("sev", triaged.Severity), ("dec", triaged.Decision),
            ("brief", triaged.BriefJson), ("timeline", triaged.TimelineJson), ("t", StoreTime.Text(now)));
        await AppendAuditAsync(connection, tx, now, "decision", worker, triaged.AlertId,
            $"{triaged.Decision} {triaged.Classification} {triaged.Severity} case {caseId}", null, null, cancellationToken);
        await AddOutboxAsync(connection, tx, triaged.AlertId, caseId, triaged.Notifications, now, cancellationToken);
        return caseId;
    }

    private static async Task<string> JoinCaseAsync(DbConnection connection, DbTransaction tx, TriagedAlert t, TimeSpan gap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = t.AlertTime ?? now;
        const string Columns = "SELECT id, severity, classification, decision, first_seen, last_seen FROM cases";
        static (string Id, string Sev, string Cls, string Dec, DateTimeOffset First, DateTimeOffset Last) Read(DbDataReader r) =>
            (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), StoreTime.Parse(r.GetString(4)), StoreTime.Parse(r.GetString(5)));
        var open = t.Grouped
            ? t.JoinCase is null ? [] : await Query(connection, tx, Columns + " WHERE id = @id AND status = 'open'", Read, cancellationToken, ("id", t.JoinCase))
            : t.User is null ? [] : await Query(connection, tx, Columns + """
                 WHERE user_name = @u AND status = 'open' AND last_seen >= @from AND first_seen <= @to ORDER BY last_seen DESC LIMIT 1
                """, Read, cancellationToken, ("u", t.User), ("from", StoreTime.Text(seen - gap)), ("to", StoreTime.Text(seen + gap)));
        if (open.Count == 0)
        {
            var id = NewId("C-");
            await Exec(connection, tx, """
                INSERT INTO cases (id, user_name, title, status, severity, classification, decision, first_seen, last_seen, alert_count, created_at, updated_at)
                VALUES (@id, @u, @title, 'open', @sev, @cls, @dec, @seen, @seen, 1, @t, @t)
                """, cancellationToken, ("id", id), ("u", t.User), ("title", t.Title), ("sev", t.Severity), ("cls", t.Classification), ("dec", t.Decision),
                ("seen", StoreTime.Text(seen)), ("t", StoreTime.Text(now)));
            return id;
        }
        var c = open[0];
        var worse = Array.IndexOf(Ranks.Decisions, t.Decision) > Array.IndexOf(Ranks.Decisions, c.Dec)
            || Array.IndexOf(Ranks.Severities, t.Severity) > Array.IndexOf(Ranks.Severities, c.Sev);
        await Exec(connection, tx, $"""
            UPDATE cases SET severity = @sev, classification = @cls, decision = @dec, first_seen = @first, last_seen = @last,
                alert_count = alert_count + 1, updated_at = @t{(worse ? ", title = @title" : "")} WHERE id = @id
            """, cancellationToken, ("sev", Ranks.Worst(Ranks.Severities, c.Sev, t.Severity)), ("cls", Ranks.Worst(Ranks.Classifications, c.Cls, t.Classification)),
            ("dec", Ranks.Worst(Ranks.Decisions, c.Dec, t.Decision)), ("first", StoreTime.Text(seen < c.First ? seen : c.First)),
            ("last", StoreTime.Text(seen > c.Last ? seen : c.Last)), ("t", StoreTime.Text(now)), ("title", t.Title), ("id", c.Id));
        return c.Id;
    }
}
