using Verdict.Alerts;

namespace Verdict.Correlation.Suppression;

/// <summary>The suppression rules of a run, split at load time into those that apply and those that have expired.</summary>
public sealed class Suppressions
{
    public Suppressions(IReadOnlyList<SuppressionRule> rules, DateTimeOffset now)
    {
        Active = [.. rules.Where(r => !r.IsExpired(now))];
        Expired = [.. rules.Where(r => r.IsExpired(now))];
    }

    public static Suppressions None { get; } = new([], DateTimeOffset.MinValue);

    public IReadOnlyList<SuppressionRule> Active { get; }

    /// <summary>Rules past their expiry date: never applied, reported at the start of a run so their owner can renew or delete them.</summary>
    public IReadOnlyList<SuppressionRule> Expired { get; }

    /// <summary>The first active rule (in file order) that matches the alert, or null.</summary>
    public SuppressionRule? Match(Alert alert)
    {
        foreach (var rule in Active)
        {
            if (rule.Matches(alert)) return rule;
        }
        return null;
    }

    public static string Warning(SuppressionRule r) =>
        $"suppression rule '{r.Id}' (owner {r.Owner}) expired on {r.Expires:yyyy-MM-dd} and is not applied ({r.Source})";
}
