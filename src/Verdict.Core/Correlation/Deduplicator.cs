using System.Text;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Correlation;

/// <summary>
/// Alerts folded by <see cref="Deduplicator"/>: the primaries (to be triaged), and for each folded alert the primary
/// that stands for it. Keys compare by reference, so two alerts with the same ID stay apart.
/// </summary>
public sealed class Deduplication
{
    public List<Alert> Primaries { get; } = [];
    public Dictionary<Alert, Alert> DuplicateOf { get; } = new(ReferenceEqualityComparer.Instance);
    public Dictionary<Alert, List<Alert>> Duplicates { get; } = new(ReferenceEqualityComparer.Instance);
}

/// <summary>
/// Folds repeats: alerts with the same rule and the same key entities (user, host, source IP, file hashes, process and
/// command line) no later than <c>window</c> after the first of them become one triage. The earliest (then the first in
/// the input) is the primary; every other keeps its own entry pointing to it. Alerts without a time are never folded.
/// A zero window turns folding off.
/// </summary>
public static class Deduplicator
{
    public static Deduplication Fold(IReadOnlyList<Alert> alerts, TimeSpan window) => Fold(alerts, window, i => Key(alerts[i]));

    /// <summary>Folds with the alerts' keys given (<paramref name="keyAt"/> of an index), for alerts kept without their fields.</summary>
    public static Deduplication Fold<TKey>(IReadOnlyList<Alert> alerts, TimeSpan window, Func<int, TKey> keyAt) where TKey : notnull
    {
        var result = new Deduplication();
        if (window <= TimeSpan.Zero)
        {
            result.Primaries.AddRange(alerts);
            return result;
        }
        var isPrimary = new bool[alerts.Count];
        var timed = Enumerable.Range(0, alerts.Count).Where(i => alerts[i].Time is not null);
        foreach (var byKey in timed.GroupBy(keyAt))
        {
            Alert? primary = null;
            foreach (var i in byKey.OrderBy(i => alerts[i].Time!.Value).ThenBy(i => i))
            {
                var alert = alerts[i];
                if (primary is null || alert.Time!.Value - primary.Time!.Value > window)
                {
                    primary = alert;
                    isPrimary[i] = true;
                    continue;
                }
                result.DuplicateOf[alert] = primary;
                if (!result.Duplicates.TryGetValue(primary, out var list)) result.Duplicates[primary] = list = [];
                list.Add(alert);
            }
        }
        for (var i = 0; i < alerts.Count; i++)
        {
            if (isPrimary[i] || alerts[i].Time is null) result.Primaries.Add(alerts[i]);
        }
        return result;
    }

    /// <summary>
    /// What makes two alerts the same: rule and key entities, case-insensitive, and the rest of what the detector reported
    /// (every field but the id and the time; numbers in the description, such as counts, are ignored). A repeat that differs in content (a blocked request followed by one that
    /// succeeded, the same call failing then working) is analysed on its own and never inherits an earlier verdict.
    /// </summary>
    public static string Key(Alert a)
    {
        const char Sep = '\u001f';
        var sb = new StringBuilder(256);
        sb.Append(a.Rule.Trim().ToLowerInvariant()).Append(Sep).Append(a.User).Append(Sep).Append(a.Host).Append(Sep).Append(a.SourceIp).Append(Sep);
        AppendHashes(sb, a.Entities);
        sb.Append(Sep).Append(a.Process?.ToLowerInvariant()).Append(Sep).Append(a.CommandLine);
        foreach (var (name, value) in a.Fields)
        {
            sb.Append(Sep);
            switch (FieldNames.Recognize(name))
            {
                case CanonicalField.Id or CanonicalField.Time: break;
                case CanonicalField.Description: AppendWithoutNumbers(sb, value); break; // "45 failed logins" repeats "52 failed logins"
                default: sb.Append(name).Append('=').Append(value); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The <see cref="Key"/> as a 128-bit digest: what a run too large to hold keeps instead of the key itself.</summary>
    public static UInt128 CompactKey(Alert a)
    {
        Span<byte> digest = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key(a)), digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>The alert's file hashes, sorted, joined with commas.</summary>
    private static void AppendHashes(StringBuilder sb, IReadOnlyList<Entity> entities)
    {
        List<string>? hashes = null;
        foreach (var e in entities)
        {
            if (e.Kind == EntityKind.FileHash) (hashes ??= []).Add(e.Value);
        }
        if (hashes is null) return;
        hashes.Sort(StringComparer.Ordinal);
        sb.AppendJoin(',', hashes);
    }

    /// <summary>The text with every run of ASCII digits replaced by one '#'.</summary>
    private static void AppendWithoutNumbers(StringBuilder sb, string text)
    {
        var inNumber = false;
        foreach (var c in text)
        {
            var digit = char.IsAsciiDigit(c);
            if (!digit) sb.Append(c);
            else if (!inNumber) sb.Append('#');
            inNumber = digit;
        }
    }
}
