using Verdict.Alerts;
using Verdict.Enrichment;

namespace Verdict.Storage.Service;

/// <summary>The enrichment (intel) cache in the store, so several servers on one database ask AbuseIPDB or VirusTotal once.</summary>
public abstract partial class VerdictStore
{
    /// <summary>The stored result for (source, kind, value) when retrieved at or after <paramref name="notBefore"/>; otherwise null.</summary>
    public async Task<IntelResult?> GetIntelAsync(string source, Entity entity, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await Query(connection, null, """
            SELECT verdict, summary, score, note, retrieved_at FROM intel_cache
            WHERE source = @s AND kind = @k AND value = @v AND retrieved_at >= @since
            """, r => (Verdict: r.GetString(0), Summary: r.GetString(1), Score: r.IsDBNull(2) ? (double?)null : Convert.ToDouble(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                Note: Str(r, 3), At: StoreTime.Parse(r.GetString(4))),
            cancellationToken, ("s", source), ("k", entity.Kind.ToString()), ("v", entity.Value), ("since", StoreTime.Text(notBefore)));
        if (rows.Count == 0 || !Enum.TryParse<IntelVerdict>(rows[0].Verdict, out var verdict)) return null;
        var row = rows[0];
        return new IntelResult(source, entity, verdict, row.Summary, row.At, Score: row.Score, Note: row.Note);
    }

    /// <summary>Stores (or replaces) the result for its source and entity.</summary>
    public async Task PutIntelAsync(IntelResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await OpenAsync(cancellationToken);
        await Exec(connection, null, """
            INSERT INTO intel_cache (source, kind, value, verdict, summary, score, note, retrieved_at)
            VALUES (@s, @k, @v, @verdict, @summary, @score, @note, @at)
            ON CONFLICT (source, kind, value) DO UPDATE SET verdict = excluded.verdict, summary = excluded.summary,
                score = excluded.score, note = excluded.note, retrieved_at = excluded.retrieved_at
            """, cancellationToken, ("s", result.Source), ("k", result.Entity.Kind.ToString()), ("v", result.Entity.Value),
            ("verdict", result.Verdict.ToString()), ("summary", result.Summary), ("score", result.Score), ("note", result.Note),
            ("at", StoreTime.Text(result.RetrievedAt)));
    }

    /// <summary>Deletes results retrieved before <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> PurgeIntelAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await Exec(connection, null, "DELETE FROM intel_cache WHERE retrieved_at < @t", cancellationToken, ("t", StoreTime.Text(olderThan)));
    }
}
