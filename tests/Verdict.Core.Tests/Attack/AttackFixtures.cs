using Verdict.Attack;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack;

/// <summary>The hand-written STIX fixtures in tests/data/attack, loaded once.</summary>
internal static class AttackFixtures
{
    public static string Stix20Path => TestData.Fixture(Path.Combine("attack", "mini-stix20.json"));
    public static string Stix21Path => TestData.Fixture(Path.Combine("attack", "mini-stix21.json"));

    private static readonly Lazy<AttackKnowledgeBase> stix20 = new(() => AttackKnowledgeBase.Load(Stix20Path));
    private static readonly Lazy<AttackKnowledgeBase> stix21 = new(() => AttackKnowledgeBase.Load(Stix21Path));

    public static AttackKnowledgeBase Stix20 => stix20.Value;
    public static AttackKnowledgeBase Stix21 => stix21.Value;
}
