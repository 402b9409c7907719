using System.Text.RegularExpressions;

namespace Verdict.Attack.Mapping;

/// <summary>Okapi BM25 over a small in-memory corpus (ATT&CK's ~700 techniques with their procedure examples).</summary>
public sealed partial class Bm25Index
{
    private static readonly HashSet<string> StopWords =
    [
        "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "may", "can", "use", "used", "using", "into",
        "their", "such", "also", "other", "which", "has", "have", "been", "not", "but", "they", "will", "via", "its", "these",
        "adversaries", "adversary", "attackers", "malware", "group", "detects", "detection", "exe", "windows", "system", "file",
        "files", "user", "users", "process", "command", "commands", "execution", "http", "https", "www", "com",
    ];

    private readonly Dictionary<string, List<(int Doc, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly string[] _ids;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private const double K1 = 1.2;
    private const double B = 0.75;

    public Bm25Index(IReadOnlyList<(string Id, string Text)> documents)
    {
        _ids = [.. documents.Select(d => d.Id)];
        _lengths = new int[documents.Count];
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in Tokenize(documents[doc].Text))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
                _lengths[doc]++;
            }
            foreach (var (term, count) in counts)
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add((doc, count));
            }
        }
        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    /// <summary>The best-matching documents for a query, highest score first.</summary>
    public List<(string Id, double Score)> Search(string query, int top)
    {
        var scores = new Dictionary<int, double>();
        foreach (var term in Tokenize(query).Distinct())
        {
            if (!_postings.TryGetValue(term, out var list)) continue;
            var idf = Math.Log(1 + (_ids.Length - list.Count + 0.5) / (list.Count + 0.5));
            foreach (var (doc, count) in list)
            {
                var tf = count * (K1 + 1) / (count + K1 * (1 - B + B * _lengths[doc] / _averageLength));
                scores[doc] = scores.GetValueOrDefault(doc) + idf * tf;
            }
        }
        return [.. scores.OrderByDescending(s => s.Value).Take(top).Select(s => (_ids[s.Key], s.Value))];
    }

    /// <summary>Lower-case words of 3+ letters (or known short tool names), stop words dropped, plural "s" folded.</summary>
    public static IEnumerable<string> Tokenize(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            var w = m.Value;
            if (w.Length < 3 || StopWords.Contains(w) || w.All(char.IsAsciiDigit)) continue;
            yield return w.Length > 4 && w[^1] == 's' && w[^2] != 's' ? w[..^1] : w;
        }
    }

    [GeneratedRegex(@"[a-z0-9_]+")]
    private static partial Regex Word();
}
