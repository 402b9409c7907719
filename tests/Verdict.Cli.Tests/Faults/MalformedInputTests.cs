namespace Verdict.Tests.Faults;

/// <summary>
/// The malformed-input corpus in tests/data/faults through the real CLI: each file gives clear errors (file, line,
/// reason), one entry per record, the console counting the same, and never a crash or a hang.
/// </summary>
public sealed class MalformedInputTests
{
    private static Task<FaultRun> Triage(CliRunner cli, string fixture) => FaultRun.Triage(cli, FaultRun.Fixture(fixture));

    [Fact]
    public async Task A_CSV_cut_off_inside_a_quoted_field_keeps_the_rows_before_it()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "truncated.csv");
        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(2);
        run.AssertError(3, "unterminated quoted field");
    }

    [Fact]
    public async Task A_JSON_array_cut_off_mid_object_keeps_the_objects_before_it()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "truncated.json");
        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(3);
        Assert.Equal(2, run.Briefs.Length);
        run.AssertError(4, "malformed JSON");
    }

    [Fact]
    public async Task A_row_with_the_wrong_delimiter_is_an_error_with_its_column_count()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "wrong-delimiter.csv");
        run.AssertAccounted(2);
        run.AssertError(2, "expected 5 columns");
    }

    [Fact]
    public async Task A_file_in_an_unknown_delimiter_says_which_columns_it_saw()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "pipes.csv");
        Assert.Equal(1, run.ExitCode);
        run.AssertAccounted(1);
        run.AssertError(1, "no column names the alert");
    }

    [Theory]
    [InlineData("bom-utf8.csv", 1)]
    [InlineData("bom-utf16le.csv", 2)]
    [InlineData("bom-utf16be.csv", 1)]
    public async Task A_byte_order_mark_is_honoured(string fixture, int alerts)
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, fixture);
        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(alerts);
        Assert.Empty(run.Errors);
        Assert.Equal("alice", run.Briefs[0].GetProperty("alert").GetProperty("user").GetString());
        Assert.Equal("login", run.Briefs[0].GetProperty("alert").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("invalid-utf8.csv", 3, "not valid UTF-8")]
    [InlineData("invalid-utf8.jsonl", 2, "not valid UTF-8")]
    public async Task Invalid_UTF8_is_an_error_for_that_record_only(string fixture, int line, string reason)
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, fixture);
        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(3);
        Assert.Equal(2, run.Briefs.Length);
        run.AssertError(line, reason);
    }

    [Fact]
    public async Task A_repeated_JSON_key_keeps_its_last_value()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "duplicate-keys.json");
        run.AssertAccounted(1);
        Assert.Equal("mallory", run.Briefs[0].GetProperty("alert").GetProperty("user").GetString());
    }

    [Fact]
    public async Task Rows_with_fewer_or_more_columns_than_the_header_are_errors_and_the_rest_is_triaged()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "columns.csv");
        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(4);
        run.AssertError(3, "expected 5 columns");
        run.AssertError(4, "but found 7");
    }

    [Theory]
    [InlineData("empty.csv")]
    [InlineData("empty.json")]
    [InlineData("header-only.csv")]
    [InlineData("whitespace.json")]
    public async Task A_file_with_no_records_is_named_and_nothing_is_read(string fixture)
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, fixture);
        Assert.Equal(1, run.ExitCode);
        run.AssertAccounted(0);
        Assert.Contains("no records (an empty file or only a header)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NUL_bytes_inside_a_row_keep_it_readable_and_escaped()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "nul-bytes.csv");
        Assert.Equal(0, run.ExitCode);
        run.AssertAccounted(2);
        Assert.Equal("b\0ob", run.Entries[1].GetProperty("alert").GetProperty("user").GetString());
    }

    [Theory]
    [InlineData("image.png")]
    [InlineData("image.csv")]
    public async Task An_image_is_one_error_naming_the_file_not_garbage_alerts(string fixture)
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, fixture);
        Assert.Equal(1, run.ExitCode);
        run.AssertAccounted(1);
        run.AssertError(1, "looks like a PNG image");
    }

    [Fact]
    public async Task A_truncated_gzip_keeps_what_decompressed_and_says_the_rest_is_missing()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "truncated.csv.gz");
        Assert.Equal(0, run.ExitCode);
        Assert.NotEmpty(run.Briefs);
        run.AssertAccounted(run.Entries.Length);
        // The row cut in the middle is an error of its own; the last entry says the data ended early.
        Assert.Contains("expected 5 columns", run.Errors[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("gzip data ends early", run.Entries[^1].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_array_of_non_objects_is_an_error_for_each_element_that_is_not_an_object()
    {
        using var cli = new CliRunner();
        var run = await Triage(cli, "not-json-array.json");
        run.AssertAccounted(run.Entries.Length);
        Assert.Contains("expected an object", run.Errors[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image.png", 1, "looks like a PNG image")]
    [InlineData("bom-utf16le.csv", 0, "CSV, 2 record(s) read")]
    public async Task Fields_names_a_binary_file_and_reads_UTF16(string fixture, int exitCode, string expected)
    {
        using var cli = new CliRunner();
        var code = await cli.Run("fields", FaultRun.Fixture(fixture)).WaitAsync(FaultRun.Limit, TestContext.Current.CancellationToken);
        Assert.Equal(exitCode, code);
        Assert.Contains(expected, cli.Output, StringComparison.Ordinal);
    }
}
