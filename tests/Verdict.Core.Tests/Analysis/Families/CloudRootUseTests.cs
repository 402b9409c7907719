using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// The AWS root user used by its holder (from the organisation's own network, or for an account task only root can do)
/// closes, whatever product reported it; root without MFA, from a listed bad address, from abroad or creating keys stays open.
/// </summary>
public sealed class CloudRootUseTests
{
    private const string Vpn = "203.0.113.20";
    private const string Home = "86.12.88.201";
    private const string Bad = "193.233.21.44";

    private static EnvironmentContext Context()
    {
        var vpn = new IpRangeSet();
        Assert.True(vpn.TryAdd("203.0.113.16/28"));
        var bad = new IpRangeSet();
        Assert.True(bad.TryAdd(Bad));
        return FamilyFixtures.Context() with { VpnEgress = vpn, BadIps = bad, UsualCountries = new HashSet<string>(["GB"]) };
    }

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static object Root(string name, string ip, string? mfa, string severity = "high", string? country = null) => new
    {
        alert_id = "root", rule = "Root account usage", severity, src_country = country,
        detail = new
        {
            eventTime = "2026-11-21T22:25:03Z", eventSource = name == "ConsoleLogin" ? "signin.amazonaws.com" : "account.amazonaws.com",
            eventName = name, awsRegion = "us-east-1", sourceIPAddress = ip,
            userIdentity = new { type = "Root", arn = "arn:aws:iam::111122223333:root", accountId = "111122223333" },
            additionalEventData = mfa is null ? null : new { MFAUsed = mfa },
        },
    };

    [Fact]
    public void Root_signing_in_with_mfa_from_the_vpn_closes_but_not_without_mfa_or_from_elsewhere()
    {
        var holder = Assess(Root("ConsoleLogin", Vpn, "Yes"));
        Assert.Contains(holder.Evidence, e => e.Key == "root_account");
        Assert.Contains(holder.Evidence, e => e.Key == "root_own_network");
        Assert.Equal(Classification.Benign, holder.Classification);

        var noMfa = Assess(Root("ConsoleLogin", Vpn, "No"));
        Assert.DoesNotContain(noMfa.Evidence, e => e.Key == "root_own_network");
        Assert.NotEqual(Classification.Benign, noMfa.Classification);

        var home = Assess(Root("ConsoleLogin", Home, "Yes"));
        Assert.DoesNotContain(home.Evidence, e => e.Key is "root_own_network" or "root_account_task");
        Assert.NotEqual(Classification.Benign, home.Classification);
    }

    [Fact]
    public void Root_doing_an_account_task_only_root_can_do_closes_but_keys_a_bad_address_or_abroad_do_not()
    {
        var contact = Assess(Root("PutContactInformation", Home, "Yes", "medium"));
        Assert.Contains(contact.Evidence, e => e.Key == "root_account_task");
        Assert.Equal(Classification.Benign, contact.Classification);

        var key = Assess(Root("CreateAccessKey", Home, "Yes"));
        Assert.DoesNotContain(key.Evidence, e => e.Key == "root_account_task");
        Assert.NotEqual(Classification.Benign, key.Classification);

        var bad = Assess(Root("PutContactInformation", Bad, "Yes"));
        Assert.DoesNotContain(bad.Evidence, e => e.Key == "root_account_task");
        Assert.NotEqual(Classification.Benign, bad.Classification);

        var abroad = Assess(Root("PutContactInformation", "102.89.34.117", "Yes", country: "NG"));
        Assert.DoesNotContain(abroad.Evidence, e => e.Key == "root_account_task");
        Assert.NotEqual(Classification.Benign, abroad.Classification);
    }

    private static object Wiz(string type, string description) => new
    {
        id = "wiz-1", sourceRule = new { id = "r1", name = "AWS root account used", controlDescription = description },
        createdAt = "2026-11-21T22:26:00Z", status = "OPEN", severity = "LOW", type,
        entitySnapshot = new { id = "e1", type = "USER_ACCOUNT", nativeType = "rootUser", name = "Root", cloudPlatform = "AWS" },
    };

    [Fact]
    public void A_wiz_detection_about_the_root_user_is_read_as_root_use_and_a_configuration_issue_is_not()
    {
        var vpn = Assess(Wiz("THREAT_DETECTION", $"Root ConsoleLogin from {Vpn}"));
        Assert.Contains(vpn.Evidence, e => e.Key == "root_account");
        Assert.Contains(vpn.Evidence, e => e.Key == "root_own_network");
        Assert.Equal(Classification.Benign, vpn.Classification);

        var outside = Assess(Wiz("THREAT_DETECTION", $"Root ConsoleLogin from {Home}"));
        Assert.Contains(outside.Evidence, e => e.Key == "root_account");
        Assert.NotEqual(Classification.Benign, outside.Classification);

        var posture = Assess(Wiz("CLOUD_CONFIGURATION", "Root user has no hardware MFA device"));
        Assert.DoesNotContain(posture.Evidence, e => e.Key == "root_account");
    }
}
