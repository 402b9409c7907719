using Microsoft.Extensions.AI;

namespace Verdict.Attack.Mapping;

/// <summary>
/// Dense retrieval over ATT&CK techniques: each current (not deprecated) technique's name and description, embedded
/// once by an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> in batches, L2-normalised and searched by cosine.
/// The vectors are derived data: with a cache folder they are kept in a file keyed by the model and a fingerprint of
/// the documents (<see cref="SemanticIndexCache"/>), so a later build embeds nothing but the queries.
/// </summary>
public sealed class SemanticTechniqueIndex
{
    /// <summary>Characters of a technique document (name + description) sent to the model; about 400 tokens.</summary>
    public const int MaxDocumentChars = 1600;
    /// <summary>Characters of a query sent to the model: alert text beyond this adds cost, not meaning.</summary>
    public const int MaxQueryChars = 2000;
    /// <summary>Documents per embedding call.</summary>
    public const int BatchSize = 32;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly string[] _ids;
    private readonly float[][] _vectors;

    private SemanticTechniqueIndex(IEmbeddingGenerator<string, Embedding<float>> generator, string[] ids, float[][] vectors, int fromCache, string? cacheFile)
    {
        _generator = generator;
        _ids = ids;
        _vectors = vectors;
        VectorsFromCache = fromCache;
        CacheFile = cacheFile;
    }

    /// <summary>How many techniques the index holds.</summary>
    public int Count => _ids.Length;

    /// <summary>How many of the technique vectors were read from the cache file rather than embedded in this build.</summary>
    public int VectorsFromCache { get; }

    /// <summary>The cache file used, or null when there is none (no folder given, or the model does not say its name).</summary>
    public string? CacheFile { get; }

    /// <summary>
    /// Embeds the knowledge base's techniques, or reads their vectors from <paramref name="cacheFolder"/> when a file there
    /// matches this model and these documents. A missing, corrupt or stale cache file is rebuilt and rewritten (atomically);
    /// a cache that cannot be written is not an error. Embedding failures propagate: the caller decides what to say.
    /// </summary>
    public static async Task<SemanticTechniqueIndex> BuildAsync(AttackKnowledgeBase kb, IEmbeddingGenerator<string, Embedding<float>> generator,
        string? cacheFolder = null, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kb);
        ArgumentNullException.ThrowIfNull(generator);
        var documents = kb.Techniques.Where(t => !t.Deprecated).Select(t => (t.Id, Text: Document(t))).ToList();
        var ids = documents.Select(d => d.Id).ToArray();
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var cache = cacheFolder is null ? null : SemanticIndexCache.For(cacheFolder, metadata, documents);

        if (cache?.TryRead(ids) is { } cached)
        {
            progress?.Report((ids.Length, ids.Length));
            return new SemanticTechniqueIndex(generator, ids, cached, ids.Length, cache.Path);
        }

        var vectors = new float[ids.Length][];
        for (var start = 0; start < documents.Count; start += BatchSize)
        {
            var batch = documents.Skip(start).Take(BatchSize).Select(d => d.Text).ToList();
            var embedded = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            if (embedded.Count != batch.Count)
            {
                throw new InvalidDataException($"the embedding service returned {embedded.Count} vectors for {batch.Count} texts");
            }
            for (var i = 0; i < batch.Count; i++) vectors[start + i] = Normalize(embedded[i].Vector.Span);
            progress?.Report((start + batch.Count, ids.Length));
        }
        if (vectors.Length > 0 && vectors.Any(v => v.Length != vectors[0].Length))
        {
            throw new InvalidDataException("the embedding service returned vectors of different lengths");
        }
        cache?.TryWrite(ids, vectors);
        return new SemanticTechniqueIndex(generator, ids, vectors, 0, cache?.Path);
    }

    /// <summary>The techniques nearest to the query, best first, with their cosine similarity (one embedding call).</summary>
    public async Task<IReadOnlyList<(string Id, double Cosine)>> SearchAsync(string query, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Trim().Length == 0 || top < 1 || _ids.Length == 0) return [];
        var embedded = await _generator.GenerateAsync([Trim(query.Trim(), MaxQueryChars)], cancellationToken: cancellationToken);
        if (embedded.Count != 1) throw new InvalidDataException($"the embedding service returned {embedded.Count} vectors for 1 text");
        var q = Normalize(embedded[0].Vector.Span);
        if (q.Length != _vectors[0].Length)
        {
            throw new InvalidDataException($"the query vector has {q.Length} dimensions, the technique vectors {_vectors[0].Length}: was the model changed?");
        }
        var scores = new (string Id, double Cosine)[_ids.Length];
        for (var i = 0; i < _ids.Length; i++) scores[i] = (_ids[i], Dot(q, _vectors[i]));
        return [.. scores.OrderByDescending(s => s.Cosine).ThenBy(s => s.Id, StringComparer.Ordinal).Take(top)];
    }

    /// <summary>What is embedded for a technique: its name and citation-free description, cut at a word boundary.</summary>
    public static string Document(AttackTechnique technique)
    {
        ArgumentNullException.ThrowIfNull(technique);
        return Trim($"{technique.Name}. {AttackText.StripCitations(technique.Description)}".Trim(), MaxDocumentChars);
    }

    private static string Trim(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)];
    }

    private static float[] Normalize(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (var x in vector) sum += (double)x * x;
        var norm = Math.Sqrt(sum);
        var result = vector.ToArray();
        if (norm > 0) for (var i = 0; i < result.Length; i++) result[i] = (float)(result[i] / norm);
        return result;
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}
