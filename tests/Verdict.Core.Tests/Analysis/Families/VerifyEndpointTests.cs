using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Endpoint products' readings checked against Elastic's real test logs (tests/data/families/verify18e-products.jsonl, own
/// values in the products' shapes): CrowdStrike Falcon alerts API, SentinelOne threats, Carbon Black Cloud alerts (v7). Each
/// blocked unwanted program closes for that reason read from the product's own fields; each attack stays open.
/// </summary>
public sealed class VerifyEndpointTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["ve-b01"] = "blocked_unwanted", ["ve-b02"] = "blocked_unwanted", ["ve-b03"] = "blocked_unwanted",
    };

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("verify18e-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures), output, Reason, idsRead: false));
    }

    [Fact]
    public void Falcon_alerts_give_their_process_image_and_id_from_filepath_and_composite_id()
    {
        var fixtures = FamilyFixtures.Load("verify18e-products");
        var outcomes = FamilyFixtures.Triage(fixtures);
        var falcon = outcomes[fixtures.FindIndex(f => f.Id == "ve-a01")].Alert!;
        Assert.Equal(@"\Device\HarddiskVolume2\Users\j.varga\AppData\Local\Temp\pd64.exe", falcon.Process);
        Assert.Equal(("CredentialDumpingLsass", "j.varga", "acme-srv-fs02"), (falcon.Rule, falcon.User, falcon.Host));
        Assert.StartsWith("aa11bb22cc33dd44ee55ff6600112233:ind:", falcon.Id);
        Assert.Contains("-ma lsass.exe", falcon.CommandLine);

        var carbonBlack = outcomes[fixtures.FindIndex(f => f.Id == "ve-b03")].Alert!;
        Assert.Equal(("p.haas", @"c:\users\p.haas\downloads\couponbar_setup.exe"), (carbonBlack.User, carbonBlack.Process));
    }
}
