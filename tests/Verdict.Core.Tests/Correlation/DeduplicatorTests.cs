using Verdict.Alerts;
using Verdict.Correlation;
using Verdict.Tests.Support;

namespace Verdict.Tests.Correlation;

public class DeduplicatorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static Alert A(string id, double minutes, string user = "bob", string rule = "brute_force", string? ip = "1.2.3.4") =>
        AlertBuilder.Make(id, user, Noon.AddMinutes(minutes), rule, ip: ip);

    [Fact]
    public void Fold_SameRuleAndEntitiesWithinTheWindow_FoldIntoTheEarliest()
    {
        Alert[] alerts = [A("a2", 10), A("a1", 0), A("a3", 59), A("other-user", 5, user: "carol"), A("other-rule", 5, rule: "new_country"), A("other-ip", 5, ip: "5.6.7.8")];

        var d = Deduplicator.Fold(alerts, TimeSpan.FromHours(1));

        Assert.Equal(["a1", "other-user", "other-rule", "other-ip"], d.Primaries.Select(a => a.Id));
        Assert.Equal(["a2", "a3"], d.Duplicates[alerts[1]].Select(a => a.Id));
        Assert.Same(alerts[1], d.DuplicateOf[alerts[0]]);
    }

    [Fact]
    public void Fold_WindowIsMeasuredFromThePrimary()
    {
        Alert[] alerts = [A("a1", 0), A("a2", 50), A("a3", 70), A("a4", 100)];

        var d = Deduplicator.Fold(alerts, TimeSpan.FromHours(1));

        Assert.Equal(["a1", "a3"], d.Primaries.Select(a => a.Id));
        Assert.Equal(["a4"], d.Duplicates[alerts[2]].Select(a => a.Id));
    }

    [Fact]
    public void Fold_UntimedAlertsAndAZeroWindow_FoldNothing()
    {
        var untimed = AlertBuilder.Make("u1", "bob", null);
        Alert[] alerts = [untimed, AlertBuilder.Make("u2", "bob", null), A("a1", 0), A("a2", 1)];

        Assert.Equal(["u1", "u2", "a1"], Deduplicator.Fold(alerts, TimeSpan.FromHours(1)).Primaries.Select(a => a.Id));
        Assert.Equal(4, Deduplicator.Fold(alerts, TimeSpan.Zero).Primaries.Count);
    }
}
