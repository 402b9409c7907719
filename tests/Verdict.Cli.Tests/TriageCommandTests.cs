using System.Text;
using System.Text.Json;

namespace Verdict.Tests;

public sealed class TriageCommandTests
{
    private static JsonElement[] Briefs(CliRunner cli, string outDir = "out") =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf(outDir), "investigation_briefs.json"))).RootElement.EnumerateArray()];

    [Fact]
    public async Task Demo_run_escalates_the_attacks_closes_the_look_alikes_and_reports_every_alert_once()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"),
            "--context", CliRunner.Acme("context.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var briefs = Briefs(cli);
        var inputIds = File.ReadLines(CliRunner.Acme("alerts.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(inputIds, briefs.Select(b => b.GetProperty("alert_id").GetString()!).ToList());

        var labels = File.ReadLines(CliRunner.Acme("labels.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        foreach (var brief in briefs)
        {
            var id = brief.GetProperty("alert_id").GetString()!;
            var decision = brief.GetProperty("decision").GetString();
            var user = brief.GetProperty("alert").GetProperty("user").GetString();
            if (user is "bob" or "carol")
            {
                Assert.Equal("escalate", decision);
                Assert.Contains(brief.GetProperty("severity").GetString(), new[] { "HIGH", "CRITICAL" });
            }
            if (labels[id] == "auto_close") Assert.NotEqual("escalate", decision);
            Assert.True(brief.GetProperty("hypotheses").GetArrayLength() >= 2, id);
            Assert.NotEmpty(brief.GetProperty("questions").EnumerateArray());
        }

        Assert.Contains("ESCALATE NOW", cli.Output);
        Assert.Contains("Triage summary", cli.Output);
        Assert.Matches(@"→ HIGH\s+\| ESCALATE\s+\| ALR-0003 \| bob \| brute_force", cli.Output);
        Assert.Matches(@"→ \w+\s+\| AUTO-CLOSE \| ALR-0011 \| erin", cli.Output);
        Assert.True(File.Exists(Path.Combine(cli.PathOf("out"), "incidents.json")));
        var markdown = Directory.GetFiles(cli.PathOf("out"), "*.md");
        Assert.Contains(markdown, f => Path.GetFileName(f) == "20261122-100000-INC-0001.md");
        var bobBrief = File.ReadAllText(markdown.Single(f => File.ReadAllText(f).Contains("| User | bob |", StringComparison.Ordinal)));
        Assert.Contains("## Timeline", bobBrief);
        Assert.Contains("45 failed logins from 185.220.101.34", bobBrief);
    }

    [Fact]
    public async Task Broken_rows_become_error_entries_with_line_numbers_and_the_rest_is_triaged()
    {
        using var cli = new CliRunner();
        var csv = new MemoryStream();
        void Line(string s) => csv.Write(Encoding.UTF8.GetBytes(s + "\n"));
        Line("type,user,date,detail,severity");                                   // 1
        Line("brute_force,bob,2026-10-31T06:18:00Z,45 failed logins,high");       // 2 ok
        Line("new_country_login,carol,2026-10-31T14:00:00Z");                     // 3 missing columns
        Line("off_hours_login,frank,yesterday-ish,late login,medium");            // 4 bad date
        Line("volume_spike,ivan,2026-10-31T22:45:00Z," + new string('x', 1024 * 1024) + ",low"); // 5 1 MB field
        csv.Write("off_hours_login,erin,2026-10-31T03:00:00Z,bad "u8);             // 6 invalid UTF-8
        csv.Write([0xC3, 0x28]);
        Line(",low");
        Line("new_country_login,dave,2026-10-31T09:00:00Z,Paris \"trip\" maybe,low"); // 7 stray quote
        Line("multiple_failed_logins,erin,2026-10-31T13:07:00Z,6 failures,medium");  // 8 ok
        File.WriteAllBytes(cli.PathOf("broken.csv"), csv.ToArray());

        var code = await cli.Run("triage", cli.PathOf("broken.csv"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var briefs = Briefs(cli);
        Assert.Equal(7, briefs.Length);
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8], briefs.Select(b => b.GetProperty("source").GetProperty("line").GetInt64()));
        var errors = briefs.Where(b => b.TryGetProperty("error", out _)).ToDictionary(b => b.GetProperty("source").GetProperty("line").GetInt64(), b => b.GetProperty("error").GetString()!);
        Assert.Equal([3L, 4, 5, 6, 7], errors.Keys.Order());
        Assert.Contains("expected 5 columns", errors[3]);
        Assert.Contains("unreadable date 'yesterday-ish'", errors[4]);
        Assert.Contains("longer than", errors[5]);
        Assert.Contains("not valid UTF-8", errors[6]);
        Assert.Contains("quote", errors[7]);
        Assert.Equal("brute_force", briefs[0].GetProperty("alert").GetProperty("type").GetString());
        Assert.Equal("broken-8", briefs[6].GetProperty("alert_id").GetString());
        Assert.Contains("broken.csv:4", cli.Output);
    }

    [Fact]
    public async Task Standard_input_is_read_with_a_dash()
    {
        using var cli = new CliRunner();
        var code = await cli.RunWithInput("type,user,date,detail,severity\nbrute_force,bob,2026-10-31,many failures,high\n",
            "triage", "-", "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var brief = Assert.Single(Briefs(cli));
        Assert.Equal("stdin", brief.GetProperty("source").GetProperty("file").GetString());
        // No logs: nothing can be checked, so the verdict stays open rather than closing.
        Assert.Equal("SUSPICIOUS", brief.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task A_run_where_nothing_can_be_read_exits_1_and_still_reports_the_error()
    {
        using var cli = new CliRunner();
        var code = await cli.Run("triage", cli.PathOf("missing.csv"), "--out", cli.PathOf("out"));

        Assert.Equal(1, code);
        var entry = Assert.Single(Briefs(cli));
        Assert.Equal("file not found", entry.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_broken_context_file_exits_2_naming_file_and_line()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("context.yaml"), "organization: Acme\ntime_zone: Mars/Olympus\nvpn_egress: [10.0.0.0/99]\n");

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--context", cli.PathOf("context.yaml"), "--out", cli.PathOf("out"));

        Assert.Equal(2, code);
        Assert.Contains("context.yaml:2: unknown time zone 'Mars/Olympus'", cli.Output);
        Assert.Contains("context.yaml:3: '10.0.0.0/99' in vpn_egress is not an IP address or CIDR range", cli.Output);
        Assert.False(Directory.Exists(cli.PathOf("out")));
    }

    [Fact]
    public async Task A_wrong_command_line_exits_2_with_a_hint()
    {
        using var cli = new CliRunner();
        Assert.Equal(2, await cli.Run("triage", "--no-such-option"));
        Assert.Contains("verdict --help", cli.Output);
    }
}

public sealed class TriageEnrichmentTests
{
    [Fact]
    public async Task A_local_feed_entry_stops_a_look_alike_from_closing_and_the_brief_names_it()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("feed.txt"), "10.1.0.1 # jump host seen in the Acme breach report\n");
        File.WriteAllText(cli.PathOf("assets.csv"), "host,owner,environment\nws-erin,erin,production\n");

        var code = await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--logs", CliRunner.Acme("auth_logs.csv.gz"), "--context", CliRunner.Acme("context.yaml"),
            "--intel", cli.PathOf("feed.txt"), "--assets", cli.PathOf("assets.csv"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var erin = System.Text.Json.JsonDocument.Parse(File.ReadAllText(cli.PathOf("out/investigation_briefs.json"))).RootElement
            .EnumerateArray().Single(b => b.GetProperty("alert_id").GetString() == "ALR-0011");
        Assert.NotEqual("auto_close", erin.GetProperty("decision").GetString());
        var intel = erin.GetProperty("intel")[0];
        Assert.Equal("malicious", intel.GetProperty("verdict").GetString());
        Assert.Equal("10.1.0.1", intel.GetProperty("entity").GetProperty("value").GetString());
        Assert.Contains("Enrichment: 1 indicators from 1 feed(s), 1 assets, 0 users", cli.Output);
        Assert.Contains("enrichment: user directory: none given (--users FILE)", cli.Output);
        var markdown = Directory.GetFiles(cli.PathOf("out"), "*.md").Select(File.ReadAllText).Single(m => m.Contains("| User | erin |", StringComparison.Ordinal));
        Assert.Contains("| ip | 10.1.0.1 | MALICIOUS (feed feed.txt): feed feed.txt: jump host seen in the Acme breach report (confidence 75) |", markdown);
    }
}

public sealed class TriageOutputTests
{
    [Fact]
    public async Task Out_naming_an_existing_file_is_a_usage_error_before_any_work()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("taken"), "");
        Assert.Equal(2, await cli.Run("triage", CliRunner.Acme("alerts.csv"), "--out", cli.PathOf("taken")));
        Assert.Contains("is a file; name a folder", cli.Output);
        Assert.DoesNotContain("Triaging", cli.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_input_with_no_records_is_named_while_the_others_are_triaged(bool streamed)
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("empty.csv"), "type,user,date,detail,severity\n");
        string[] args = ["triage", cli.PathOf("empty.csv"), CliRunner.Acme("alerts.csv"), "--out", cli.PathOf("out")];
        Assert.Equal(0, await cli.Run(streamed ? [.. args, "--stream"] : args));
        Assert.Contains("empty.csv: no records (an empty file or only a header)", cli.Output);
        Assert.DoesNotContain("alerts.csv: no records", cli.Output);
    }
}
