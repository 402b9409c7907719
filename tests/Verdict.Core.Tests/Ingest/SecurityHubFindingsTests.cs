using System.Text;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>
/// AWS Security Hub GetFindings output (<c>{"Findings": [...], "NextToken": ...}</c>, as <c>aws securityhub get-findings</c>
/// prints it) is one alert per finding; a finding that cannot be read is an error naming the file, its line, the envelope's
/// line and which finding it is, and the others are still read.
/// </summary>
public sealed class SecurityHubFindingsTests
{
    private static ParseResult<Alert>[] Read(Stream stream, string name) => [.. JsonAlertReader.Read(stream, name, EnvironmentContext.Default)];

    [Fact]
    public void Each_finding_of_a_get_findings_page_is_an_alert_and_a_bad_one_is_an_error_that_says_which()
    {
        using var file = File.OpenRead(TestData.Fixture("vendors/securityhub-getfindings.json"));
        var results = Read(file, "securityhub-getfindings.json");

        Assert.Equal(3, results.Length);
        var first = results[0].Value!;
        Assert.Equal("arn:aws:securityhub:us-east-2:411823906154:finding/01", first.Id);
        Assert.Equal("Unusual user permission reconnaissance by praman.", first.Rule);
        Assert.Equal("praman", first.User);
        Assert.Equal("208.82.112.2", first.SourceIp);
        Assert.Equal(3, first.Source.Line);
        Assert.DoesNotContain(first.Fields, f => f.Key.StartsWith("Findings", StringComparison.Ordinal) || f.Key == "NextToken");

        var bad = results[1].Error!;
        Assert.Equal("securityhub-getfindings.json", bad.Source.File);
        Assert.Equal(61, bad.Source.Line);
        Assert.StartsWith("finding 2 of 3 in 'Findings' (the envelope at line 1): unreadable date 'yesterday afternoon'", bad.Reason, StringComparison.Ordinal);

        Assert.Equal("deploy", results[2].Value!.User);
        Assert.Equal(Severity.High, results[2].Value!.DetectorSeverity);
    }

    [Fact]
    public void Pages_one_a_line_keep_their_own_lines_and_a_stray_value_among_the_findings_is_an_error_of_its_own()
    {
        var finding = File.ReadAllText(TestData.Fixture("vendors/securityhub-getfindings.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(finding);
        var one = doc.RootElement.GetProperty("Findings")[0].GetRawText().ReplaceLineEndings("");
        var three = doc.RootElement.GetProperty("Findings")[2].GetRawText().ReplaceLineEndings("");
        var ndjson = $"{{\"Findings\": [{one}], \"NextToken\": \"abc\"}}\n{{\"Findings\": [{three}, null, {one}]}}\n";

        var results = Read(new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), "pages.jsonl");

        Assert.Equal(4, results.Length);
        Assert.Equal([1L, 2L, 2L, 2L], results.Select(r => r.Success ? r.Value!.Source.Line : r.Error!.Source.Line));
        Assert.True(results[0].Success && results[1].Success && results[3].Success);
        Assert.Equal("finding 2 of 3 in 'Findings' (the envelope at line 2): expected a JSON object, found null", results[2].Error!.Reason);
    }

    [Fact]
    public void An_empty_page_holds_no_findings()
    {
        var results = Read(new MemoryStream(Encoding.UTF8.GetBytes("""{"Findings": [], "NextToken": null}""")), "empty.json");
        Assert.Empty(results);
    }
}
