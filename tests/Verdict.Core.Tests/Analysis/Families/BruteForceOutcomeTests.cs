using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A brute force the product says failed (Security Command Center's authResult, ECS event.outcome, Defender for Cloud's
/// BruteForceFailed) from an address the context lists as bad: the listing stops being strong and the alert closes. A
/// listed address whose guessing succeeded, a failure stated for something that is not a brute force, and a brute force
/// with no stated result stay open.
/// </summary>
public sealed class BruteForceOutcomeTests
{
    private const string Listed = "198.51.100.77";

    private static EnvironmentContext Context()
    {
        var bad = new IpRangeSet();
        Assert.True(bad.TryAdd(Listed));
        return FamilyFixtures.Context() with { BadIps = bad };
    }

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("b0", JsonSerializer.Serialize(input), false, "")], Context())[0].Assessment!;

    private static object Scc(string category, string result, string severity = "LOW") => new
    {
        finding = new
        {
            name = "organizations/1/sources/2/findings/f1", category, state = "ACTIVE", severity, findingClass = "THREAT",
            eventTime = "2026-11-18T03:30:00Z", resourceName = "//compute.googleapis.com/projects/p1/zones/z1/instances/vm-1",
            description = "Multiple SSH logins to a VM.",
            sourceProperties = new { attempts = new { authResult = result, count = 120, username = "root" } },
            access = new { callerIp = Listed },
        },
    };

    private static object Ecs(string rule, string outcome) => new
    {
        @timestamp = "2026-11-18T03:30:00Z",
        rule = new { name = rule }, @event = new { kind = "alert", category = "authentication", outcome },
        source = new { ip = Listed }, host = new { name = "web-01" }, cloud = new { provider = "aws" },
    };

    [Fact]
    public void A_failed_brute_force_from_a_listed_address_closes()
    {
        var scc = Assess(Scc("Brute force: SSH", "FAIL"));
        Assert.Contains(scc.Evidence, e => e.Key == "brute_force_failed");
        Assert.Contains(scc.Evidence, e => e.Key == "bad_ip" && !e.Strong);
        Assert.Contains(scc.Evidence, e => e.Key == "listed_source_failed");
        Assert.Equal(Classification.Benign, scc.Classification);
    }

    [Fact]
    public void A_listed_address_whose_guessing_succeeded_stays_open()
    {
        var scc = Assess(Scc("Brute force: SSH", "SUCCESS"));
        Assert.DoesNotContain(scc.Evidence, e => e.Key is "brute_force_failed" or "listed_source_failed");
        Assert.Contains(scc.Evidence, e => e.Key == "bad_ip" && e.Strong);
        Assert.NotEqual(Classification.Benign, scc.Classification);
    }

    [Fact]
    public void A_failure_stated_for_something_other_than_a_brute_force_keeps_the_listing_strong()
    {
        var other = Assess(Ecs("Connection to known command-and-control address", "failure"));
        Assert.DoesNotContain(other.Evidence, e => e.Key is "brute_force_failed" or "listed_source_failed");
        Assert.Contains(other.Evidence, e => e.Key == "bad_ip" && e.Strong);
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    [Fact]
    public void A_brute_force_with_no_stated_result_from_a_listed_address_stays_open()
    {
        var unknown = Assess(Scc("Brute force: SSH", "UNKNOWN"));
        Assert.DoesNotContain(unknown.Evidence, e => e.Key == "listed_source_failed");
        Assert.NotEqual(Classification.Benign, unknown.Classification);
    }
}
