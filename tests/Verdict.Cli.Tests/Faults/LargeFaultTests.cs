using System.Text;

namespace Verdict.Tests.Faults;

/// <summary>
/// Hostile inputs too large to commit, written into the test's temporary folder: a 50 MB field (quoted, unquoted,
/// in JSON), JSON nested 100,000 levels deep, and random bytes. Each is one clear error among readable records.
/// </summary>
public sealed class LargeFaultTests
{
    private const int FiftyMegabytes = 50 * 1024 * 1024;
    private const string Header = "type,user,date,detail,severity\n";
    private const string Good = "login,alice,2026-10-31 09:00,ok,low\n";
    private const string After = "login,carol,2026-10-31 09:10,ok,low\n";

    private static void Write(string path, params object[] parts)
    {
        using var file = File.Create(path);
        foreach (var part in parts) file.Write(part as byte[] ?? Encoding.UTF8.GetBytes((string)part));
    }

    private static byte[] Repeated(byte b, int count)
    {
        var bytes = new byte[count];
        Array.Fill(bytes, b);
        return bytes;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_50_MB_CSV_field_is_an_error_for_its_row_and_the_next_row_is_read(bool quoted)
    {
        using var cli = new CliRunner();
        var path = cli.PathOf("big.csv");
        Write(path, Header, Good, "login,bob,2026-10-31 09:05,", quoted ? "\"" : "", Repeated((byte)'x', FiftyMegabytes), quoted ? "\"" : "", ",low\n", After);

        var run = await FaultRun.Triage(cli, path);

        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(3);
        run.AssertError(3, "column 4 is longer than 256 KB");
        Assert.Equal("carol", run.Entries[2].GetProperty("alert").GetProperty("user").GetString());
    }

    [Fact]
    public async Task A_50_MB_JSON_record_is_an_error_for_that_line_and_the_next_line_is_read()
    {
        using var cli = new CliRunner();
        var path = cli.PathOf("big.jsonl");
        Write(path, """{"rule":"a","user":"alice"}""" + "\n", "{\"rule\":\"b\",\"user\":\"bob\",\"detail\":\"", Repeated((byte)'x', FiftyMegabytes), "\"}\n",
            """{"rule":"c","user":"carol"}""" + "\n");

        var run = await FaultRun.Triage(cli, path);

        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(3);
        run.AssertError(2, "larger than");
        Assert.Equal("carol", run.Entries[2].GetProperty("alert").GetProperty("user").GetString());
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public async Task JSON_nested_100000_levels_deep_is_an_error_not_a_stack_overflow(string open, string close)
    {
        using var cli = new CliRunner();
        var path = cli.PathOf("deep.jsonl");
        const int Depth = 100_000;
        var deep = new StringBuilder("{\"rule\":\"deep\",\"x\":");
        for (var i = 0; i < Depth; i++) deep.Append(open);
        deep.Append('1');
        for (var i = 0; i < Depth; i++) deep.Append(close);
        deep.Append("}\n");
        Write(path, """{"rule":"a","user":"alice"}""" + "\n", deep.ToString(), """{"rule":"c","user":"carol"}""" + "\n");

        var run = await FaultRun.Triage(cli, path);

        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(3);
        run.AssertError(2, "nested deeper than 64 levels");
    }

    [Fact]
    public async Task Random_bytes_are_one_error_and_the_other_inputs_are_triaged()
    {
        using var cli = new CliRunner();
        var noise = new byte[1 << 20];
        new Random(7).NextBytes(noise);
        File.WriteAllBytes(cli.PathOf("noise.csv"), noise);
        File.WriteAllBytes(cli.PathOf("noise.bin"), noise);
        File.WriteAllText(cli.PathOf("good.csv"), Header + Good + After);

        var run = await FaultRun.Triage(cli, cli.PathOf("noise.csv"), cli.PathOf("good.csv"), cli.PathOf("noise.bin"));

        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(4);
        Assert.Equal(2, run.Briefs.Length);
        Assert.All(run.Errors, e => Assert.Contains("binary", e.GetProperty("error").GetString(), StringComparison.Ordinal));
    }
}
