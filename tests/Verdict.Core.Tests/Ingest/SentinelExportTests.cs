using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>Sentinel incident exports (tests/data/alerts/sentinel-*.json), read through the same door as any alert file.</summary>
public class SentinelExportTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default;

    private static List<ParseResult<Alert>> Read(string name) =>
        [.. InputFiles.ReadAlerts(TestData.Fixture(Path.Combine("alerts", name)), Context, () => Stream.Null)];

    private static List<ParseResult<Alert>> ReadText(string json) =>
        [.. InputFiles.ReadAlerts(InputFiles.Stdin, Context, () => TestData.Stream(json))];

    private static string Field(Alert alert, string name) => alert.Fields.Single(f => f.Key == name).Value;

    private static bool Has(Alert alert, EntityKind kind, string value) =>
        alert.Entities.Any(e => e.Kind == kind && e.Value.Equals(value, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Rest_shape_gives_one_alert_per_SecurityAlert_with_the_incident_and_its_entities()
    {
        var results = Read("sentinel-rest.json");

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        var (click, powershell) = (results[0].Value!, results[1].Value!);
        Assert.Equal(("c0ffee00-0000-4000-8000-0000000000a1", "User clicked a malicious link", Severity.Medium), (click.Id, click.Rule, click.DetectorSeverity));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 10, 0, TimeSpan.Zero), click.Time);
        Assert.Equal(("1234", "Phishing link clicked, then encoded PowerShell on WS-042", "Dana Analyst"),
            (Field(click, "incident.number"), Field(click, "incident.title"), Field(click, "incident.owner")));
        Assert.Equal(["T1566"], click.Tags);
        Assert.Equal("InitialAccess", Field(click, "Tactics"));
        // The first alert was expanded with its own entities: account, mailbox, URL.
        Assert.Equal("alice", click.User);
        Assert.True(Has(click, EntityKind.Email, "alice@acme.example"));
        Assert.True(Has(click, EntityKind.Url, "https://login-acme.example-verify.net/session"));
        Assert.False(Has(click, EntityKind.Ip, "203.0.113.50"));
        // The second has none of its own: the incident's entities (host, IP, files with hashes, processes, URL) stand for it.
        Assert.Equal(Severity.High, powershell.DetectorSeverity);
        Assert.True(Has(powershell, EntityKind.Host, "ws-042.acme.example"));
        Assert.True(Has(powershell, EntityKind.Ip, "203.0.113.50"));
        Assert.True(Has(powershell, EntityKind.FileHash, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        Assert.True(Has(powershell, EntityKind.Url, "http://203.0.113.50/stage2.ps1"));
        var process = powershell.Entities.Single(e => e.Kind == EntityKind.Process && !e.HasTag("parent") && e.Value.EndsWith("powershell.exe", StringComparison.Ordinal));
        Assert.Equal(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", process.Value);
        Assert.StartsWith("powershell.exe -NoProfile -enc", process.Attribute("command_line"), StringComparison.Ordinal);
        Assert.Equal(@"C:\Windows\explorer.exe", powershell.ParentProcess);
        Assert.Equal(("sentinel-rest.json", 21L, 47L), (Path.GetFileName(click.Source.File), click.Source.Line, powershell.Source.Line));
    }

    [Fact]
    public void Log_Analytics_rows_resolve_refs_keep_the_latest_incident_row_and_report_missing_alerts_at_their_line()
    {
        var results = Read("sentinel-la.json");

        Assert.Equal(4, results.Count);
        var lsass = results[0].Value!;
        Assert.Equal("aa000000-0000-4000-8000-000000000001", lsass.Id);
        Assert.Equal(("77", "High", "Active", "Dana Analyst"),
            (Field(lsass, "incident.number"), Field(lsass, "incident.severity"), Field(lsass, "incident.status"), Field(lsass, "incident.owner")));
        Assert.Equal(("svc-sql", "srv-db01"), (lsass.User, lsass.Host));
        Assert.True(Has(lsass, EntityKind.Host, "srv-db01.acme.example"));
        Assert.Equal(@"C:\Windows\System32\rundll32.exe", lsass.Process);
        Assert.Equal(@"C:\Windows\System32\cmd.exe", lsass.ParentProcess);
        Assert.Contains("comsvcs.dll, MiniDump", lsass.CommandLine, StringComparison.Ordinal);
        // The hash is defined inside the process's image file and referred to with {"$ref": "6"} at the top level.
        Assert.True(Has(lsass, EntityKind.FileHash, "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"));
        Assert.Equal(["T1003"], lsass.Tags);

        var c2 = results[1].Value!;
        Assert.Equal("198.51.100.23", c2.SourceIp);
        Assert.True(Has(c2, EntityKind.Domain, "cdn-updates.example"));
        Assert.True(Has(c2, EntityKind.Url, "http://198.51.100.23/beacon"));

        Assert.Equal("incident 77: alert aa000000-0000-4000-8000-000000000009 is listed in AlertIds but is not in the input", results[2].Error!.Reason);
        Assert.Equal(14, results[2].Error!.Source.Line); // the latest incident row
        // A severity on no known scale is no detector severity, not an error: the alert is read, its raw value kept.
        Assert.True(results[3].Success);
        Assert.Null(results[3].Value!.DetectorSeverity);
        Assert.Equal(51, results[3].Value!.Source.Line);
    }

    [Fact]
    public void A_saved_query_response_is_read_like_an_export_and_bad_entities_are_an_error_for_that_alert()
    {
        const string Json = """
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"IncidentNumber","type":"int"},{"name":"Title","type":"string"},{"name":"AlertIds","type":"dynamic"},{"name":"Type","type":"string"}],
              "rows":[[5,"Two alerts","[\"x-1\",\"x-2\"]","SecurityIncident"]]},
             {"name":"PrimaryResult","columns":[{"name":"SystemAlertId","type":"string"},{"name":"DisplayName","type":"string"},{"name":"Entities","type":"dynamic"},{"name":"Type","type":"string"}],
              "rows":[["x-1","Port scan","[{\"$id\":\"1\",\"Address\":\"192.0.2.9\",\"Type\":\"ip\"}]","SecurityAlert"],
                      ["x-2","Broken","[{not json","SecurityAlert"]]}]}
            """;

        var results = ReadText(Json);

        Assert.Equal(2, results.Count);
        Assert.Equal(("x-1", "192.0.2.9", "5"), (results[0].Value!.Id, results[0].Value!.SourceIp, Field(results[0].Value!, "incident.number")));
        Assert.Equal("alert x-2: its Entities column is not JSON", results[1].Error!.Reason);
        Assert.Equal(new SourceRef("stdin", 5), results[1].Error!.Source);
    }

    [Fact]
    public void Plain_SecurityAlert_rows_without_an_incident_are_still_read_as_JSON_alerts()
    {
        var results = Read("sentinel.json");

        Assert.Equal(2, results.Count);
        Assert.Equal("5b2c0f3e-1111-4c1a-9d1e-000000000001", results[0].Value!.Id);
    }

    [Fact]
    public void Other_records_that_carry_an_incident_number_stay_plain_alerts()
    {
        var results = ReadText("""[{"IncidentNumber": 9, "rule": "Ticket opened", "user": "bob"}, {"IncidentNumber": 10, "rule": "Ticket closed", "user": "eve"}]""");

        Assert.Equal(["Ticket opened", "Ticket closed"], results.Select(r => r.Value!.Rule));
        Assert.Equal("Ticket opened", Assert.Single(ReadText("""{"IncidentNumber": 9, "rule": "Ticket opened"}""")).Value!.Rule);
    }
}
