using System.Text.Json;
using Verdict.Feedback;
using Verdict.Storage.Feedback;

namespace Verdict.Llm.Tools;

/// <summary>
/// The analysts' recorded verdicts (`verdict feedback`) searched for the <c>similar_past_cases</c> tool: a past case
/// matches when the query names its rule or one of its entities (user, host, IP, domain, email, hash). Cases with the
/// same rule and a shared entity come first, then more shared entities, then the newest.
/// </summary>
public sealed class PastCases(IReadOnlyList<FeedbackRecord> records, int max = 5)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', ';', '"', '\'', '(', ')', '[', ']', '{', '}', '|', '='];

    public int Count => records.Count;

    public string Search(string query)
    {
        if (records.Count == 0) return "no past cases: analysts have recorded no verdicts yet (verdict feedback)";
        var text = query.ToLowerInvariant();
        var tokens = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('.', ':')).ToHashSet(StringComparer.Ordinal);
        var matches = records
            .Select(r => (Record: r,
                SameRule: r.Rule is { Length: > 0 } rule && text.Contains(rule.Trim().ToLowerInvariant(), StringComparison.Ordinal),
                Shared: r.Entities.Where(e => tokens.Contains(e) || tokens.Contains(EntityKey.Split(e).Value)).Order(StringComparer.Ordinal).ToList()))
            .Where(m => m.SameRule || m.Shared.Count > 0)
            .OrderByDescending(m => m.SameRule && m.Shared.Count > 0).ThenByDescending(m => m.Shared.Count).ThenByDescending(m => m.SameRule)
            .ThenByDescending(m => m.Record.Time)
            .ToList();
        if (matches.Count == 0) return $"no past cases with that rule or those entities among {records.Count} recorded verdicts";
        var cases = matches.Take(max).Select(m => new
        {
            alert_id = m.Record.AlertId, rule = m.Record.Rule, same_rule = m.SameRule, shared_entities = m.Shared,
            verdict = m.Record.Verdict.ToString().ToUpperInvariant(), analyst = m.Record.Analyst, date = m.Record.Time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            note = m.Record.Note is { Length: > 200 } n ? n[..200] + "…" : m.Record.Note,
        });
        return JsonSerializer.Serialize(new { matching = matches.Count, cases }, Json);
    }

    /// <summary>The verdicts in the store at <paramref name="databaseFile"/>, read-only; an unreadable store gives none and a note.</summary>
    public static async Task<(PastCases Cases, string? Problem)> LoadAsync(string databaseFile, CancellationToken cancellationToken)
    {
        try
        {
            return (new PastCases(await SqliteFeedbackStore.ReadIfExistsAsync(databaseFile, cancellationToken)), null);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            return (new PastCases([]), $"similar_past_cases: the store {databaseFile} could not be read: {e.Message}");
        }
    }
}
