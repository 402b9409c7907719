using System.Globalization;
using System.Text;
using System.Text.Json;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>`--geoip`: an activity log with addresses only gets places from a MaxMind database, and travel becomes visible.</summary>
public sealed class GeoIpTriageTests
{
    private const string Boston = "128.197.26.4";
    private const string Lagos = "102.89.32.7";

    /// <summary>Alice logs in from Boston every weekday for two weeks; on the alert day from Boston at 14:00 and Lagos at 15:30 (UTC).</summary>
    private static void WriteInputs(CliRunner cli)
    {
        var log = new StringBuilder("timestamp,user,result,ip\n");
        for (var day = new DateTime(2026, 11, 2); day < new DateTime(2026, 11, 20); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            log.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}T14:05:00Z,alice,success,{Boston}\n");
        }
        log.Append(CultureInfo.InvariantCulture, $"2026-11-20T14:00:00Z,alice,success,{Boston}\n");
        log.Append(CultureInfo.InvariantCulture, $"2026-11-20T15:30:00Z,alice,success,{Lagos}\n");
        File.WriteAllText(cli.PathOf("auth.csv"), log.ToString());
        File.WriteAllText(cli.PathOf("alerts.csv"), $"id,type,user,date,src_ip,detail\nALR-1,suspicious_login,alice,2026-11-20T15:30:00Z,{Lagos},Sign-in from an unfamiliar address\n");
        new MmdbWriter("GeoLite2-City")
            .Add("128.197.0.0/16", MmdbWriter.City("Boston", "US", "United States", 42.3496, -71.0997, "America/New_York", "NA"))
            .Add("102.89.32.0/24", MmdbWriter.City("Lagos", "NG", "Nigeria", 6.4474, 3.3903, "Africa/Lagos", "AF"))
            .Write(cli.PathOf("GeoLite2-City.mmdb"));
    }

    private static JsonElement Brief(CliRunner cli) =>
        Assert.Single(JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json"))).RootElement.EnumerateArray().ToList());

    private static List<string> EvidenceKeys(JsonElement brief) =>
        [.. brief.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("key").GetString()!)];

    private static string[] Triage(CliRunner cli, params string[] extra) =>
        ["triage", cli.PathOf("alerts.csv"), "--logs", cli.PathOf("auth.csv"), "--out", cli.PathOf("out"), .. extra];

    [Fact]
    public async Task With_geoip_an_ip_only_log_shows_the_impossible_trip_to_a_new_country()
    {
        using var cli = new CliRunner();
        WriteInputs(cli);

        var code = await cli.Run(Triage(cli, "--geoip", cli.PathOf("GeoLite2-City.mmdb")));

        Assert.Equal(0, code);
        var brief = Brief(cli);
        var keys = EvidenceKeys(brief);
        Assert.Contains("impossible_travel", keys);
        Assert.Contains("new_country", keys);
        var travel = brief.GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("key").GetString() == "impossible_travel");
        Assert.Contains("Boston, US", travel.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Lagos, NG", travel.GetProperty("description").GetString(), StringComparison.Ordinal);
        var ip = brief.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "ip");
        Assert.Equal("NG", ip.GetProperty("attributes").GetProperty("country").GetString());
        Assert.Equal("Lagos", ip.GetProperty("attributes").GetProperty("city").GetString());
        Assert.Equal("escalate", brief.GetProperty("decision").GetString());
        Assert.Contains("GeoIP: GeoLite2-City, built 2026-01-06", cli.Output);
        Assert.Contains("GeoIP placed 2 of 2 distinct addresses", cli.Output);
        Assert.DoesNotContain("enrichment: GeoIP", cli.Output);
        var markdown = File.ReadAllText(Directory.GetFiles(cli.PathOf("out"), "*.md").Single());
        Assert.Contains($"| ip | {Lagos} (Lagos, NG) |", markdown);
    }

    [Fact]
    public async Task Without_geoip_the_same_run_says_geoip_was_not_used_and_sees_no_travel()
    {
        using var cli = new CliRunner();
        cli.Environment["VERDICT_GEOIP_DB"] = "";
        WriteInputs(cli);

        var code = await cli.Run(Triage(cli));

        Assert.Equal(0, code);
        var keys = EvidenceKeys(Brief(cli));
        Assert.DoesNotContain("impossible_travel", keys);
        Assert.DoesNotContain("new_country", keys);
        Assert.Contains("enrichment: GeoIP: no database given (--geoip FILE.mmdb); places come from log columns", cli.Output);
        var markdown = File.ReadAllText(Directory.GetFiles(cli.PathOf("out"), "*.md").Single());
        Assert.Contains("- GeoIP: no database given (--geoip FILE.mmdb); places come from log columns", markdown);
    }

    [Fact]
    public async Task The_database_can_come_from_VERDICT_GEOIP_DB()
    {
        using var cli = new CliRunner();
        WriteInputs(cli);
        cli.Environment["VERDICT_GEOIP_DB"] = cli.PathOf("GeoLite2-City.mmdb");

        Assert.Equal(0, await cli.Run(Triage(cli)));

        Assert.Contains("impossible_travel", EvidenceKeys(Brief(cli)));
        Assert.Contains("GeoIP: GeoLite2-City, built 2026-01-06 (from $VERDICT_GEOIP_DB)", cli.Output);
    }

    [Fact]
    public async Task A_file_that_is_not_a_maxmind_database_exits_2_before_any_work()
    {
        using var cli = new CliRunner();
        WriteInputs(cli);
        File.WriteAllText(cli.PathOf("GeoLite2-City.csv"), "network,geoname_id\n102.89.32.0/24,2332459\n");

        var code = await cli.Run(Triage(cli, "--geoip", cli.PathOf("GeoLite2-City.csv")));

        Assert.Equal(2, code);
        Assert.Contains($"error: GeoIP database {cli.PathOf("GeoLite2-City.csv")} is not a MaxMind DB (.mmdb) file", cli.Output);
        Assert.DoesNotContain("   at ", cli.Output);
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }

    [Fact]
    public async Task Eval_takes_geoip_too()
    {
        using var cli = new CliRunner();
        WriteInputs(cli);
        File.WriteAllText(cli.PathOf("labels.csv"), "alert_id,expected_decision\nALR-1,escalate\n");

        var code = await cli.Run("eval", "--labels", cli.PathOf("labels.csv"), cli.PathOf("alerts.csv"), "--logs", cli.PathOf("auth.csv"),
            "--out", cli.PathOf("out"), "--geoip", cli.PathOf("GeoLite2-City.mmdb"));

        Assert.Equal(0, code);
        Assert.Contains("impossible_travel", EvidenceKeys(Brief(cli)));
    }
}
