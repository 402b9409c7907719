namespace Verdict.Tests;

/// <summary>`verdict fields` shows what the generic reader guessed for a record no known field name describes, marked as guessed.</summary>
public sealed class FieldsGuessCliTests
{
    [Fact]
    public async Task Fields_shows_the_rule_user_and_time_the_generic_reader_guessed_and_marks_them_as_guesses()
    {
        using var cli = new CliRunner();
        // A product Verdict has no names for: its detection title, actor login and observation time are found by their words.
        File.WriteAllText(cli.PathOf("unseen.jsonl"), string.Join("\n",
            """{"detection": {"title": "Impossible travel for a service principal", "uid": "d-1"}, "actor": {"login": "jdoe"}, "observed_at": "2026-10-03T08:00:00Z"}""",
            """{"detection": {"title": "Mass download from a file share", "uid": "d-2"}, "actor": {"login": "amy"}, "observed_at": "2026-10-03T09:00:00Z"}"""));

        Assert.Equal(0, await cli.Run("fields", cli.PathOf("unseen.jsonl")));

        Assert.Matches(@"detection\.title\s+│ rule \(guessed\)\s+│ guessed from name and value \(2 of 2\)\s+│ Impossible travel", cli.Output);
        Assert.Matches(@"actor\.login\s+│ user \(guessed\)\s+│ guessed from name and value \(2 of 2\)", cli.Output);
        Assert.Contains("rule <- detection.title (guessed)", cli.Output, StringComparison.Ordinal);
        Assert.Contains("user <- actor.login (guessed)", cli.Output, StringComparison.Ordinal);
        Assert.Contains("time <- observed_at (guessed)", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"detection\.uid\s+│ kept as raw field\s+│ -", cli.Output);
    }

    [Fact]
    public async Task A_field_known_by_name_is_no_guess_and_a_mapping_file_takes_the_place_of_one()
    {
        using var cli = new CliRunner();
        File.WriteAllText(cli.PathOf("a.jsonl"), """{"rule": "Known by name", "detection": {"title": "Other title"}, "actor": {"login": "jdoe"}, "time": "2026-10-03T08:00:00Z"}""");
        File.WriteAllText(cli.PathOf("map.yaml"), "fields:\n  actor.login: user\n");

        Assert.Equal(0, await cli.Run("fields", cli.PathOf("a.jsonl"), "--mapping", cli.PathOf("map.yaml")));

        Assert.DoesNotContain("(guessed", cli.Output, StringComparison.Ordinal);
        Assert.Matches(@"actor\.login\s+│ user\s+│ mapping file", cli.Output);
        Assert.Matches(@"detection\.title\s+│ kept as raw field", cli.Output);
    }
}
