using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Analysis.Families.Email;
using Verdict.Context;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Web and mail products in their documented record shapes (tests/data/families/web-mail-products.jsonl: FortiWeb attack
/// log, Barracuda WAF web firewall log, Zscaler NSS web log, Cisco Umbrella DNS/proxy, Trend Micro Email Security policy
/// events, Darktrace /EMAIL, Defender for Office 365 via Sentinel's Entities): each product's own rule, severity, address
/// and sender fields are read, each benign reason closes its case, and every attack stays open.
/// </summary>
public sealed class WebMailProductTests(ITestOutputHelper output)
{
    // Every benign case now closes (Umbrella's blocked advertising lookup by its verdict, Darktrace's bulk mail moved to junk
    // by its recipient actions and tags); a case added before its reason is read goes here.
    private static readonly HashSet<string> NotYetClosed = [];

    private static EnvironmentContext Context()
    {
        var loaded = ContextLoader.Load(TestData.Fixture("families/web-mail-products-context.yaml"));
        Assert.Empty(loaded.Errors);
        return loaded.Context!;
    }

    private static Alert Read(string id) =>
        FamilyFixtures.Triage(FamilyFixtures.Load("web-mail-products").Where(f => f.Id == id).ToList(), Context())[0].Alert!;

    [Fact]
    public void Each_benign_reason_closes_its_case_and_every_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("web-mail-products").Where(f => !NotYetClosed.Contains(f.Id)).ToList();
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, Context()), output));
    }

    [Fact]
    public void No_attack_is_closed_even_beside_the_cases_not_yet_closed()
    {
        var fixtures = FamilyFixtures.Load("web-mail-products");
        var outcomes = FamilyFixtures.Triage(fixtures, Context());
        Assert.All(fixtures.Zip(outcomes).Where(p => p.First.Attack),
            p => Assert.NotEqual(Classification.Benign, p.Second.Assessment!.Classification));
    }

    [Theory]
    [InlineData("pc-fw-a01", "SQL Injection")]
    [InlineData("pc-fw-b01", "Generic Attacks(Extended)")]
    [InlineData("pc-bw-a01", "OS Command Injection in Parameter")]
    [InlineData("pc-bw-b01", "Forceful Browsing Attempt")]
    public void The_waf_names_the_attack_it_matched_not_its_event_class_or_policy(string id, string rule) =>
        Assert.Equal(rule, Read(id).Rule);

    [Theory]
    [InlineData("pc-fw-a01", Severity.High)]
    [InlineData("pc-fw-b01", Severity.Medium)]
    [InlineData("pc-bw-a01", Severity.Critical)]
    public void Severity_level_is_read_on_its_scale(string id, Severity severity) =>
        Assert.Equal(severity, Read(id).DetectorSeverity);

    [Fact]
    public void Umbrella_reads_the_internal_address_as_the_source() => Assert.Equal("10.30.4.40", Read("pc-um-a01").SourceIp);

    [Fact]
    public void Darktrace_email_reads_the_header_sender_and_subject()
    {
        var alert = Read("pc-dt-a01");
        Assert.Equal("it-support@initech-helpdesk.example", EmailFields.From(alert));
        Assert.Equal("Password expires today - verify your account", EmailFields.Subject(alert));
    }

    [Fact]
    public void Darktrace_email_is_judged_as_mail_and_its_phish_is_escalated_on_the_sender()
    {
        var fixtures = FamilyFixtures.Load("web-mail-products").Where(f => f.Id == "pc-dt-a01").ToList();
        var outcome = FamilyFixtures.Triage(fixtures, Context())[0];
        Assert.Equal(AlertFamily.Email, FamilyDetector.Detect(outcome.Alert!));
        Assert.Equal(Classification.Malicious, outcome.Assessment!.Classification);
        Assert.Contains(outcome.Assessment.Evidence, e => e.Key == "lookalike_sender" && e.Supports == Leaning.Malicious);
    }

    [Fact]
    public void Separate_date_and_time_fields_give_one_exact_time()
    {
        var alert = Read("pc-fw-b01");
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 10, 14, 3, TimeSpan.Zero), alert.Time);
        Assert.Equal(TimePrecision.Exact, alert.TimePrecision);
    }

    [Theory]
    [InlineData("date", "2026-11-20", "time", "14:03:11", "2026-11-20 14:03:11")] // the date field read first
    [InlineData("time", "14:03:11", "date", "2026-11-20", "2026-11-20 14:03:11")] // the time field read first
    [InlineData("time", "2026-11-20", "date", "14:03:11", "2026-11-20")] // halves under each other's names are not joined
    [InlineData("x", "2026-11-20T14:03:11Z", "time", "09:00:00", "2026-11-20T14:03:11Z")] // a full timestamp is kept
    public void Date_and_time_are_joined_only_when_each_holds_its_half(string otherName, string read, string siblingName, string sibling, string expected)
    {
        List<KeyValuePair<string, string>> fields = [new(otherName, read), new(siblingName, sibling)];
        Assert.Equal(expected, Verdict.Ingest.TimeText.JoinDateAndTime(fields, read));
    }

    [Fact]
    public void Umbrella_reads_its_typed_identities_its_verdict_and_its_threat()
    {
        var attack = Read("pc-um-a01");
        Assert.Equal("INI-WS-0440", attack.Host, ignoreCase: true); // an anyconnect identity is a machine
        Assert.Null(attack.User);
        Assert.Equal("Cobalt Strike", attack.Rule); // threats[].label, not the record type "proxy"
        Assert.Equal("allowed", attack.Field(Verdict.Ingest.CanonicalField.Result));
        var benign = Read("pc-um-b01");
        Assert.Equal("bob.lumbergh", benign.User, ignoreCase: true); // a directory_user identity is a user
        Assert.Equal("blocked", benign.Field(Verdict.Ingest.CanonicalField.Result));
        Assert.Equal("Advertising", benign.Rule);
    }

    [Fact]
    public void Darktrace_and_Trend_Micro_mail_actions_and_classes_are_the_products_own_verdicts()
    {
        Assert.Equal("Move to junk", MailVerdicts.Delivery(Read("pc-dt-b01")));
        Assert.True(MailVerdicts.Bulk(Read("pc-dt-b01")));
        Assert.True(MailVerdicts.Threat(Read("pc-dt-a01")));
        Assert.False(MailVerdicts.Bulk(Read("pc-dt-a01")));
        Assert.True(MailVerdicts.Bulk(Read("pc-tm-b01"))); // policyType Graymail
        Assert.True(MailVerdicts.Threat(Read("pc-tm-a01"))); // policyType Business Email Compromise
        Assert.False(MailVerdicts.Bulk(Read("pc-tm-a01")));
        Assert.Equal("Deliver with tag", MailVerdicts.Delivery(Read("pc-tm-a01")));
    }
}
