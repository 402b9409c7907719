using System.Text.RegularExpressions;

namespace Verdict.Attack.Mapping;

/// <summary>What an alert says that can point to techniques. Any field may be empty.</summary>
public sealed record MappingInput
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Image { get; init; } = "";
    public string CommandLine { get; init; } = "";
    public string ParentImage { get; init; } = "";
    /// <summary>Any other text worth reading: file paths, registry keys, script blocks, the raw alert.</summary>
    public string Other { get; init; } = "";

    public static MappingInput FromText(string text) => new() { CommandLine = text };

    public static MappingInput From(Alerts.Alert alert) => new()
    {
        Title = alert.Rule,
        Description = alert.Description,
        Tags = alert.Tags,
        Image = alert.Process ?? "",
        CommandLine = alert.CommandLine ?? "",
        ParentImage = alert.ParentProcess ?? "",
    };
}

/// <summary>A technique the mapper proposes, with a score in 0..1 and the signals behind it.</summary>
public sealed record MappedTechnique(string Id, string Name, double Score, IReadOnlyList<string> Signals)
{
    public string ParentId => Id.Contains('.', StringComparison.Ordinal) ? Id[..Id.IndexOf('.', StringComparison.Ordinal)] : Id;
}

/// <summary>
/// Ranks ATT&CK techniques for an alert by fusing three sources of evidence, each a probability-like score
/// combined by noisy-OR (1 − Π(1 − s)): explicit technique IDs or ATT&CK tags in the alert (1.0); command-line
/// knowledge from <see cref="TechniqueRules"/> over the de-obfuscated, decoded text; and BM25 retrieval over
/// technique names, descriptions, detection text and procedure examples, scaled below the rules so that lexical
/// similarity orders the candidates the rules leave open rather than overriding them.
/// With a <see cref="SemanticTechniqueIndex"/>, <see cref="MapAsync"/> also embeds the same query text and fuses the
/// BM25 ranking with the embedding (cosine) ranking by Reciprocal Rank Fusion, RRF(d) = Σ 1 / (k + rank(d)) with k = 60
/// over the top <see cref="RetrievalDepth"/> of each list; the fused ranking takes the lexical one's place, under the same
/// ceiling. Rules and explicit tags keep their scores. When the embedding call fails, that text is ranked lexically.
/// </summary>
public sealed partial class TechniqueMapper
{
    private const double LexicalWeight = 0.45;
    /// <summary>Hits taken from each retrieval ranking.</summary>
    public const int RetrievalDepth = 10;
    public const string LexicalSignal = "text resembles the technique's description and procedure examples";
    public const string FusedSignal = "text resembles the technique (lexical and semantic retrieval)";
    private readonly AttackKnowledgeBase _kb;
    private readonly Bm25Index _index;

    public TechniqueMapper(AttackKnowledgeBase kb)
    {
        _kb = kb;
        _index = new Bm25Index([.. kb.Techniques.Where(t => !t.Deprecated).Select(t => (t.Id, Document(kb, t)))]);
    }

    /// <summary>A mapper whose <see cref="MapAsync"/> fuses lexical and semantic retrieval.</summary>
    /// <param name="semantic">The technique embeddings; null for lexical retrieval only.</param>
    /// <param name="semanticFailed">Told once, with a reason fit to show, when an embedding call first fails.</param>
    public TechniqueMapper(AttackKnowledgeBase kb, SemanticTechniqueIndex? semantic, Action<string>? semanticFailed = null) : this(kb)
    {
        Semantic = semantic;
        _semanticFailed = semanticFailed;
    }

    private static string Document(AttackKnowledgeBase kb, AttackTechnique t) =>
        string.Join(' ', Enumerable.Repeat(t.Name, 3)) + " " + t.Description + " " + t.Detection + " "
        + string.Join(' ', kb.ProceduresFor(t.Id).Select(p => p.Description));

    private const int MemoLimit = 20_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Analysis.TechniqueRef>> _memo = new(StringComparer.Ordinal);

    /// <summary>The techniques worth naming in a brief (at most three); repeated alert texts are mapped once.</summary>
    public IReadOnlyList<Analysis.TechniqueRef> ForBrief(Alerts.Alert alert)
    {
        var input = MappingInput.From(alert);
        var key = string.Join('\u001f', input.Title, input.Description, string.Join(' ', input.Tags), input.Image, input.CommandLine, input.ParentImage);
        if (_memo.TryGetValue(key, out var known)) return known;
        if (_memo.Count >= MemoLimit) _memo.Clear();
        var ranked = Map(input, 5);
        // A brief names what the alert's tags or content point to; resemblance alone only when nothing else does.
        var backed = ranked.Where(t => t.Score >= 0.3 && t.Signals.Any(x => x != LexicalSignal)).Take(3).ToList();
        return _memo[key] = [.. (backed.Count > 0 ? backed : ranked.Take(1)).Select(t => new Analysis.TechniqueRef(t.Id, t.Name))];
    }

    public IReadOnlyList<MappedTechnique> Map(MappingInput input, int top = 5)
    {
        var (scores, query) = Evidence(input);
        AddRanked(scores, _index.Search(query, RetrievalDepth), LexicalSignal);
        return scores.Top(top);
    }

    /// <summary>Explicit IDs and tags, then the command-line rules; also the text that retrieval searches with.</summary>
    private (ScoreBoard Scores, string Query) Evidence(MappingInput input)
    {
        var scores = new ScoreBoard(_kb);
        var all = string.Join("\n", input.Title, input.Description, string.Join(' ', input.Tags), input.Image, input.CommandLine, input.ParentImage, input.Other);
        foreach (Match m in TechniqueId().Matches(all))
        {
            scores.Add(m.Groups[1].Value.ToUpperInvariant(), 1.0, $"names {m.Groups[1].Value.ToUpperInvariant()}");
        }

        var view = new CommandLineView(string.Join("\n", input.CommandLine, input.Image, input.Other, input.Title, input.Description));
        foreach (var rule in TechniqueRules.All)
        {
            if (rule.Pattern.IsMatch(view.Text)) scores.Add(rule.TechniqueId, rule.Weight, rule.Signal);
        }
        if (view.Decoded.Count > 0) scores.Add("T1027", 0.6, "encoded payload decoded");
        if (input.ParentImage.Length > 0 && OfficeParent().IsMatch(input.ParentImage) && ScriptChild().IsMatch(view.Text))
        {
            scores.Add("T1204.002", 0.6, "Office application spawned a script host");
            scores.Add("T1566.001", 0.5, "Office application spawned a script host");
        }
        return (scores, all + "\n" + string.Join(' ', view.Decoded));
    }

    /// <summary>A retrieval ranking scaled so that its best hit contributes <see cref="LexicalWeight"/>.</summary>
    private static void AddRanked(ScoreBoard scores, IReadOnlyList<(string Id, double Score)> hits, string signal)
    {
        if (hits.Count == 0) return;
        var best = hits[0].Score;
        foreach (var (id, score) in hits) scores.Add(id, LexicalWeight * score / best, signal);
    }

    [GeneratedRegex(@"(?i)(?<![a-z0-9])(?:attack\.)?(t\d{4}(?:\.\d{3})?)(?![0-9])")]
    private static partial Regex TechniqueId();

    [GeneratedRegex(@"(?i)(winword|excel|powerpnt|outlook|msaccess|mspub|onenote)(\.exe)?$")]
    private static partial Regex OfficeParent();

    [GeneratedRegex(@"powershell|cmd|wscript|cscript|mshta|rundll32|regsvr32|certutil")]
    private static partial Regex ScriptChild();
}
