using Verdict.Analysis.Families;
using Verdict.Analysis.Identity;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Identity alerts read through schemas many products share (tests/data/families/identity-schemas.jsonl): Elastic ECS on
/// Cisco ASA, RADIUS attributes (Cisco ISE), a PAM vault's CEF audit and its analytics events, and Graph security alerts
/// whose evidence lists only devices (Defender for Identity), a risk-evaluation event with its address in the envelope
/// (<c>event.ip</c>) and its place under <c>details.ipAddress.geo</c>, directory binds counting distinct accounts, and a
/// leaver's account (context <c>departed_users</c>). Each benign case closes for the named reason; each
/// look-alike attack wearing that reason's clothes stays open.
/// </summary>
public sealed class IdentitySchemaFixtureTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["asa-b1"] = "approved_travel", ["asa-a1"] = "foreign_country", ["ise-b1"] = "internal_failures",
        ["vault-b1"] = "vault_checkout_with_ticket", ["pta-b1"] = "maintenance", ["mdi-b1"] = "scanner", ["win-b1"] = "admin_routine_action", ["lock-b1"] = "blocked_by_policy", ["kc-b1"] = "corporate_network", ["kc-b2"] = "internal_failures",
        ["duo-b1"] = "corporate_network", ["duo-b2"] = "usual_location", ["dep-b1"] = "corporate_network", ["spray-b1"] = "internal_failures", ["ping-b1"] = "usual_location",
        ["pta-b2"] = "maintenance", ["deny-b1"] = "blocked_by_policy",
        ["sa-b1"] = "service_expected_source", ["kc-b3"] = "blocked_by_policy", ["kc-a3"] = "bad_ip", ["kc-b4"] = "mistyped_credentials", ["okta-a5"] = "hosting_network",
        ["deny-b2"] = "blocked_by_policy", ["deny-a2"] = "new_device_and_ip",
    };

    private static EnvironmentContext Context() => FamilyFixtures.Context("identity-schemas-context.yaml");

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_lookalike_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("identity-schemas");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, Context()), output, Reason));
    }

    [Fact]
    public void Addresses_outcomes_and_families_are_read_from_the_shared_schemas()
    {
        var fixtures = FamilyFixtures.Load("identity-schemas");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        var alerts = outcomes.ToDictionary(o => o.Alert!.Id, o => o.Alert!);

        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(alerts["asa-b1"])); // cisco.asa.message_id 722051 is no mail id
        Assert.Equal(false, IdentitySignIn.Read(alerts["ise-b1"]).Succeeded);
        Assert.Equal(true, IdentitySignIn.Read(alerts["ise-a2"]).Succeeded);
        Assert.True(IdentitySignIn.IsNetworkAccessRequest(alerts["ise-a2"]));
        Assert.Equal((true, false), (IdentitySignIn.Read(alerts["kc-b1"]).Succeeded, IdentitySignIn.Read(alerts["kc-b2"]).Succeeded)); // Keycloak TYPE / TYPE_ERROR
        Assert.Equal(false, IdentitySignIn.Read(alerts["lock-b1"]).Succeeded); // a lockout, whatever event.outcome says
        Assert.Equal(("adm-rfoster", "10.20.8.14"), (alerts["vault-b1"].User, alerts["vault-b1"].SourceIp)); // CEF shost holding an address
        Assert.Equal("10.20.8.22", alerts["pta-b1"].SourceIp); // audits[0].source.mOriginalAddress
        // A machine object's address given as a name is the host; a source named, not addressed, is no source IP.
        Assert.Equal(("dc-aus-01.corp.initech.example", null), (alerts["pta-b2"].Host, alerts["pta-b2"].SourceIp));
        Assert.True(IdentitySignIn.Read(alerts["deny-b1"]).BlockedByPolicy); // Okta outcome.result DENY
        Assert.Equal("198.51.100.35", alerts["tp-a1"].SourceIp); // addr.remote written as ip:port
        Assert.Contains("nc 203.0.113.66", alerts["tp-a1"].CommandLine); // a bare "command" with arguments
        Assert.Equal((false, true), (IdentitySignIn.Read(alerts["duo-a1"]).Managed, IdentitySignIn.Read(alerts["duo-b1"]).Managed)); // Duo trusted_endpoint_status
        Assert.Equal("10.20.5.40", alerts["mdi-b1"].SourceIp); // the first device's ipInterfaces
        Assert.Equal("10.20.5.40", alerts["mdi-a2"].SourceIp);
        Assert.Equal(("73.158.44.9", "US", "Austin"), (alerts["ping-b1"].SourceIp, IdentitySignIn.Read(alerts["ping-b1"]).Country, IdentitySignIn.Read(alerts["ping-b1"]).City)); // event.ip, details.ipAddress.geo.*
        Assert.Equal((1, 45), (IdentityOrigin.AccountCount(alerts["spray-b1"]), IdentityOrigin.AccountCount(alerts["spray-a1"]))); // unique_usernames_15m
        Assert.Contains(outcomes.Single(o => o.Alert!.Id == "dep-a1").Assessment!.Evidence, e => e.Key == "departed_user_active" && e.Strong);
        // A SecurityAlert's one IP entity is where the sign-in came from; its account entity is the user, not a host.
        Assert.Equal(("svc-pipeline", "192.0.2.100"), (alerts["sa-b1"].User, IdentitySignIn.Read(alerts["sa-b1"]).Ip));
        Assert.True(IdentitySignIn.Read(alerts["kc-b3"]).BlockedByPolicy); // Keycloak error user_temporarily_disabled: its lockout
        Assert.False(IdentitySignIn.Read(alerts["kc-b4"]).BlockedByPolicy); // a wrong password is no block
    }

    [Fact]
    public void A_wrong_password_gets_no_credit_for_a_privileged_account_a_hosting_network_or_a_listed_address()
    {
        var outcomes = FamilyFixtures.Triage(FamilyFixtures.Load("identity-schemas"), Context()).ToDictionary(o => o.Alert!.Id, o => o.Assessment!);

        foreach (var id in new[] { "kc-a3", "kc-a4", "okta-a5" })
            Assert.DoesNotContain(outcomes[id].Evidence, e => e.Key == "mistyped_credentials");
        Assert.DoesNotContain(outcomes["sa-a1"].Evidence, e => e.Key == "service_expected_source");
        Assert.DoesNotContain(outcomes["sa-a2"].Evidence, e => e.Key == "service_expected_source");
    }
}
