using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// A brand-impersonation rule on mail that authenticates (DMARC) for the named brand's own domain, with its links on that
/// domain, closes: the brand wrote it. The attacks in the same clothes stay open: the brand's name on the attacker's own
/// authenticated domain, the real domain with a link elsewhere, and a callback lure sent through the brand's own service.
/// </summary>
public sealed class EmailBrandOwnDomainTests
{
    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        Domains = new HashSet<string>(["globex.com"], StringComparer.OrdinalIgnoreCase),
    };

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("b0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static string Keys(Assessment a) => string.Join(", ", a.Evidence.Select(e => $"{e.Key} {e.SignedWeight}"));

    /// <summary>A Sublime-style flagged message: the rule's name, its tags (a threat class) and the message data model.</summary>
    private static object Flagged(string from, string subject, string link, string rule = "Brand impersonation: Contoso") => new
    {
        id = "5d1e", type = "message.flagged", created_at = "2026-11-17T01:33:29Z",
        data = new
        {
            message = new
            {
                id = "m1",
                mdm = new
                {
                    sender = new { display_name = "Contoso", email = new { email = from } },
                    recipients = new { to = new[] { new { email = new { email = "billing@globex.com" } } } },
                    subject = new { subject },
                    headers = new
                    {
                        reply_to = Array.Empty<object>(),
                        auth_summary = new { spf = new { pass = true }, dmarc = new { pass = true } },
                        hops = new[] { new { index = 0, authentication_results = new { dkim = "pass" } } },
                    },
                    body = new { links = new[] { new { href_url = new { url = link } } } },
                },
            },
            flagged_rules = new[] { new { name = rule, severity = "medium", tags = new[] { "Credential Phishing", "Impersonation: Brand" } } },
            triggered_actions = new[] { new { type = "warning_banner" } },
        },
    };

    [Fact]
    public void The_named_brand_authenticating_for_its_own_domain_with_its_own_links_closes()
    {
        var a = Assess(Flagged("billing-noreply@contoso.com", "Your Contoso invoice is ready", "https://admin.contoso.com/billing"));
        Assert.Contains(a.Evidence, e => e.Key == "brand_own_domain");
        Assert.Equal(Classification.Benign, a.Classification);
    }

    [Fact]
    public void The_brands_name_on_another_authenticated_domain_or_a_link_elsewhere_stays_open()
    {
        var own = Assess(Flagged("billing@contoso-billing-center.com", "Your Contoso invoice is ready", "https://contoso-billing-center.com/pay"));
        Assert.DoesNotContain(own.Evidence, e => e.Key == "brand_own_domain");
        Assert.NotEqual(Classification.Benign, own.Classification);
        var elsewhere = Assess(Flagged("billing-noreply@contoso.com", "Your Contoso invoice is ready", "https://files.share-docs.example/view"));
        Assert.DoesNotContain(elsewhere.Evidence, e => e.Key == "brand_own_domain");
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
    }

    [Fact]
    public void A_callback_lure_through_the_brands_own_service_gets_no_credit()
    {
        var callback = Assess(Flagged("billing-noreply@contoso.com", "Order 4471 charged: call our billing desk to cancel", "https://admin.contoso.com/billing"));
        Assert.DoesNotContain(callback.Evidence, e => e.Key == "brand_own_domain");
        Assert.NotEqual(Classification.Benign, callback.Classification);
    }
}
