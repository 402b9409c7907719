using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A cloud account or privilege change outside business hours is not closed on who made it and from where alone (the
/// VPN egress): the same change in business hours, or in the maintenance window, closes.
/// </summary>
public sealed class CloudOffHoursChangeTests
{
    private static EnvironmentContext Context()
    {
        var vpn = new IpRangeSet();
        Assert.True(vpn.TryAdd("203.0.113.0/28"));
        return FamilyFixtures.Context() with { VpnEgress = vpn };
    }

    private static Assessment Assess(string time) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(Issue(time)), true, "")], Context())[0].Assessment!;

    private static object Issue(string time) => new
    {
        trigger = new { source = "ISSUES", type = "Created", ruleId = "r-1", ruleName = "SOC - every issue" },
        issue = new
        {
            id = "7a1d-issue", status = "OPEN", severity = "MEDIUM", created = time,
            threatDetection = new { actor = "cloud.admin", actorIP = "203.0.113.9", eventTime = time },
        },
        resource = new { id = "arn:aws:iam::111122223333:user/ops-admin2", name = "ops-admin2", type = "USER_ACCOUNT", cloudPlatform = "AWS", subscriptionId = "111122223333", region = "global" },
        control = new { id = "wc-2", name = "IAM user created with console access", description = "A new IAM user with a console password was created.", severity = "MEDIUM" },
    };

    [Fact]
    public void An_admin_user_created_on_a_saturday_evening_from_the_vpn_stays_open()
    {
        var saturday = Assess("2026-11-21T19:40:00Z");
        Assert.Contains(saturday.Evidence, e => e.Key == "off_hours_account_change");
        Assert.NotEqual(Classification.Benign, saturday.Classification);
    }

    [Fact]
    public void The_same_change_in_business_hours_or_in_the_maintenance_window_closes()
    {
        var tuesday = Assess("2026-11-17T10:15:00Z");
        Assert.DoesNotContain(tuesday.Evidence, e => e.Key == "off_hours_account_change");
        Assert.Equal(Classification.Benign, tuesday.Classification);

        var window = Assess("2026-11-21T03:00:00Z"); // tests/data/families/context.yaml: Saturday 02:00-06:00 changes
        Assert.Contains(window.Evidence, e => e.Key == "off_hours_account_change");
        Assert.Equal(Classification.Benign, window.Classification);
    }
}
