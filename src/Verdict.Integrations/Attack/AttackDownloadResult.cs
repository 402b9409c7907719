using Verdict.Attack;

namespace Verdict.Integrations.Attack;

/// <summary>A download that was checked and cached (with the knowledge base it holds), or why it was not.</summary>
public sealed record AttackDownloadResult(AttackKnowledgeBase? KnowledgeBase, string CachePath, string Error)
{
    public bool Success => KnowledgeBase is not null;
    public static AttackDownloadResult Ok(AttackKnowledgeBase knowledgeBase, string cachePath) => new(knowledgeBase, cachePath, "");
    public static AttackDownloadResult Fail(string cachePath, string error) => new(null, cachePath, error);
}
