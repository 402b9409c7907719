namespace Verdict.Attack.Mapping;

/// <summary>Semantic retrieval fused with the lexical ranking, and the score board both paths fill.</summary>
public sealed partial class TechniqueMapper
{
    /// <summary>The RRF constant: large enough that agreement between rankings counts for more than one top rank.</summary>
    public const int RrfK = 60;
    /// <summary>After this many embedding failures in a row, the mapper stops calling the service and ranks lexically.</summary>
    public const int MaxConsecutiveFailures = 3;

    private readonly Action<string>? _semanticFailed;
    private int _failures;
    private int _consecutiveFailures;

    /// <summary>The technique embeddings <see cref="MapAsync"/> searches; null when semantic retrieval is off.</summary>
    public SemanticTechniqueIndex? Semantic { get; }

    /// <summary>How many texts were ranked lexically only because the embedding call failed (or had been given up).</summary>
    public int SemanticFailures => Volatile.Read(ref _failures);

    /// <summary>
    /// As <see cref="Map"/>, with the BM25 ranking fused with the semantic one when there is a <see cref="Semantic"/> index.
    /// Without one, the same result as <see cref="Map"/>. An embedding failure (HTTP error, timeout) never escapes:
    /// the text is ranked lexically and the first failure is reported through the callback given to the constructor.
    /// </summary>
    public async Task<IReadOnlyList<MappedTechnique>> MapAsync(MappingInput input, int top = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Semantic is null) return Map(input, top);
        var (scores, query) = Evidence(input);
        var lexical = _index.Search(query, RetrievalDepth);
        var semantic = await TrySemanticAsync(Semantic, query, cancellationToken);
        if (semantic is null)
        {
            AddRanked(scores, lexical, LexicalSignal);
        }
        else
        {
            AddRanked(scores, ReciprocalRankFusion([.. lexical.Select(h => h.Id)], [.. semantic.Select(h => h.Id)], RrfK), FusedSignal);
        }
        return scores.Top(top);
    }

    /// <summary>Reciprocal Rank Fusion of rankings (best first): Σ 1 / (k + rank), rank from 1; ties broken by ID.</summary>
    public static IReadOnlyList<(string Id, double Score)> ReciprocalRankFusion(IReadOnlyList<string> first, IReadOnlyList<string> second, int k = RrfK)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ranking in new[] { first, second })
        {
            for (var rank = 1; rank <= ranking.Count; rank++) fused[ranking[rank - 1]] = fused.GetValueOrDefault(ranking[rank - 1]) + 1.0 / (k + rank);
        }
        return [.. fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value))];
    }

    private async Task<IReadOnlyList<(string Id, double Cosine)>?> TrySemanticAsync(SemanticTechniqueIndex semantic, string query, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _consecutiveFailures) >= MaxConsecutiveFailures)
        {
            Interlocked.Increment(ref _failures);
            return null;
        }
        try
        {
            var hits = await semantic.SearchAsync(query, RetrievalDepth, cancellationToken);
            Volatile.Write(ref _consecutiveFailures, 0);
            return hits;
        }
        // Any failure of the embedding service (HTTP, timeout, bad payload) means "rank lexically", never a crash.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _consecutiveFailures);
            if (Interlocked.Increment(ref _failures) == 1)
            {
                _semanticFailed?.Invoke($"semantic retrieval failed: {e.Message.TrimEnd('.')}. Ranking lexically instead where it fails " +
                    $"(for the rest of the run after {MaxConsecutiveFailures} failures in a row).");
            }
            return null;
        }
    }

    /// <summary>Scores per technique, each new piece of evidence combined by noisy-OR, with the signals behind them.</summary>
    private sealed class ScoreBoard(AttackKnowledgeBase kb)
    {
        private readonly Dictionary<string, (double Score, List<string> Signals)> _scores = new(StringComparer.Ordinal);

        public void Add(string id, double score, string signal)
        {
            if (kb.Find(id) is not { Deprecated: false }) return;
            var current = _scores.GetValueOrDefault(id, (0, []));
            current.Signals.Add(signal);
            _scores[id] = (1 - (1 - current.Score) * (1 - score), current.Signals);
        }

        public IReadOnlyList<MappedTechnique> Top(int top) =>
            [.. _scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Key, StringComparer.Ordinal).Take(top)
                .Select(s => new MappedTechnique(s.Key, kb.Find(s.Key)!.Name, Math.Round(s.Value.Score, 3), [.. s.Value.Signals.Distinct()]))];
    }
}
