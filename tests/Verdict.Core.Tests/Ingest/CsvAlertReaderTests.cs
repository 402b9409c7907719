using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

public class CsvAlertReaderTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    private static List<ParseResult<Alert>> Read(string csv, string fileName = "alerts.csv") =>
        [.. CsvAlertReader.Read(TestData.Stream(csv), fileName, Context)];

    private static List<ParseResult<Alert>> ReadFixture(string name)
    {
        using var stream = File.OpenRead(TestData.Fixture(name));
        return [.. CsvAlertReader.Read(stream, name, Context)];
    }

    [Fact]
    public void Read_TutorialHeader_MapsEveryColumnWithoutOptions()
    {
        var results = ReadFixture("tutorial_alerts.csv");

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        var bob = results[0].Value!;
        Assert.Equal("brute_force", bob.Rule);
        Assert.Equal("bob", bob.User);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 2, 10, 0, TimeSpan.FromHours(-4)), bob.Time);
        Assert.Equal(Severity.High, bob.DetectorSeverity);
        Assert.Equal("45 failed logins from 185.220.101.34", bob.Description);
        Assert.Contains(new Entity(EntityKind.Ip, "185.220.101.34"), bob.Entities);
    }

    [Fact]
    public void Read_NoIdColumn_IdFallsBackToFileStemAndLine()
    {
        var results = ReadFixture("tutorial_alerts.csv");

        Assert.Equal("tutorial_alerts-2", results[0].Value!.Id);
        Assert.Equal("tutorial_alerts-3", results[1].Value!.Id);
        Assert.Equal(new SourceRef("tutorial_alerts.csv", 3), results[1].Value!.Source);
    }

    [Fact]
    public void Read_DateOnlyColumn_GivesDayPrecisionAtLocalMidnight()
    {
        var carol = ReadFixture("tutorial_alerts.csv")[1].Value!;

        Assert.Equal("carol", carol.User);
        Assert.Equal(TimePrecision.Day, carol.TimePrecision);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.FromHours(-4)), carol.Time);
        Assert.Equal(Severity.Medium, carol.DetectorSeverity);
    }

    [Fact]
    public void Read_VendorStyleHeader_IsRecognised()
    {
        var alert = Assert.Single(ReadFixture("vendor_alerts.csv")).Value!;

        Assert.Equal("SIEM-881", alert.Id);
        Assert.Equal("Brute force", alert.Rule);
        Assert.Equal("bob", alert.User);
        Assert.Equal("185.220.101.34", alert.SourceIp);
        Assert.Equal(Severity.High, alert.DetectorSeverity);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 6, 18, 25, TimeSpan.Zero), alert.Time);
        Assert.Equal("Source IP", alert.Fields[2].Key);
        Assert.Equal("185.220.101.34", alert.Fields[2].Value);
    }

    [Fact]
    public void Read_RowsWithMissingOrExtraColumns_AreErrorsWithTheirLine()
    {
        var results = Read("type,user,severity\nlogin,bob\nlogin,bob,high,extra\nlogin,carol,low\n");

        Assert.Equal(3, results.Count);
        Assert.Equal(new SourceRef("alerts.csv", 2), results[0].Error!.Source);
        Assert.Contains("expected 3 columns", results[0].Error!.Reason);
        Assert.Contains("found 2", results[0].Error!.Reason);
        Assert.Equal(3, results[1].Error!.Source.Line);
        Assert.Contains("found 4", results[1].Error!.Reason);
        Assert.Equal("carol", results[2].Value!.User);
    }

    [Fact]
    public void Read_TrailingDelimiter_IsHarmless()
    {
        var result = Assert.Single(Read("type,user\nlogin,bob,\n"));

        Assert.True(result.Success);
        Assert.Equal("bob", result.Value!.User);
    }

    [Fact]
    public void Read_BadDate_IsAnErrorNamingTheColumn()
    {
        var result = Assert.Single(Read("type,user,Event Time\nlogin,bob,yesterday afternoon\n"));

        Assert.False(result.Success);
        Assert.Equal("unreadable date 'yesterday afternoon' in column 'Event Time'", result.Error!.Reason);
        Assert.Equal(2, result.Error.Source.Line);
    }

    [Fact]
    public void Read_UnknownSeverity_IsNoSeverityAndTheRowIsRead()
    {
        var result = Assert.Single(Read("type,user,severity\nlogin,bob,urgent-ish\n"));

        Assert.True(result.Success);
        Assert.Null(result.Value!.DetectorSeverity);
        Assert.Equal(("login", "bob"), (result.Value.Rule, result.Value.User));
    }

    [Fact]
    public void Read_HeaderWithoutAnyAlertColumn_GivesOneErrorAndStops()
    {
        var results = Read("user,when,src_ip\nbob,2026-10-31,1.2.3.4\ncarol,2026-10-31,1.2.3.5\n");

        var error = Assert.Single(results).Error!;
        Assert.Equal(1, error.Source.Line);
        Assert.Contains("no column names the alert", error.Reason);
        Assert.Contains("user, when, src_ip", error.Reason);
    }

    [Fact]
    public void Read_RowWithNeitherRuleNorDescription_IsAnError()
    {
        var result = Assert.Single(Read("type,detail,user\n,,bob\n"));

        Assert.Equal("the row names no alert type and has no description", result.Error!.Reason);
    }

    [Theory]
    [InlineData("ACME\\Bob", "bob")]
    [InlineData("bob@acme.com", "bob")]
    [InlineData("  BOB  ", "bob")]
    [InlineData("corp\\sub\\Carol.Jones@acme.com", "carol.jones")]
    public void Read_UserNames_AreNormalisedForMatchingWithLogs(string raw, string expected)
    {
        var result = Assert.Single(Read($"type,user\nlogin,\"{raw}\"\n"));

        Assert.Equal(expected, result.Value!.User);
        Assert.Contains(new Entity(EntityKind.User, expected), result.Value.Entities);
    }

    [Fact]
    public void Read_DescriptionOnly_RuleIsTheClippedDescription()
    {
        var description = new string('x', 80);
        var alert = Read($"message\n{description}\n")[0].Value!;

        Assert.Equal(60, alert.Rule.Length);
        Assert.EndsWith("...", alert.Rule);
        Assert.Equal(description, alert.Description);
    }
}
