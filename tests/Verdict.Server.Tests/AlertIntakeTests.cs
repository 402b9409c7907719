using System.Text;
using Verdict.Context;
using Verdict.Server.Triage;

namespace Verdict.Tests;

/// <summary>How request bodies become alert records: one record or one error (with its line) per input record.</summary>
public sealed class AlertIntakeTests
{
    private static (List<IntakeRecord> Records, List<IntakeError> Errors) Split(string body, string? type = "application/json") =>
        AlertIntake.Split(Encoding.UTF8.GetBytes(body), type, EnvironmentContext.Default);

    [Fact]
    public void Ndjson_keeps_the_good_lines_and_names_the_broken_one()
    {
        var (records, errors) = Split("{\"id\":\"a\"}\n{\"id\":\n{\"id\":\"c\"}\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(2, Assert.Single(errors).Line);
    }

    [Fact]
    public void A_broken_pretty_printed_object_is_one_error_at_its_line()
    {
        var (records, errors) = Split("{\n  \"id\": \"a\",\n  \"user\": \n}\n");
        Assert.Empty(records);
        Assert.Equal(4, Assert.Single(errors).Line);
    }

    [Fact]
    public void A_splunk_webhook_is_its_result_named_after_the_search_and_the_same_alert_has_the_same_fingerprint()
    {
        const string body = """{"sid":"rt_1","search_name":"VPN brute force","result":{"src":"1.2.3.4","user":"bob"}}""";
        var record = Assert.Single(Split(body).Records);
        Assert.Equal("splunk", record.Source);
        Assert.Contains("\"rule_name\":\"VPN brute force\"", record.Json, StringComparison.Ordinal);
        Assert.Equal(record.Fingerprint, Assert.Single(Split(body).Records).Fingerprint);
    }

    [Fact]
    public void Csv_rows_and_plain_text_become_records()
    {
        var (rows, errors) = Split("type,user,date\nbrute_force,bob,2026-10-31 02:10\nx,y,z,extra\n", "text/csv");
        Assert.Single(rows);
        Assert.Equal(3, Assert.Single(errors).Line);
        var text = Assert.Single(Split("powershell -enc JAB... on WS-042", "text/plain").Records);
        Assert.Contains("powershell -enc", text.Json, StringComparison.Ordinal);
    }
}
