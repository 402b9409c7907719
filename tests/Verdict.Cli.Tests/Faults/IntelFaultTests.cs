using System.Text;
using Verdict.Tests.Intel;
using Verdict.Tests.Support;

namespace Verdict.Tests.Faults;

/// <summary>
/// AbuseIPDB and VirusTotal (the local servers of <see cref="FakeIntelApis"/>) misbehave on every request: they hang,
/// reset the connection, answer HTML or cut-off JSON, or throttle forever. Each run ends with every alert triaged,
/// the failure noted in the briefs and the summary, and no key in the output. Retries and timeouts wait on the
/// fake clock, which the harness moves on while the run is going, so the test takes seconds.
/// </summary>
public sealed class IntelFaultTests
{
    private static readonly string[] Alerts =
    [
        "alert_id,type,user,date,detail,severity,src_ip,hash",
        $"A1,suspicious_sign_in,bob,2026-10-31T02:20:00Z,sign-in from an unfamiliar address,medium,{FakeIntelApis.TorIp},",
        $"A2,suspicious_sign_in,carol,2026-10-31T02:40:00Z,sign-in from an unfamiliar address,medium,{FakeIntelApis.SuspiciousIp},",
        $"A3,malware_detected,dave,2026-10-31T03:00:00Z,file quarantined,high,,{FakeIntelApis.EicarSha256}",
    ];

    public static TheoryData<string, string> Faults => new()
    {
        { "hang", "no answer within 15 s after 3 retries" },
        { "reset", "after 3 retries" },
        { "html", "unreadable response" },
        { "truncated-json", "closed the connection before the answer was complete" },
        { "garbage-json", "unreadable response" },
        { "throttle", "rate limited (429) after 3 retries" },
        { "throttle-for-a-day", "the server asked to wait 24 h" },
        { "server-error", "server error (503) after 3 retries" },
    };

    private static HttpReply Reply(string fault) => fault switch
    {
        "hang" => new HttpReply(200, []) { Hang = true },
        "reset" => new HttpReply(200, []) { Reset = true },
        "html" => new HttpReply(200, Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><h1>Welcome to the captive portal</h1></body></html>")),
        "truncated-json" => new HttpReply(200, Encoding.UTF8.GetBytes("""{"data": {"ipAddress": "185.2"""), AnnouncedLength: 4096),
        "garbage-json" => HttpReply.Json(200, """{"data": [1, 2, {"abuseConfidenceScore": "lots"}], "attributes": null}"""),
        "throttle" => FakeIntelApis.TooManyRequests("30"),
        "throttle-for-a-day" => FakeIntelApis.TooManyRequests("86400"),
        "server-error" => HttpReply.Json(503, "<html>Service Unavailable</html>"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Every_alert_is_triaged_and_the_failure_is_noted(string fault, string note)
    {
        using var cli = new CliRunner();
        await using var apis = new FakeIntelApis(cli.Clock) { Fault = _ => Reply(fault) };
        File.WriteAllLines(cli.PathOf("alerts.csv"), Alerts);
        foreach (var (name, value) in new[] { ("ABUSEIPDB_API_KEY", FakeIntelApis.Key), ("VIRUSTOTAL_API_KEY", FakeIntelApis.Key),
            ("ABUSEIPDB_BASE_URL", apis.BaseUrl.ToString()), ("VIRUSTOTAL_BASE_URL", apis.BaseUrl.ToString()), ("VERDICT_DATA_DIR", cli.PathOf("data")) })
        {
            cli.Environment[name] = value;
        }

        var run = await WithClockRunning(cli, FaultRun.Triage(cli, cli.PathOf("alerts.csv")));

        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(3);
        Assert.Equal(3, run.Briefs.Length);
        var notes = run.Entries.SelectMany(b => b.GetProperty("evidence").EnumerateArray()).Select(e => e.GetProperty("description").GetString()!).ToList();
        Assert.Contains(notes, n => n.StartsWith("AbuseIPDB could not check ip", StringComparison.Ordinal) && n.Contains(note, StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("VirusTotal could not check", StringComparison.Ordinal) && n.Contains(note, StringComparison.Ordinal));
        Assert.Matches(@"enrichment: AbuseIPDB: 2 checked, 2 failed", run.Output);
        Assert.DoesNotContain(FakeIntelApis.Key, run.Output);
        Assert.All(Directory.EnumerateFiles(cli.PathOf("out")), f => Assert.DoesNotContain(FakeIntelApis.Key, File.ReadAllText(f)));
        // A failed lookup is never taken for a clean bill of health.
        Assert.All(run.Briefs, b => Assert.DoesNotContain(b.GetProperty("intel").EnumerateArray(), r => r.GetProperty("verdict").GetString() == "clean"));
    }

    /// <summary>Moves the run's fake clock on by a second every few milliseconds until the run ends.</summary>
    private static async Task<T> WithClockRunning<T>(CliRunner cli, Task<T> run)
    {
        while (!run.IsCompleted)
        {
            cli.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(run, Task.Delay(15, TestContext.Current.CancellationToken));
        }
        return await run;
    }

}
