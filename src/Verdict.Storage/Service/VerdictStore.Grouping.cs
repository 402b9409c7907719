namespace Verdict.Storage.Service;

/// <summary>The alerts a new alert may join a case with: those of open cases, close to it in time.</summary>
public abstract partial class VerdictStore
{
    /// <summary>
    /// Triaged alerts of open cases whose time is within [<paramref name="from"/>, <paramref name="to"/>], nearest the newest
    /// first, at most <paramref name="max"/>: each with its case and the record as it arrived, for the server's incident grouping.
    /// </summary>
    public async Task<IReadOnlyList<(string AlertId, string CaseId, string Payload)>> OpenCaseAlertsAsync(DateTimeOffset from, DateTimeOffset to, int max,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await Query(connection, null, """
            SELECT b.alert_id, b.case_id, a.payload FROM briefs b JOIN cases c ON c.id = b.case_id JOIN alerts a ON a.id = b.alert_id
            WHERE c.status = 'open' AND b.alert_time >= @from AND b.alert_time <= @to ORDER BY b.alert_time DESC, b.alert_id LIMIT @n
            """, r => (r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken,
            ("from", StoreTime.Text(from)), ("to", StoreTime.Text(to)), ("n", max));
    }
}
