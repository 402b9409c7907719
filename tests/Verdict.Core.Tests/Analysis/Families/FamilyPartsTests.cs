using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Analysis.Families.Email;
using Verdict.Analysis.Families.Network;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>The parts the family analyst is built from: family detection, request decoding, look-alike domains, the analyst settings.</summary>
public sealed class FamilyPartsTests
{
    private static Alert Alert(string rule, string? user = null, string? commandLine = null, params (string Key, string Value)[] fields) => new()
    {
        Id = "A1", Source = new SourceRef("alerts.json", 1), Rule = rule, User = user, CommandLine = commandLine,
        Fields = [.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))],
    };

    [Fact]
    public void Families_are_told_apart_by_the_fields_an_alert_carries_then_by_its_rule()
    {
        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(Alert("new_country_login", "bob", null, ("src_ip", "198.51.100.1"))));
        Assert.Equal(AlertFamily.Identity, FamilyDetector.Detect(Alert("volume_spike", "bob")));
        Assert.Equal(AlertFamily.Endpoint, FamilyDetector.Detect(Alert("Process creation", "bob", "cmd /c whoami")));
        Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(Alert("WAF rule 942100", null, null, ("uri", "/a?b=1"), ("method", "GET"))));
        Assert.Equal(AlertFamily.Network, FamilyDetector.Detect(Alert("ET TROJAN Beacon", null, null, ("dest_port", "443"))));
        Assert.Equal(AlertFamily.Cloud, FamilyDetector.Detect(Alert("IAM change", "bob", null, ("eventName", "CreateAccessKey"))));
        Assert.Equal(AlertFamily.Email, FamilyDetector.Detect(Alert("Phish", null, null, ("from", "a@b.com"), ("subject", "hi"))));
        Assert.Equal(AlertFamily.Email, FamilyDetector.Detect(Alert("User reported phishing")));
        Assert.Equal(AlertFamily.Generic, FamilyDetector.Detect(Alert("Something odd")));
    }

    [Theory]
    [InlineData("id=5%2527%2520OR%25201%253D1", "id=5' or 1=1")]
    [InlineData("q=&lt;script&gt;alert(1)&lt;/script&gt;", "q=<script>alert(1)</script>")]
    [InlineData("x=%u003Csvg%u003E", "x=<svg>")]
    [InlineData("${${lower:j}${lower:n}di:${::-l}dap://h/a}", "${jndi:ldap://h/a}")]
    [InlineData("1/**/UNION/**/SELECT", "1 union select")]
    public void Request_text_is_decoded_as_often_as_it_was_encoded(string raw, string decoded) =>
        Assert.Equal(decoded, RequestText.Decode(raw));

    [Theory]
    [InlineData("g1obex.com", true)]
    [InlineData("globx.com", true)]
    [InlineData("globex-payroll.com", true)]
    [InlineData("globex.co", true)]
    [InlineData("glоbex.com", true)] // Cyrillic о
    [InlineData("globex.com.auth-verify.click", true)] // the real name in front of another domain
    [InlineData("login.globex.com-secure.net", true)]
    [InlineData("globex.com", false)]
    [InlineData("mail.globex.com", false)]
    [InlineData("github.com", false)]
    [InlineData("example.org", false)]
    public void Look_alike_domains_of_the_organisation_are_recognised(string domain, bool lookalike) =>
        Assert.Equal(lookalike, Lookalike.Imitates(domain, ["globex.com"]) is not null);

    [Fact]
    public void The_context_file_sets_the_analyst_thresholds_and_reports_mistakes_with_their_line()
    {
        var ok = ContextLoader.Load(new StringReader("analyst:\n  prior_log_odds: -1.5\n  malicious_threshold: 0.9\n  benign_threshold: 0.05\n"), "ctx.yaml");
        Assert.Empty(ok.Errors);
        var options = AnalystOptions.For(ok.Context!);
        Assert.Equal((-1.5, 0.9, 0.05), (options.PriorLogOdds, options.MaliciousThreshold, options.BenignThreshold));
        Assert.Equal(0.8, AnalystOptions.For(EnvironmentContext.Default).MaliciousThreshold);

        var bad = ContextLoader.Load(new StringReader("organization: X\nanalyst:\n  malicious_threshold: 1.5\n  benign_treshold: 0.1\n"), "ctx.yaml");
        Assert.Contains(bad.Errors, e => e.StartsWith("ctx.yaml:3:", StringComparison.Ordinal) && e.Contains("between 0 and 1", StringComparison.Ordinal));
        Assert.Contains(bad.Errors, e => e.StartsWith("ctx.yaml:4:", StringComparison.Ordinal) && e.Contains("benign_treshold", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stricter_benign_threshold_keeps_a_borderline_alert_open()
    {
        var fixtures = FamilyFixtures.Load("network").Where(f => f.Id == "nw-b02").ToList();
        var context = FamilyFixtures.Context();
        Assert.Equal(Classification.Benign, FamilyFixtures.Triage(fixtures, context)[0].Assessment!.Classification);
        var strict = context with { Analyst = new AnalystSettings(BenignThreshold: 0.005) };
        Assert.Equal(Classification.Suspicious, FamilyFixtures.Triage(fixtures, strict)[0].Assessment!.Classification);
    }
}
