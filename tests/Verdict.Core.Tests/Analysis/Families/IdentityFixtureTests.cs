using Verdict.Analysis;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Identity alerts as Okta, Entra (Sentinel columns), Entra ID Protection and Elastic ECS export them, with no activity
/// logs: each benign case closes for a named reason read from the vendor's own fields, and each adversarial case that
/// looks like it (a device claim on a replayed token, a service account at a browser, a spray from inside) stays open.
/// </summary>
public sealed class IdentityFixtureTests(ITestOutputHelper output)
{
    /// <summary>The evidence each fixture must carry: the reason it closes, or what keeps it open.</summary>
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["idp-b01"] = "vpn_egress", ["idp-b02"] = "usual_location", ["idp-b03"] = "approved_travel", ["idp-b04"] = "managed_device",
        ["idp-b05"] = "blocked_by_policy", ["idp-b06"] = "service_expected_source", ["idp-b07"] = "stale_service_credentials",
        ["idp-b08"] = "internal_failures", ["idp-b09"] = "risk_remediated", ["idp-b10"] = "vendor_dismissed", ["idp-b11"] = "known_ips",
        ["idp-b12"] = "corporate_network", ["idp-b13"] = "usual_location", ["idp-b14"] = "internal_failures", ["idp-b15"] = "stale_service_credentials",
        ["idp-b16"] = "blocked_by_policy", ["idp-b17"] = "deployment_builtin_account", ["idp-b18"] = "legacy_kerberos_client", ["idp-b19"] = "admin_test_account",
        ["idp-b20"] = "challenge_passed", ["idp-b21"] = "vendor_dismissed", ["idp-b22"] = "vendor_dismissed",
        ["idp-a22"] = "vendor_confirmed_compromise", ["idp-a23"] = "vendor_confirmed_compromise",
        ["idp-a24"] = "builtin_admin_network", ["idp-a25"] = "as_rep_roast", ["idp-b23"] = "corporate_network", ["idp-a26"] = "privileged_ntlm_logon",
        ["idp-a27"] = "unmanaged_workstation", ["idp-b25"] = "stale_service_credentials", ["idp-b26"] = "usual_location", ["idp-a28"] = "foreign_country",
        ["idp-b27"] = "internal_failures", ["idp-b28"] = "internal_failures", ["idp-b29"] = "stale_service_credentials", ["idp-b30"] = "maintenance",
        ["idp-b31"] = "admin_routine_action", ["idp-b32"] = "admin_signin_in_hours", ["idp-b33"] = "admin_routine_action",
        ["idp-a37"] = "hosting_network", ["idp-b34"] = "usual_location", ["idp-a32"] = "vpn_egress_privileged", ["idp-a33"] = "new_device_and_ip", ["idp-a35"] = "vpn_egress_privileged", ["idp-a36"] = "vpn_egress_privileged",
        ["idp-a01"] = "foreign_country", ["idp-a02"] = "service_interactive", ["idp-a03"] = "foreign_country",
        ["idp-a05"] = "vendor_confirmed_compromise", ["idp-a06"] = "unmanaged_new_device", ["idp-a07"] = "sign_in_risk", ["idp-a08"] = "scripted_client", ["idp-a09"] = "sign_in_risk",
        ["idp-a12"] = "fraud_reported", ["idp-a13"] = "vpn_egress_privileged", ["idp-a15"] = "break_glass", ["idp-a16"] = "departed_user",
    };

    private static EnvironmentContext Context() => FamilyFixtures.Context("identity-context.yaml");

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_lookalike_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("identity");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        var wrong = new List<string>();
        for (var i = 0; i < fixtures.Count; i++)
        {
            var (f, a) = (fixtures[i], outcomes[i].Assessment!);
            var right = f.Attack ? a.Classification != Classification.Benign : a.Classification == Classification.Benign;
            var keys = a.Evidence.Select(e => e.Key).ToHashSet();
            var reasoned = !Reason.TryGetValue(f.Id, out var key) || keys.Contains(key);
            output.WriteLine($"{(right && reasoned ? "  ok" : "MISS")} {f.Id} {a.Classification,-10} P={a.MaliciousProbability:F2} {f.Note}: "
                + string.Join(" | ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight:+0.0;-0.0;0}")));
            if (!right || !reasoned) wrong.Add($"{f.Id} ({f.Note}) -> {a.Classification}, evidence {string.Join(", ", keys)}");
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("SUCCESS", true)]
    [InlineData("ALLOW", true)]
    [InlineData("0", true)]
    [InlineData("FAILURE", false)]
    [InlineData("50126", false)]
    [InlineData("DENY", false)]
    [InlineData("UNKNOWN", null)]
    public void Outcomes_read_as_Okta_ECS_and_Entra_write_them(string result, bool? succeeded) =>
        Assert.Equal(succeeded, Verdict.Analysis.Identity.IdentitySignIn.Outcome(result));

    [Fact]
    public void Okta_fields_name_the_user_address_and_country()
    {
        var fixture = FamilyFixtures.Load("identity").Single(f => f.Id == "idp-b02");
        var alert = FamilyFixtures.Triage([fixture], Context())[0].Alert!;
        var signIn = Verdict.Analysis.Identity.IdentitySignIn.Read(alert);

        Assert.Equal("kim.nguyen", alert.User);
        Assert.Equal("73.45.12.8", alert.SourceIp);
        Assert.Equal(("US", "Chicago", false), (signIn.Country, signIn.City, signIn.Succeeded));
        Assert.NotNull(alert.Time);
    }
}
