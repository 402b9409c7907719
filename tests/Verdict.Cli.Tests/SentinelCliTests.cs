using System.Text.Json;
using Verdict.Tests.Sentinel;

namespace Verdict.Tests;

/// <summary>Sentinel incidents through the CLI: exports by --json and --stdin, and the live pull with --incident against a local Log Analytics.</summary>
public sealed class SentinelCliTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "alerts", name);

    private static JsonElement[] Briefs(CliRunner cli) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.PathOf("out"), "investigation_briefs.json"))).RootElement.EnumerateArray()];

    private static string? Error(JsonElement brief) => brief.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    [Fact]
    public async Task Triage_incident_pulls_it_from_Log_Analytics_and_briefs_each_alert()
    {
        await using var api = new FakeLogAnalytics(Fixture("sentinel-bruteforce.json"));
        using var cli = new CliRunner();
        cli.Environment["VERDICT_SENTINEL_WORKSPACE_ID"] = FakeLogAnalytics.Workspace;
        cli.Environment["VERDICT_SENTINEL_ENDPOINT"] = api.BaseUrl.ToString();
        cli.Environment["VERDICT_SENTINEL_TOKEN"] = FakeLogAnalytics.Token;

        var code = await cli.Run("triage", "--incident", "42", "--logs", Fixture("bruteforce-auth.csv"), "--out", cli.PathOf("out"));

        Assert.Equal(0, code);
        var briefs = Briefs(cli);
        Assert.Equal(["7d1f0c1e-0001-4b7a-9f00-00000000bf01", "7d1f0c1e-0002-4b7a-9f00-00000000bf02"], briefs.Select(b => b.GetProperty("alert_id").GetString()));
        Assert.All(briefs, b => Assert.Equal(("42", "Password guessing then sign-in for bob", "escalate"),
            (b.GetProperty("alert").GetProperty("incident.number").GetString(), b.GetProperty("alert").GetProperty("incident.title").GetString(), b.GetProperty("decision").GetString())));
        Assert.All(api.Http.Received, r => Assert.Equal("Bearer " + FakeLogAnalytics.Token, r.Header("Authorization")));
        Assert.Equal(2, api.Http.Received.Count);
        Assert.DoesNotContain(FakeLogAnalytics.Token, cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_incident_without_a_workspace_is_a_usage_error_and_a_denied_pull_is_an_error_entry()
    {
        await using var api = new FakeLogAnalytics(Fixture("sentinel-bruteforce.json"));
        using var cli = new CliRunner();
        cli.Environment["VERDICT_SENTINEL_WORKSPACE_ID"] = null;

        Assert.Equal(2, await cli.Run("triage", "--incident", "42", "--out", cli.PathOf("out")));
        Assert.Contains("--incident needs the Log Analytics workspace id: pass --workspace ID or set VERDICT_SENTINEL_WORKSPACE_ID", cli.Output, StringComparison.Ordinal);

        cli.Environment["VERDICT_SENTINEL_ENDPOINT"] = api.BaseUrl.ToString();
        cli.Environment["VERDICT_SENTINEL_TOKEN"] = FakeLogAnalytics.Token;
        api.Then(FakeLogAnalytics.Error(403, "InsufficientAccessError", "The provided credentials have insufficient access"));
        var code = await cli.Run("triage", "--incident", "42", "--workspace", FakeLogAnalytics.Workspace, "--out", cli.PathOf("out"));

        Assert.Equal(1, code); // nothing could be read
        var error = Error(Assert.Single(Briefs(cli)));
        Assert.Contains("denied access to workspace 11111111-2222-3333-4444-555555555555 (403): InsufficientAccessError", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_are_recognised_from_json_and_stdin()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.Run("triage", "--json", Fixture("sentinel-rest.json"), "--out", cli.PathOf("out")));
        var rest = Briefs(cli);
        Assert.Equal(2, rest.Length);
        Assert.Equal("1234", rest[1].GetProperty("alert").GetProperty("incident.number").GetString());
        Assert.Contains("ws-042.acme.example", rest[1].GetProperty("entities").ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await cli.RunWithInput(File.ReadAllText(Fixture("sentinel-la.json")), "triage", "--stdin", "--out", cli.PathOf("out")));
        var la = Briefs(cli);
        Assert.Equal(4, la.Length);
        Assert.Equal("aa000000-0000-4000-8000-000000000001", la[0].GetProperty("alert_id").GetString());
        Assert.Contains("is listed in AlertIds but is not in the input", Error(la[2]), StringComparison.Ordinal);
        Assert.Equal(14, la[2].GetProperty("source").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Triage_with_no_input_at_all_says_what_to_give()
    {
        using var cli = new CliRunner();

        Assert.Equal(2, await cli.Run("triage", "--out", cli.PathOf("out")));
        Assert.Contains("no alerts to read", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_shows_a_Sentinel_export_as_its_alerts_fields()
    {
        using var cli = new CliRunner();

        Assert.Equal(0, await cli.Run("fields", Fixture("sentinel-la.json")));

        Assert.Contains("Sentinel incident export, 3 record(s) read", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"SystemAlertId\s+│ id\s+│ built-in alias", cli.Output);
        Assert.Matches(@"DisplayName\s+│ rule\s+│ built-in alias", cli.Output);
        Assert.Matches(@"incident\.title\s+│ kept as raw field\s+│ -\s+│ Credential dumping on SRV-DB01", cli.Output);
    }
}
