using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Verdict.Tests.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests;

/// <summary>Triage against a local server that answers like AbuseIPDB and VirusTotal.</summary>
public sealed class TriageIntelTests
{
    private static readonly string[] Alerts =
    [
        "alert_id,type,user,date,detail,severity,src_ip,hash",
        $"A1,suspicious_sign_in,bob,2026-10-31T02:20:00Z,sign-in from an unfamiliar address,medium,{FakeIntelApis.TorIp},",
        $"A2,suspicious_sign_in,carol,2026-10-31T02:40:00Z,sign-in from an unfamiliar address,medium,{FakeIntelApis.TorIp},",
        $"A3,malware_detected,dave,2026-10-31T03:00:00Z,file quarantined,high,,{FakeIntelApis.EicarSha256}",
    ];

    [Fact]
    public async Task Every_distinct_entity_is_looked_up_once_the_results_reach_the_briefs_and_a_second_run_costs_no_call()
    {
        await using var apis = new FakeIntelApis(new FakeTimeProvider(CliRunner.Now));
        using var cli = new CliRunner();
        File.WriteAllLines(cli.PathOf("alerts.csv"), Alerts);
        foreach (var (name, value) in new[] { ("ABUSEIPDB_API_KEY", FakeIntelApis.Key), ("VIRUSTOTAL_API_KEY", FakeIntelApis.Key),
            ("ABUSEIPDB_BASE_URL", apis.BaseUrl.ToString()), ("VIRUSTOTAL_BASE_URL", apis.BaseUrl.ToString()), ("VERDICT_DATA_DIR", cli.PathOf("data")) })
        {
            cli.Environment[name] = value;
        }

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out1")));

        // The Tor IP (named by two alerts) once at AbuseIPDB and once at VirusTotal, the hash once at VirusTotal.
        Assert.Equal(3, apis.Calls);
        var briefs = Briefs(cli, "out1");
        var bob = briefs["A1"];
        Assert.Contains(bob.GetProperty("intel").EnumerateArray(), r => r.GetProperty("source").GetString() == "AbuseIPDB" && r.GetProperty("verdict").GetString() == "malicious");
        Assert.NotEqual("auto_close", bob.GetProperty("decision").GetString());
        Assert.Contains(bob.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("description").GetString()!.Contains("is known bad", StringComparison.Ordinal));
        Assert.Contains(briefs["A3"].GetProperty("intel").EnumerateArray(), r => r.GetProperty("source").GetString() == "VirusTotal");

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out2")));

        Assert.Equal(3, apis.Calls);
        Assert.All(Briefs(cli, "out2")["A1"].GetProperty("intel").EnumerateArray(), r => Assert.True(r.GetProperty("from_cache").GetBoolean()));

        // The key appears nowhere: console, briefs, incidents, Markdown, the cache database.
        Assert.DoesNotContain(FakeIntelApis.Key, cli.Output);
        foreach (var file in Directory.EnumerateFiles(cli.Temp.FullName, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("alerts.csv", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(FakeIntelApis.Key, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }
    }

    [Fact]
    public async Task Without_keys_triage_runs_and_says_which_services_were_not_used()
    {
        using var cli = new CliRunner();
        File.WriteAllLines(cli.PathOf("alerts.csv"), Alerts);

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out")));

        Assert.Contains("enrichment: AbuseIPDB: not used (set ABUSEIPDB_API_KEY)", cli.Output);
        Assert.Contains("enrichment: VirusTotal: not used (set VIRUSTOTAL_API_KEY)", cli.Output);
        Assert.False(Directory.Exists(cli.PathOf("data")));
    }

    [Fact]
    public async Task A_rejected_key_and_a_malformed_answer_still_give_every_alert_a_brief_with_a_note()
    {
        await using var apis = new FakeIntelApis(new FakeTimeProvider(CliRunner.Now));
        apis.ThenReply(HttpReply.Json(401, """{"errors": [{"detail": "Authentication failed. Your API key is either missing, incorrect, or revoked.", "status": 401}]}"""), FakeIntelApis.ToAbuseIpDb);
        apis.ThenReply(HttpReply.Json(200, "{ this is not json"), FakeIntelApis.ToVirusTotal);
        apis.ThenReply(HttpReply.Json(200, "{ this is not json"), FakeIntelApis.ToVirusTotal);
        using var cli = new CliRunner();
        File.WriteAllLines(cli.PathOf("alerts.csv"), Alerts);
        foreach (var (name, value) in new[] { ("ABUSEIPDB_API_KEY", FakeIntelApis.Key), ("VIRUSTOTAL_API_KEY", FakeIntelApis.Key),
            ("ABUSEIPDB_BASE_URL", apis.BaseUrl.ToString()), ("VIRUSTOTAL_BASE_URL", apis.BaseUrl.ToString()), ("VERDICT_DATA_DIR", cli.PathOf("data")) })
        {
            cli.Environment[name] = value;
        }

        Assert.Equal(0, await cli.Run("triage", cli.PathOf("alerts.csv"), "--out", cli.PathOf("out")));

        var briefs = Briefs(cli, "out");
        Assert.Equal(3, briefs.Count);
        Assert.All(briefs.Values, b => Assert.True(b.TryGetProperty("decision", out _)));
        var notes = briefs["A1"].GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("AbuseIPDB could not check ip", StringComparison.Ordinal) && n.Contains("401", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("VirusTotal could not check", StringComparison.Ordinal));
        Assert.DoesNotContain(FakeIntelApis.Key, cli.Output);
    }

    private static Dictionary<string, JsonElement> Briefs(CliRunner cli, string dir) =>
        JsonDocument.Parse(File.ReadAllText(cli.PathOf($"{dir}/investigation_briefs.json"))).RootElement.EnumerateArray()
            .ToDictionary(b => b.GetProperty("alert_id").GetString()!, b => b);
}
