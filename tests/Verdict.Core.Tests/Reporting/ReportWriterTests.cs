using System.Text.Json;
using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Tests.Analysis;
using Verdict.Tests.Support;

namespace Verdict.Tests.Reporting;

public sealed class ReportWriterTests : IDisposable
{
    private const string AlertsCsv = """
        alert_id,type,user,date,detail,severity,Source IP
        T-1,multiple_failed_logins,alice,2026-10-28T14:05:00Z,6 failed logins,medium,10.1.0.1
        B-1,brute_force,bob,2026-10-28T06:15:00Z,12 failed logins,high,185.220.101.34
        BAD,login,carol,not-a-date,x,low,
        """;

    private readonly TempDirectory _dir = new();
    private readonly TriageResult _result;
    private readonly WrittenReports _written;

    public ReportWriterTests()
    {
        var ny = TestData.NewYork;
        List<LogEvent> logs =
        [
            .. IdentityScenarios.Alice().Failures(6, IdentityScenarios.Day(10, 0), TimeSpan.FromSeconds(20), IdentityScenarios.Office)
                .Success(IdentityScenarios.Day(10, 2, 30), IdentityScenarios.Office).Build(),
            .. new LogBuilder("bob", ny).Workdays(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 27), "10.1.0.2", 9, 13)
                .Failures(12, IdentityScenarios.Day(2, 5), TimeSpan.FromSeconds(30), "185.220.101.34", "Amsterdam", "NL")
                .Success(IdentityScenarios.Day(2, 14), "185.220.101.34", "Amsterdam", "NL").Build(),
        ];
        _result = TriageHelper.Run(AlertsCsv, logs, IdentityScenarios.AcmeContext);
        _written = ReportWriter.Write(_result, IdentityScenarios.AcmeContext, Path.Combine(_dir.Path, "out"));
    }

    public void Dispose() => _dir.Dispose();

    private static JsonElement[] ReadArray(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Write_Briefs_OneEntryPerInputRecordInOrder()
    {
        var briefs = ReadArray(_written.BriefsPath);

        Assert.Equal(Path.Combine(_dir.Path, "out", "investigation_briefs.json"), _written.BriefsPath);
        Assert.Equal(3, briefs.Length);
        Assert.Equal("T-1", briefs[0].GetProperty("alert_id").GetString());
        Assert.Equal("B-1", briefs[1].GetProperty("alert_id").GetString());
        Assert.Equal(4, briefs[2].GetProperty("source").GetProperty("line").GetInt64());
    }

    [Fact]
    public void Write_Briefs_UseSnakeCaseNamesAndUpperCaseVerdictWords()
    {
        var benign = ReadArray(_written.BriefsPath)[0];
        var malicious = ReadArray(_written.BriefsPath)[1];

        Assert.Contains("malicious_probability", Keys(benign));
        Assert.Contains("severity_rationale", Keys(benign));
        Assert.Contains("investigation_steps", Keys(benign));
        Assert.All(Keys(benign), k => Assert.Equal(k.ToLowerInvariant(), k));
        Assert.Equal("BENIGN", benign.GetProperty("classification").GetString());
        Assert.Equal("MALICIOUS", malicious.GetProperty("classification").GetString());
        Assert.Equal("HIGH", malicious.GetProperty("severity").GetString());
        Assert.Matches("^(INFO|LOW)$", benign.GetProperty("severity").GetString());
    }

    [Fact]
    public void Write_Briefs_UseLowerCaseDecisionAndEvidenceWords()
    {
        var briefs = ReadArray(_written.BriefsPath);

        Assert.Equal("auto_close", briefs[0].GetProperty("decision").GetString());
        Assert.False(briefs[0].GetProperty("escalate").GetBoolean());
        Assert.Equal("escalate", briefs[1].GetProperty("decision").GetString());
        Assert.True(briefs[1].GetProperty("escalate").GetBoolean());
        var evidence = briefs[1].GetProperty("evidence")[0];
        Assert.Equal("brute_force_then_success", evidence.GetProperty("key").GetString());
        Assert.Equal("malicious", evidence.GetProperty("supports").GetString());
        Assert.True(evidence.GetProperty("strong").GetBoolean());
        Assert.DoesNotContain("signed_weight", Keys(evidence));
        Assert.Contains("evidence_for", Keys(briefs[1].GetProperty("hypotheses")[0]));
        Assert.Contains(briefs[1].GetProperty("entities").EnumerateArray(), e => e.GetProperty("kind").GetString() == "ip");
    }

    [Fact]
    public void Write_Briefs_KeepTheOriginalAlertFieldsAsTheyWere()
    {
        var alert = ReadArray(_written.BriefsPath)[1].GetProperty("alert");

        Assert.Equal("185.220.101.34", alert.GetProperty("Source IP").GetString());
        Assert.Equal("2026-10-28T06:15:00Z", alert.GetProperty("date").GetString());
    }

    [Fact]
    public void Write_ErrorEntry_HasOnlySourceErrorAndSchemaVersion()
    {
        var error = ReadArray(_written.BriefsPath)[2];

        Assert.Equal(["error", "schema_version", "source"], Keys(error).Order());
        Assert.Equal("1.0", error.GetProperty("schema_version").GetString());
        Assert.Contains("unreadable date 'not-a-date'", error.GetProperty("error").GetString());
    }

    [Fact]
    public void BriefEntry_FromErrorOutcome_SerialisesOnlySourceErrorAndSchemaVersion()
    {
        var outcome = new AlertOutcome(null, new InputError(new SourceRef("alerts.csv", 9), "stray quote in column 2"), null, null, null);

        var json = JsonSerializer.Serialize(BriefEntry.From(outcome), VerdictJson.Default.BriefEntry);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["error", "schema_version", "source"], Keys(doc.RootElement).Order());
        Assert.Equal("alerts.csv", doc.RootElement.GetProperty("source").GetProperty("file").GetString());
        Assert.Equal(9, doc.RootElement.GetProperty("source").GetProperty("line").GetInt64());
    }

    [Fact]
    public void Write_Incidents_NameTheirAlertsAndMarkdownBrief()
    {
        var incidents = ReadArray(_written.IncidentsPath);

        Assert.Equal(2, incidents.Length);
        Assert.Equal(["INC-0001", "INC-0002"], incidents.Select(i => i.GetProperty("incident_id").GetString()));
        Assert.Equal("B-1", incidents[1].GetProperty("alert_ids")[0].GetString());
        Assert.Equal("escalate", incidents[1].GetProperty("decision").GetString());
        Assert.Equal("20261101-083000-INC-0002.md", incidents[1].GetProperty("brief_file").GetString());
        Assert.Equal(2, _written.MarkdownPaths.Count);
        Assert.All(_written.MarkdownPaths, p => Assert.True(File.Exists(p), p));
        Assert.Contains("# INC-0002: ", File.ReadAllText(_written.MarkdownPaths[1]));
    }
}
