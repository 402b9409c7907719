using System.Data.Common;
using System.Text;

namespace Verdict.Storage.Service;

/// <summary>Cases: incidents with their alerts, briefs and history.</summary>
public abstract partial class VerdictStore
{
    private const string CaseColumns = "id, user_name, title, status, severity, classification, decision, first_seen, last_seen, alert_count, created_at, updated_at";

    public async Task<IReadOnlyList<CaseRow>> ListCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder($"SELECT {CaseColumns} FROM cases WHERE 1 = 1");
        var args = new List<(string, object?)>();
        void Where(string clause, string name, object? value)
        {
            if (value is null) return;
            sql.Append(" AND ").Append(clause);
            args.Add((name, value));
        }
        Where("severity = @sev", "sev", filter.Severity?.ToUpperInvariant());
        Where("decision = @dec", "dec", filter.Decision?.ToLowerInvariant());
        Where("status = @st", "st", filter.Status?.ToLowerInvariant());
        Where("last_seen >= @since", "since", StoreTime.Text(filter.Since));
        Where("first_seen <= @until", "until", StoreTime.Text(filter.Until));
        sql.Append(" ORDER BY updated_at DESC, id DESC LIMIT @limit");
        args.Add(("limit", Math.Clamp(filter.Limit, 1, 1000)));
        await using var connection = await OpenAsync(cancellationToken);
        return await Query(connection, null, sql.ToString(), ReadCase, cancellationToken, [.. args]);
    }

    public async Task<CaseRow?> GetCaseAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return (await Query(connection, null, $"SELECT {CaseColumns} FROM cases WHERE id = @id", ReadCase, cancellationToken, ("id", id))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<CaseAlert>> CaseAlertsAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await Query(connection, null, """
            SELECT alert_id, source_alert_id, rule, alert_time, classification, severity, decision, brief_json, timeline_json
            FROM briefs WHERE case_id = @id ORDER BY alert_time, alert_id
            """, r => new CaseAlert(r.GetString(0), Str(r, 1), Str(r, 2), Time(r, 3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8)), cancellationToken, ("id", caseId));
    }

    /// <summary>Sets a case's status (open, closed); false when there is no such case.</summary>
    public async Task<bool> SetCaseStatusAsync(string caseId, string status, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await Exec(connection, tx, "UPDATE cases SET status = @s, updated_at = @t WHERE id = @id", cancellationToken,
            ("s", status), ("t", StoreTime.Text(now)), ("id", caseId));
        if (changed == 1) await AppendAuditAsync(connection, tx, now, "case_status", actor, caseId, status, null, null, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return changed == 1;
    }

    private static CaseRow ReadCase(DbDataReader r) => new(r.GetString(0), Str(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetString(6), StoreTime.Parse(r.GetString(7)), StoreTime.Parse(r.GetString(8)), (int)Long(r, 9), StoreTime.Parse(r.GetString(10)), StoreTime.Parse(r.GetString(11)));
}
