using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Identity alerts as OneLogin, IAM Identity Center (CloudTrail), Sumo Logic Cloud SIEM, Google SecOps, JumpCloud, Duo,
/// Keycloak admin events, Google Workspace logins and Cloudflare Access
/// send them (tests/data/families/identity-products.jsonl): each benign case closes for the named reason read from the
/// product's own fields, and each look-alike attack stays open, most for a named malicious observation.
/// </summary>
public sealed class IdentityProductFixtureTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["idp-b40"] = "vendor_low_risk", ["idp-a40"] = "vendor_risk_reasons", ["idp-b41"] = "mfa_answered_novelty", ["idp-a41"] = "vendor_risk_reasons",
        ["idp-b42"] = "admin_assumed_with_ticket", ["idp-b43"] = "phishing_resistant_mfa", ["idp-a43"] = "single_factor",
        ["idp-b44"] = "default_account_guess", ["idp-a44"] = "single_factor", ["idp-b45"] = "relay_egress", ["idp-a45"] = "hosting_network",
        ["idp-b46"] = "approved_travel", ["idp-a46"] = "service_interactive", ["idp-b47"] = "stale_service_credentials",
        ["idp-a47"] = "success_after_failures", ["idp-b48"] = "phishing_resistant_mfa", ["idp-a48"] = "single_factor", ["idp-a49"] = "as_rep_roast",
        ["idp-b50"] = "refused_untargeted", ["idp-b51"] = "refused_untargeted", ["idp-a51"] = "bad_ip", ["idp-a52"] = "bad_ip",
        ["idp-b53"] = "service_expected_source", ["idp-b54"] = "refused_untargeted", ["idp-a54"] = "foreign_country",
        ["idp-a55"] = "foreign_country", ["idp-a56"] = "foreign_country",
        ["idp-b57"] = "relay_egress", ["idp-b59"] = "relay_egress", ["idp-a58"] = "foreign_country",
        ["idp-b60"] = "service_expected_source", ["idp-a60"] = "service_interactive", ["idp-b61"] = "maintenance",
        ["idp-a70"] = "scripted_client", ["idp-a71"] = "hosting_network",
        ["idp-b80"] = "mistyped_credentials", ["idp-a80"] = "sign_in_risk", ["idp-b81"] = "routine_user_admin", ["idp-a81"] = "privilege_change",
        ["idp-b82"] = "usual_location", ["idp-a82"] = "foreign_country", ["idp-b83"] = "usual_location", ["idp-a83"] = "sign_in_risk",
        ["idp-b85"] = "mistyped_credentials",
        ["idp-b90"] = "usual_location", ["idp-a90"] = "fraud_reported", 
        ["idp-a92"] = "sign_in_risk", ["idp-b93"] = "usual_location", ["idp-a93"] = "foreign_country",
    };

    private static EnvironmentContext Context() => FamilyFixtures.Context("identity-context.yaml");

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_lookalike_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("identity-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, Context()), output, Reason));
    }

    [Fact]
    public void Products_name_the_account_rule_and_address_and_IAM_Identity_Center_sign_ins_are_identity_alerts()
    {
        var fixtures = FamilyFixtures.Load("identity-products");
        var alerts = FamilyFixtures.Triage(fixtures, Context()).ToDictionary(o => o.Alert!.Id, o => o.Alert!);

        Assert.Equal(("kim.nguyen", "OneLogin: user failed authentication"), (alerts["idp-b40"].User, alerts["idp-b40"].Rule));
        Assert.Equal(("lee.chan", "user_login_from_new_country", "91.64.10.20"), (alerts["idp-b46"].User, alerts["idp-b46"].Rule, alerts["idp-b46"].SourceIp));
        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(alerts["idp-a43"]));
        Assert.Equal(false, Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["idp-a43"]).Mfa);
        Assert.Equal(false, Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["idp-b47"]).Succeeded);
    }

    [Fact]
    public void A_refused_spray_counts_the_listed_bad_address_only_weakly_and_an_unlisted_one_needs_the_products_threat_judgement()
    {
        var fixtures = FamilyFixtures.Load("identity-products");
        var outcomes = FamilyFixtures.Triage(fixtures, Context()).ToDictionary(o => o.Alert!.Id, o => o.Assessment!);

        Assert.DoesNotContain(outcomes["idp-b51"].Evidence, e => e.Key == "bad_ip" && e.Strong);
        Assert.Contains(outcomes["idp-a51"].Evidence, e => e.Key == "bad_ip" && e.Strong);
        Assert.DoesNotContain(outcomes["idp-a50"].Evidence, e => e.Key == "refused_untargeted"); // a rate limit after 1,400 tries
        Assert.DoesNotContain(outcomes["idp-a55"].Evidence, e => e.Key == "refused_untargeted"); // a plain policy deny
        // An unlisted source refused by the product's threat detection: weaker than a listed one, and its origin earns nothing.
        Assert.True(outcomes["idp-b54"].Evidence.Single(e => e.Key == "refused_untargeted").Weight < outcomes["idp-b51"].Evidence.Single(e => e.Key == "refused_untargeted").Weight);
        Assert.DoesNotContain(outcomes["idp-b54"].Evidence, e => e.Key is "foreign_country" or "hosting_network" or "scripted_client");
    }

    [Fact]
    public void An_audit_change_lists_old_value_is_no_mail_sender()
    {
        var change = AlertBuilder.Make("jc1", "adm-ops", null, "user_update") with
        {
            Fields = [new("initiated_by.username", "adm-ops"), new("changes.0.field", "account_locked"), new("changes.0.from", "true"), new("changes.0.to", "false")],
        };
        var mail = AlertBuilder.Make("m1", "kim", null, "user_update") with { Fields = [new("from", "payroll@globex-hr.com"), new("to", "kim@globex.com")] };

        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(change));
        Assert.Equal(AlertFamily.Email, FamilyDetector.Detect(mail));
    }

    [Fact]
    public void Sentinel_rows_PingOne_Protect_and_Elastic_ISE_are_read_from_their_documented_fields()
    {
        var fixtures = FamilyFixtures.Load("identity-products");
        var alerts = FamilyFixtures.Triage(fixtures, Context()).ToDictionary(o => o.Alert!.Id, o => o.Alert!);

        // SigninLogs: LocationDetails and DeviceDetail are JSON text; Level 4 is a log level, no rating; the row is a sign-in, not an API call.
        var signIn = Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["idp-a80"]);
        Assert.Equal(("NL", "Amsterdam", false, "high"), (signIn.Country, signIn.City, signIn.Managed, signIn.SignInRisk));
        Assert.Null(alerts["idp-b80"].DetectorSeverity);
        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(alerts["idp-b80"]));
        Assert.Equal("Chicago", Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["idp-b80"]).City);
        // AuditLogs: the actor and the address are inside the InitiatedBy JSON text.
        Assert.Equal(("it.admin", "10.1.2.3", "Reset user password"), (alerts["idp-b81"].User, alerts["idp-b81"].SourceIp, alerts["idp-b81"].Rule));
        // PingOne Protect: the rule names the product and its level, which is read as the sign-in's risk.
        Assert.Equal("PingOne Protect risk evaluation (AUTHENTICATION): HIGH", alerts["idp-a83"].Rule);
        Assert.Null(Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["idp-b83"]).SignInRisk); // LOW (and MEDIUM, one novelty) is no risk reading
        Assert.Equal("Auth0 MFA Auth failed (wrong one-time code)", alerts["idp-b82"].Rule);
        Assert.Equal(("kim.nguyen", "10.20.30.40"), (alerts["idp-b85"].User, alerts["idp-b85"].SourceIp));
    }

    [Fact]
    public void Keycloak_admin_events_Cloudflare_Access_and_Google_Workspace_logins_are_read_from_their_documented_fields()
    {
        var fixtures = FamilyFixtures.Load("identity-products");
        var outcomes = FamilyFixtures.Triage(fixtures, Context()).ToDictionary(o => o.Alert!.Id, o => o);

        // Keycloak: the actor and address are inside authDetails; a CREATE of a REALM_ROLE_MAPPING is named a role grant.
        var grant = outcomes["idp-a91"].Alert!;
        Assert.Equal(("jane.doe", "77.163.88.19", "Keycloak admin event: role granted: CREATE REALM_ROLE_MAPPING"), (grant.User, grant.SourceIp, grant.Rule));
        // Cloudflare Access: Email, IPAddress, the lower-case two-letter Country, and Allowed as the product's action.
        var access = outcomes["idp-a93"].Alert!;
        Assert.Equal(("kim.nguyen", "77.163.88.19", "Cloudflare Access login to admin.globex.com"), (access.User, access.SourceIp, access.Rule));
        Assert.Equal("RU", Verdict.Analysis.Identity.IdentitySignIn.Read(access).Country);
        // Google Workspace: a multiValue login_challenge_method keeps every item; is_suspicious is the product's risk judgement.
        var google = Verdict.Analysis.Identity.IdentitySignIn.Read(outcomes["idp-a92"].Alert!);
        Assert.Equal((false, "high"), (google.Mfa, google.SignInRisk));
    }

    [Fact]
    public void A_Google_login_answered_with_a_second_challenge_counts_as_MFA()
    {
        var login = AlertBuilder.Make("g1", "kim", null, "login_success", ip: "73.45.12.8") with
        {
            Fields = [new("events.0.parameters.0.name", "login_challenge_method"), new("events.0.parameters.0.multiValue.0", "password"),
                new("events.0.parameters.0.multiValue.1", "security_key"), new("events.0.parameters.1.name", "is_suspicious"), new("events.0.parameters.1.boolValue", "false")],
        };
        var read = Verdict.Analysis.Identity.IdentitySignIn.Read(login);
        Assert.Equal((true, null), (read.Mfa, read.SignInRisk));
    }

    [Fact]
    public void Sumo_Logic_signal_severity_runs_zero_to_ten()
    {
        var fixtures = FamilyFixtures.Load("identity-products");
        var alerts = FamilyFixtures.Triage(fixtures, Context()).ToDictionary(o => o.Alert!.Id, o => o.Alert!);

        Assert.Equal(Severity.Medium, alerts["idp-b45"].DetectorSeverity); // 4 of 10
        Assert.Equal(Severity.High, alerts["idp-a47"].DetectorSeverity); // 8 of 10
    }

    [Fact]
    public void Context_accounts_written_as_email_addresses_match_the_alerts_account_names()
    {
        var context = Context();

        Assert.True(context.IsPrivileged("ops.lead"));
        Assert.True(context.IsPrivileged("ops.lead@globex.com"));
        Assert.NotNull(context.TravelApproval("lee.chan", "DE", new DateTimeOffset(2026, 11, 17, 10, 0, 0, TimeSpan.Zero)));
        Assert.Null(context.TravelApproval("lee.chan", "FR", new DateTimeOffset(2026, 11, 17, 10, 0, 0, TimeSpan.Zero)));
    }
}
