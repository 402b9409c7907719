using System.Text.Json;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Pipeline;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A Wiz issue as its webhook delivers it: <c>trigger.ruleName</c> names the notification rule that sent it (the same for
/// every issue), so the rule is the issue's <c>control.name</c>, the id <c>issue.id</c> and the user the threat
/// detection's <c>actor</c>; automation from its runners closes, the same account from elsewhere stays open.
/// </summary>
public sealed class CloudWizWebhookTests
{
    private static EnvironmentContext Context()
    {
        var egress = new IpRangeSet();
        Assert.True(egress.TryAdd("4.175.22.0/24"));
        return FamilyFixtures.Context() with
        {
            AutomationEgress = egress,
            ServiceAccounts = new HashSet<string>(["svc-deployer"], StringComparer.OrdinalIgnoreCase),
        };
    }

    private static AlertOutcome Run(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(input), true, "")], Context())[0];

    private static object Issue(string control, string actor, string ip) => new
    {
        trigger = new { source = "ISSUES", type = "Created", ruleId = "r-1", ruleName = "SOC - every high issue" },
        issue = new
        {
            id = "5f0c2a10-issue", status = "OPEN", severity = "HIGH", created = "2026-11-18T10:00:00Z",
            threatDetection = new { actor, actorIP = ip, eventTime = "2026-11-18T10:00:00Z" },
        },
        resource = new { id = "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1", name = "sg-1", type = "SECURITY_GROUP", cloudPlatform = "AWS", subscriptionId = "111122223333", region = "eu-west-1" },
        control = new { id = "wc-1", name = control, description = "A security group was opened to the internet.", severity = "HIGH" },
    };

    [Fact]
    public void The_issues_control_id_and_actor_are_read_not_the_notification_rule()
    {
        var alert = Run(Issue("Security group allows inbound traffic from the internet", "svc-deployer", "4.175.22.9")).Alert!;
        Assert.Equal("Security group allows inbound traffic from the internet", alert.Rule);
        Assert.Equal("5f0c2a10-issue", alert.Id);
        Assert.Equal("svc-deployer", alert.User);
        Assert.Equal(AlertFamily.Cloud, FamilyDetector.Detect(alert));
    }

    [Fact]
    public void Automation_from_its_runners_closes_but_the_same_account_from_elsewhere_stays_open()
    {
        var own = Run(Issue("Security group allows inbound traffic from the internet", "svc-deployer", "4.175.22.9")).Assessment!;
        Assert.Contains(own.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, own.Classification);

        var stolen = Run(Issue("Security group allows inbound traffic from the internet", "svc-deployer", "102.89.34.117")).Assessment!;
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source" && e.Strong);
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }
}
