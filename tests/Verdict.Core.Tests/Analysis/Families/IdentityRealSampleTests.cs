using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Identity event streams in the shapes real sample events have (tests/data/families/identity17-products.jsonl, made-up
/// values): Windows Security events from Winlogbeat and as Sentinel SecurityEvent / WindowsEvent rows, Defender XDR
/// advanced hunting identity rows (IdentityLogonEvents, AADSignInEventsBeta) as Sentinel rows and from the streaming API,
/// Zscaler ZPA user activity, 1Password sign-in attempts and CrowdStrike Falcon Identity Protection detections and
/// incidents. Each product's account, address, outcome and detection are read from its own fields; each benign case
/// closes for the reason those readings give and each attack stays open.
/// </summary>
public sealed class IdentityRealSampleTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["win-b1"] = "internal_failures", ["win-b2"] = "legacy_kerberos_client", ["win-a1"] = "attack_distribution_host", ["win-a3"] = "as_rep_roast",
        ["xdr-b1"] = "mistyped_credentials", ["aad-b1"] = "managed_device", ["aad-a1"] = "sign_in_risk",
        ["zpa-b1"] = "blocked_by_policy", ["zpa-a1"] = "foreign_country", ["op-b2"] = "blocked_by_policy", ["op-a1"] = "foreign_country",
        ["cs-b1"] = "vpn_egress", ["op-b1"] = "mistyped_credentials",
        // Wazuh alerts on Security events: the scanner's address with a kali workstation is no scan; a rule naming Kerberoasting is a claim to check.
        ["wz-a1"] = "attack_distribution_host", ["wz-b1"] = "scanner", ["wz-a2"] = "rule_names_threat",
    };

    private static EnvironmentContext Context() => FamilyFixtures.Context("identity-context.yaml");

    private static Dictionary<string, AlertOutcome> Outcomes()
    {
        var fixtures = FamilyFixtures.Load("identity17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        return FamilyFixtures.ById(fixtures, outcomes);
    }

    [Fact]
    public void Each_benign_event_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("identity17-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, Context()), output, Reason, idsRead: false));
    }

    [Fact]
    public void Windows_events_name_the_target_account_its_address_and_the_event_not_the_reporting_machine()
    {
        var alerts = Outcomes().ToDictionary(p => p.Key, p => p.Value.Alert!);

        // Winlogbeat: the target of a failed logon, not the workstation's machine account that reported it.
        Assert.Equal(("kim.nguyen", "127.0.0.1"), (alerts["win-b1"].User, alerts["win-b1"].SourceIp));
        Assert.Equal("Windows Security 4625: An account failed to log on", alerts["win-b1"].Rule);
        // A group change: the account that made it, not the group (TargetUserName "Administrators").
        Assert.Equal("helpdesk.tmp", alerts["win-a2"].User);
        // A WindowsEvent row's EventData object reads as a flat row's columns.
        Assert.Equal(("lee.chan", "45.155.205.233", "10"), (alerts["win-a4"].User, alerts["win-a4"].SourceIp, alerts["win-a4"].Raw("LogonType")));
        Assert.Equal(false, Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["win-a4"]).Succeeded);
        // A SecurityEvent row's EventID is the kind of event, not the record's id; its Level is no severity.
        Assert.NotEqual("4769", alerts["win-b2"].Id);
        Assert.Null(alerts["win-b2"].DetectorSeverity);
    }

    [Fact]
    public void Defender_XDR_identity_rows_name_the_action_outcome_and_place_in_either_export()
    {
        var outcomes = Outcomes();
        var alerts = outcomes.ToDictionary(p => p.Key, p => p.Value.Alert!);

        Assert.Equal("Defender XDR IdentityLogonEvents: LogonFailed (WrongPassword)", alerts["xdr-b1"].Rule);
        // The streaming API's row inside "properties" is an identity sign-in, not an Azure API call ("operationName": "Publish").
        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(alerts["xdr-a1"]));
        Assert.Equal(("lee.chan", "103.251.167.20"), (alerts["xdr-a1"].User, alerts["xdr-a1"].SourceIp));
        var signIn = Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["xdr-a1"]);
        Assert.Equal(("VN", true), (signIn.Country, signIn.Succeeded));
        // AADSignInEventsBeta rates risk 0/10/50/100: 100 is high, 10 low (no risk evidence).
        Assert.Equal("high", Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["aad-a1"]).SignInRisk);
        Assert.DoesNotContain(outcomes["aad-b1"].Assessment!.Evidence, e => e.Key == "sign_in_risk");
    }

    [Fact]
    public void ZPA_1Password_and_Falcon_records_name_the_country_outcome_account_and_detection()
    {
        var alerts = Outcomes().ToDictionary(p => p.Key, p => p.Value.Alert!);

        Assert.Equal("RU", Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["zpa-a1"]).Country);
        Assert.Equal("ZPA user activity: access to HR Payroll rejected by policy", alerts["zpa-b1"].Rule);
        // A rejection is a block, but only from a usual country is it the policy doing its job: from a listed address abroad it stays open.
        var outcomes = Outcomes();
        Assert.Contains(outcomes["zpa-b1"].Assessment!.Evidence, e => e.Key == "blocked_by_policy");
        Assert.DoesNotContain(outcomes["zpa-a2"].Assessment!.Evidence, e => e.Key == "blocked_by_policy");
        // 1Password: the account's e-mail (read as kim.nguyen), not its display name ("Kim Nguyen"); the category is the outcome.
        Assert.Equal("kim.nguyen", alerts["op-b1"].User);
        Assert.Equal("1Password sign-in attempt: credentials_failed (password_secret_bad)", alerts["op-b1"].Rule);
        Assert.Equal((false, true), (Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["op-b1"]).Succeeded, Verdict.Analysis.Identity.IdentitySignIn.Read(alerts["op-a1"]).Succeeded));
        // Falcon Identity Protection: the incident type and its endpoint's address; a detection's account by its UPN.
        Assert.Equal(("Falcon Identity Protection incident: UNUSUAL_ENDPOINT_USE", "198.51.100.7"), (alerts["cs-b1"].Rule, alerts["cs-b1"].SourceIp));
        Assert.Equal(("it.admin", "Access from IP with bad reputation"), (alerts["cs-a2"].User, alerts["cs-a2"].Rule));
    }
}
