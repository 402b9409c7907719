using System.Text.Json;

namespace Verdict.Tests;

/// <summary>JSON alerts through the CLI: an unseen WAF schema triaged with no mapping, `verdict fields`, and `--mapping`.</summary>
public sealed class JsonIngestCliTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "alerts", name);

    private static JsonElement[] Briefs(CliRunner cli) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json"))).RootElement.EnumerateArray()];

    [Fact]
    public async Task Triage_unseen_WAF_JSON_with_no_mapping_gives_a_brief_per_alert()
    {
        using var cli = new CliRunner();

        var code = await cli.Run("triage", Fixture("waf.json"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var briefs = Briefs(cli);
        Assert.Equal(2, briefs.Length);
        Assert.All(briefs, b => Assert.False(b.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String, b.ToString()));
        Assert.Equal("SQL injection attempt", briefs[0].GetProperty("alert").GetProperty("rule_name").GetString());
        Assert.Equal(2, briefs[0].GetProperty("source").GetProperty("line").GetInt32());
        var entities = briefs[0].GetProperty("entities").ToString();
        Assert.Contains("45.33.32.156", entities, StringComparison.Ordinal);
        Assert.Contains("10.10.0.8", entities, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_NDJSON_on_stdin_with_a_broken_line_reports_it_and_triages_the_rest()
    {
        using var cli = new CliRunner();
        const string Input = "{\"rule_name\":\"a\",\"sip\":\"203.0.113.7\"}\n{\"rule_name\": oops}\n{\"rule_name\":\"c\",\"sip\":\"203.0.113.8\"}\n";

        var code = await cli.RunWithInput(Input, "triage", "-", "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var briefs = Briefs(cli);
        Assert.Equal(3, briefs.Length);
        Assert.Contains("malformed JSON", briefs[1].GetProperty("error").ToString(), StringComparison.Ordinal);
        Assert.Equal(2, briefs[1].GetProperty("source").GetProperty("line").GetInt32());
        Assert.Equal("c", briefs[2].GetProperty("alert").GetProperty("rule_name").GetString());
    }

    [Fact]
    public async Task Fields_shows_how_each_WAF_field_was_understood()
    {
        using var cli = new CliRunner();

        var code = await cli.Run("fields", Fixture("waf.json"));

        Assert.Equal(0, code);
        Assert.Contains("JSON, 2 record(s) read", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"sip\s+│ source_ip\s+│ built-in alias\s+│ 45\.33\.32\.156", cli.Output);
        Assert.Matches(@"dip\s+│ destination_ip\s+│ built-in alias", cli.Output);
        Assert.Matches(@"uri\s+│ url\s+│ built-in alias\s+│ /login\.php", cli.Output);
        Assert.Matches(@"method\s+│ http_method", cli.Output);
        Assert.Matches(@"rsp_status\s+│ response_status\s+│ built-in alias\s+│ 200", cli.Output);
        Assert.Matches(@"rule_name\s+│ rule\s+│", cli.Output);
        Assert.Matches(@"req_header\.User-Agent\s+│ request_headers", cli.Output);
    }

    [Fact]
    public async Task Fields_with_a_mapping_file_says_so_and_raw_fields_are_kept()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("map.yaml"), "fields:\n  ts: time\n  kill_chain: tags\n");
        File.WriteAllText(cli.PathOf("a.csv"), "type,ts,colour,kill_chain\nlogin,2026-11-20 10:00,blue\\nred,x\n");

        var code = await cli.Run("fields", cli.PathOf("a.csv"), "--mapping", cli.PathOf("map.yaml"));

        Assert.Equal(0, code);
        Assert.Contains("CSV, 1 record(s) read", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"ts\s+│ time\s+│ mapping file", cli.Output);
        Assert.Matches(@"kill_chain\s+│ tags\s+│ mapping file", cli.Output);
        Assert.Matches(@"colour\s+│ kept as raw field\s+│ -", cli.Output);
    }

    [Fact]
    public async Task Fields_missing_file_and_bad_mapping_are_clear_errors()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("map.yaml"), "fields:\n  a: no_such_field\n");

        Assert.Equal(1, await cli.Run("fields", cli.PathOf("nope.json")));
        Assert.Contains("file not found", cli.Output, StringComparison.Ordinal);
        Assert.Equal(2, await cli.Run("fields", Fixture("waf.json"), "--mapping", cli.PathOf("map.yaml")));
        Assert.Contains("map.yaml:2: unknown canonical field 'no_such_field'", cli.Output, StringComparison.Ordinal);
        Assert.Equal(2, await cli.Run("triage", Fixture("waf.json"), "--mapping", cli.PathOf("map.yaml"), "--out", cli.PathOf("out")));
    }
}
