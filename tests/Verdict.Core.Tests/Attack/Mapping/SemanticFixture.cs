using Verdict.Attack;

namespace Verdict.Tests.Attack.Mapping;

/// <summary>
/// tests/data/attack/mini-semantic.json: credential-access, browser and a few other techniques, written so that words
/// and meaning diverge. "harvest stored chrome logins" shares no word with Credentials from Web Browsers (T1555.003)
/// but means it; "steal saved browser passwords" shares a few words with it and more with its neighbours.
/// Linked into the Llm and CLI tests, so it needs nothing else from this project.
/// </summary>
internal static class SemanticFixture
{
    public const string Target = "T1555.003";
    public const string NoSharedWords = "harvest stored chrome logins";
    public const string FewSharedWords = "steal saved browser passwords";

    private static readonly Lazy<AttackKnowledgeBase> kb = new(() => AttackKnowledgeBase.Load(Path));

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "attack", "mini-semantic.json");

    public static AttackKnowledgeBase KnowledgeBase => kb.Value;

    /// <summary>The 1-based rank of a technique in a ranking, or int.MaxValue when absent.</summary>
    public static int RankOf(IEnumerable<string> ids, string id) =>
        ids.ToList().IndexOf(id) is var i and >= 0 ? i + 1 : int.MaxValue;
}
