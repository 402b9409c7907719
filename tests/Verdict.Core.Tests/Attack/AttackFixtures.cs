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

    private static readonly Lazy<AttackKnowledgeBase?> real = new(() =>
        Environment.GetEnvironmentVariable("VERDICT_SHARED_DIR") is { Length: > 0 } shared
        && Path.Combine(shared, "attack", "enterprise-attack.json.gz") is var path && File.Exists(path)
            ? AttackKnowledgeBase.Load(path)
            : null);

    public static AttackKnowledgeBase Stix20 => stix20.Value;

    /// <summary>The real v18.1 bundle from ../shared (via VERDICT_SHARED_DIR); the calling test is skipped where it is absent.</summary>
    public static AttackKnowledgeBase Real
    {
        get
        {
            if (real.Value is null) Assert.Skip("VERDICT_SHARED_DIR is not set or holds no attack/enterprise-attack.json.gz");
            return real.Value;
        }
    }
    public static AttackKnowledgeBase Stix21 => stix21.Value;
}
