using System.CommandLine;
using Spectre.Console;
using Verdict.Attack;
using Verdict.Attack.Mapping;
using Verdict.Llm.Embeddings;

namespace Verdict.Cli.Commands;

/// <summary>
/// `--embeddings PROVIDER:MODEL` and `--embeddings-url URL` (else $VERDICT_EMBEDDINGS and $VERDICT_EMBEDDINGS_URL), shared by
/// `attack map` and `eval attack`: semantic retrieval fused with the lexical ranking, off unless asked for. Triage does not
/// take them: an embedding call per alert costs too much for a triage run. The technique vectors are cached beside the
/// ATT&CK data ($VERDICT_CACHE_DIR/embeddings, else ~/.cache/verdict/embeddings).
/// </summary>
public sealed class SemanticRetrievalOptions
{
    public const string SpecVariable = "VERDICT_EMBEDDINGS";
    public const string UrlVariable = "VERDICT_EMBEDDINGS_URL";
    public const string CacheFolderName = "embeddings";

    public Option<string?> Embeddings { get; } = new("--embeddings")
    {
        Description = $"Also rank by meaning with an embedding model: PROVIDER:MODEL, e.g. ollama:nomic-embed-text or openai:text-embedding-3-small (default: ${SpecVariable}, else off)",
    };

    public Option<string?> Url { get; } = new("--embeddings-url")
    {
        Description = $"The embedding server: Ollama (default http://localhost:11434) or an OpenAI-compatible /v1 endpoint (default: ${UrlVariable}, else $OPENAI_BASE_URL, else api.openai.com)",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Embeddings);
        command.Options.Add(Url);
    }

    /// <summary>
    /// The embedding options asked for, validated before any work starts: null when semantic retrieval is off, else the
    /// options. False, after printing why, when they are wrong: the command then exits with <see cref="ExitCodes.Usage"/>.
    /// </summary>
    internal bool TryRead(ParseResult parse, CliServices services, out EmbeddingOptions? options)
    {
        options = null;
        var environment = services.Environment;
        var spec = parse.GetValue(Embeddings) ?? environment(SpecVariable);
        if (string.IsNullOrWhiteSpace(spec))
        {
            if (parse.GetValue(Url) is null) return true;
            services.Console.MarkupLine("[red]error:[/] --embeddings-url needs --embeddings PROVIDER:MODEL (e.g. ollama:nomic-embed-text)");
            return false;
        }
        var parsed = EmbeddingOptions.Parse(spec, parse.GetValue(Url) ?? environment(UrlVariable));
        var errors = parsed.Validate(environment);
        foreach (var error in errors) services.Console.MarkupLineInterpolated($"[red]error:[/] {error}");
        options = errors.Count == 0 ? parsed : null;
        return errors.Count == 0;
    }

    /// <summary>
    /// The mapper a command should use: lexical when <paramref name="options"/> is null or the technique vectors could not be
    /// had (said through <paramref name="note"/>), else fused with semantic retrieval, announced in one line.
    /// </summary>
    internal static async Task<MappingSession> CreateSessionAsync(EmbeddingOptions? options, AttackKnowledgeBase kb, CliServices services, Action<string> note,
        CancellationToken cancellationToken)
    {
        if (options is null) return new MappingSession(new TechniqueMapper(kb), null, note);
        var environment = services.Environment;
        var generator = EmbeddingProviders.Create(options, environment);
        try
        {
            var index = await SemanticTechniqueIndex.BuildAsync(kb, generator, CacheFolder(environment), cancellationToken: cancellationToken);
            var vectors = index.VectorsFromCache > 0 ? $"{index.VectorsFromCache} technique vectors from the cache"
                : index.CacheFile is { } file ? $"{index.Count} technique vectors embedded now, cached in {file}"
                : $"{index.Count} technique vectors embedded now (the model gives no name to cache them under)";
            note($"Semantic retrieval on: {options.Describe(environment)} ({vectors}).");
            return new MappingSession(new TechniqueMapper(kb, index, note), generator, note);
        }
        // Whatever failed (the service, its answer, the cache), the command still maps, lexically, and says why.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            generator.Dispose();
            note($"Semantic retrieval off: {e.Message.TrimEnd('.')}. Ranking lexically.");
            return new MappingSession(new TechniqueMapper(kb), null, note);
        }
    }

    /// <summary>The folder for technique vectors, beside the ATT&CK cache; null when there is no cache folder at all.</summary>
    internal static string? CacheFolder(Func<string, string?> environment)
    {
        var attackFile = AttackDataSource.CacheFile(environment, System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));
        var root = attackFile is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(attackFile));
        return root is null ? null : Path.Combine(root, CacheFolderName);
    }
}

/// <summary>A mapper for one command run, with the embedding generator it calls (disposed with it).</summary>
internal sealed class MappingSession(TechniqueMapper mapper, IDisposable? generator, Action<string> note) : IDisposable
{
    public TechniqueMapper Mapper { get; } = mapper;

    /// <summary>Says how many of the mapped texts were ranked lexically because embedding them failed, if any were.</summary>
    public void Finish(int texts)
    {
        if (Mapper.SemanticFailures > 0)
        {
            note($"Semantic retrieval: {Mapper.SemanticFailures} of {texts} text(s) were ranked lexically because the embedding call failed.");
        }
    }

    public void Dispose() => generator?.Dispose();
}
