using Verdict.Analysis;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// IPS and NDR alerts whose meaning sits in fields the generic reading missed (tests/data/families/ids-network.jsonl:
/// a Juniper-SRX-like IDP log whose <c>event_type</c> names only the log, a Sophos-like IPS log whose <c>category</c> is
/// the rule group and whose <c>log_subtype</c> says Drop or Detect, an NDR detection whose addresses sit in a
/// role-tagged participants list beside a console link, a CEF WAF log whose <c>request</c> is the URL): the signature, action and addresses are read, each benign
/// reason closes its case, and the attack wearing the same clothes stays open.
/// </summary>
public sealed class IdsNetworkTests(ITestOutputHelper output)
{
    private static EnvironmentContext Context() => FamilyFixtures.Context("ids-network-context.yaml");

    [Fact]
    public void Each_benign_reason_closes_its_case_and_the_attack_riding_it_stays_open()
    {
        var fixtures = FamilyFixtures.Load("ids-network");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, outcomes, output, new Dictionary<string, string>
        {
            ["ids-b01"] = "blocked_product_exploit",
            ["ids-b02"] = "internet_guessing",
            ["ids-b03"] = "internal_cleartext_credentials",
            ["ids-b04"] = "scanner",
            ["ids-b05"] = "protocol_rule",
            ["ids-b06"] = "maintenance_window",
            ["ids-b07"] = "xml_doctype_only",
            ["ids-a01"] = "ids_attack_signature",
            ["ids-a03"] = "malware_signature",
            ["ids-a04"] = "internal_guessing",
            ["ids-a05"] = "script_download",
            ["ids-a06"] = "bad_destination",
            ["ids-a08"] = "internal_scan",
            ["ids-a09"] = "overflow_payload",
            ["ids-a12"] = "malware_signature",
            ["ids-a13"] = "xxe",
        }));
    }

    [Theory]
    [InlineData("ids-a01", "OS-WINDOWS Microsoft Windows SMB remote code execution attempt")]
    [InlineData("ids-a03", "PUA-OTHER Monero cryptocurrency miner outbound connection attempt")]
    [InlineData("ids-a04", "SSH:BRUTE-LOGIN")]
    [InlineData("ids-a05", "HTTP:STC:DL:HTA-FILE")]
    public void The_signature_is_the_rule_not_the_logs_type_or_category(string id, string rule)
    {
        var fixtures = FamilyFixtures.Load("ids-network").Where(f => f.Id == id).ToList();
        Assert.Equal(rule, FamilyFixtures.Triage(fixtures, Context())[0].Alert!.Rule);
    }

    [Theory]
    [InlineData("ids-b04", "10.20.0.5")]
    [InlineData("ids-a06", "10.30.9.50")]
    public void The_offender_participant_is_the_source_and_the_console_link_is_no_request(string id, string source)
    {
        var fixtures = FamilyFixtures.Load("ids-network").Where(f => f.Id == id).ToList();
        var outcome = FamilyFixtures.Triage(fixtures, Context())[0];
        Assert.Equal(source, outcome.Alert!.SourceIp);
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == "no_attack_payload");
    }

    [Fact]
    public void An_internal_host_guessing_passwords_as_a_listed_service_account_is_not_called_guessing()
    {
        var fixture = FamilyFixtures.Load("ids-network").Single(f => f.Id == "ids-a04");
        var withAccount = fixture with { Input = fixture.Input.Replace("\"username\": \"N/A\"", "\"username\": \"svc-patch\"", StringComparison.Ordinal) };
        Assert.NotEqual(fixture.Input, withAccount.Input);
        var outcome = FamilyFixtures.Triage([withAccount], Context())[0];
        Assert.Equal("svc-patch", outcome.Alert!.User);
        Assert.DoesNotContain(outcome.Assessment!.Evidence, e => e.Key == "internal_guessing");
    }
}
