using System.Text.Json;

namespace Verdict.Tests.Faults;

/// <summary>
/// One `verdict triage` over bad input, bounded by a harness timeout (a hang fails the test instead of stalling CI),
/// and what it left: the exit code, the console and the entries of investigation_briefs.json.
/// </summary>
internal sealed record FaultRun(int ExitCode, string Output, JsonElement[] Entries)
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public JsonElement[] Errors => [.. Entries.Where(IsError)];

    public JsonElement[] Briefs => [.. Entries.Where(e => !IsError(e))];

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "faults", name);

    public static async Task<FaultRun> Triage(CliRunner cli, params string[] inputs)
    {
        var output = cli.PathOf("out");
        var run = Task.Run(() => cli.Run(["triage", .. inputs, "--out", output, "--quiet"]), TestContext.Current.CancellationToken);
        var code = await run.WaitAsync(Limit, TestContext.Current.CancellationToken);
        Assert.NotEqual(70, code); // an internal error is a crash, whatever the input
        var briefs = Path.Combine(output, "investigation_briefs.json");
        JsonElement[] entries = File.Exists(briefs) ? [.. JsonDocument.Parse(File.ReadAllBytes(briefs)).RootElement.EnumerateArray().Select(e => e.Clone())] : [];
        return new FaultRun(code, cli.Output, entries);
    }

    /// <summary>Every entry is a brief or an error naming a file and a line, and the console summary counts them the same way.</summary>
    public void AssertAccounted(int records)
    {
        Assert.Equal(records, Entries.Length);
        foreach (var error in Errors)
        {
            var source = error.GetProperty("source");
            Assert.False(string.IsNullOrEmpty(source.GetProperty("file").GetString()), error.ToString());
            Assert.True(source.GetProperty("line").GetInt64() >= 1, error.ToString());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()), error.ToString());
        }
        Assert.All(Briefs, b => Assert.True(b.TryGetProperty("decision", out _), b.ToString()));
        if (Entries.Length > 0)
        {
            Assert.Contains($"{records} record(s): {Briefs.Length} triaged", Output, StringComparison.Ordinal);
            Assert.Contains($"{Errors.Length} unreadable", Output, StringComparison.Ordinal);
        }
    }

    /// <summary>The error entry at <paramref name="line"/>, with a reason containing <paramref name="reason"/>.</summary>
    public JsonElement AssertError(long line, string reason)
    {
        var error = Assert.Single(Errors, e => e.GetProperty("source").GetProperty("line").GetInt64() == line);
        Assert.Contains(reason, error.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        return error;
    }

    private static bool IsError(JsonElement entry) => entry.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String;
}
