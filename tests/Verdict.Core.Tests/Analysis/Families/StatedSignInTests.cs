using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A mail-security product's account anomaly that states the sign-in's country in its description and names one person
/// of the organisation: approved travel there that day closes it; another country, a day outside the trip, two people
/// named, or no sign-in at all (a forwarding rule) leave it open.
/// </summary>
public sealed class StatedSignInTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
        ApprovedTravel = [new ApprovedTravel("ana.lima", new HashSet<string> { "US" }, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 20), "Trade fair, Chicago")],
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("s0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    private static object Anomaly(string description, string data, string created = "2026-11-18T14:06:40Z", string mailbox = "ana.lima@globex.com") => new
    {
        eventId = "9f0e11", type = "anomaly", severity = "Low", state = "new", eventCreated = created, description, data, senderAddress = "",
        recipients = new[] { mailbox },
    };

    [Fact]
    public void A_stated_sign_in_country_under_the_persons_approved_travel_closes()
    {
        var a = Assess(Anomaly("Login from new country: United States (198.51.100.24)", "ana.lima@globex.com logged in from Chicago, US (IP 198.51.100.24)"));
        Assert.Contains(a.Evidence, e => e.Key == "approved_travel");
        Assert.Equal(Classification.Benign, a.Classification);
    }

    [Fact]
    public void Another_country_or_a_day_outside_the_trip_stays_open()
    {
        var nigeria = Assess(Anomaly("Login from new country: Nigeria (102.89.1.5)", "ana.lima@globex.com logged in from Lagos, NG (IP 102.89.1.5)"));
        Assert.DoesNotContain(nigeria.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, nigeria.Classification);
        var late = Assess(Anomaly("Login from new country: United States (198.51.100.24)", "ana.lima@globex.com logged in from Chicago, US", created: "2026-11-25T14:06:40Z"));
        Assert.DoesNotContain(late.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, late.Classification);
    }

    [Fact]
    public void A_traveller_named_beside_another_person_or_an_inbox_rule_gives_no_travel_credit()
    {
        // The traveller's name beside another mailbox: whose sign-in it was is not said.
        var two = Assess(Anomaly("Login from new country: United States (198.51.100.24) for bo.holm@globex.com", "shared with ana.lima@globex.com", mailbox: "bo.holm@globex.com"));
        Assert.DoesNotContain(two.Evidence, e => e.Key == "approved_travel");
        // Forwarding to an outside address is no sign-in, wherever it came from.
        var rule = Assess(Anomaly("Suspicious mail forwarding: new inbox rule from new location: United States", "rule forwards all mail to ana.private@proton.example"));
        Assert.DoesNotContain(rule.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, rule.Classification);
    }
}
