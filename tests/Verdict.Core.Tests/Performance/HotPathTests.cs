using System.Globalization;
using System.Text;
using System.Text.Json;
using Verdict.Alerts;
using Verdict.Correlation;
using Verdict.Ingest;
using Verdict.Reporting;
using Verdict.Tests.Support;

namespace Verdict.Tests.Performance;

/// <summary>The shortcuts taken on the per-alert path give exactly what the long way gives.</summary>
public sealed class HotPathTests
{
    [Theory]
    [InlineData("2026-10-31T00:00:06Z")]
    [InlineData("2028-02-29T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    public void A_utc_time_to_the_second_reads_as_the_general_parser_reads_it(string text)
    {
        Assert.True(TimeText.TryParse(text, TimeZoneInfo.Utc, out var time, out var precision));
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(expected, time);
        Assert.Equal(expected.Offset, time.Offset);
        Assert.Equal(TimePrecision.Exact, precision);
    }

    [Theory]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-1x-01T00:00:00Z")]
    public void An_impossible_utc_time_is_still_unreadable(string text) =>
        Assert.False(TimeText.TryParse(text, TimeZoneInfo.Utc, out _, out _));

    [Fact]
    public void Repeated_csv_values_read_the_same_and_a_bad_byte_in_a_repeated_column_is_still_an_error()
    {
        byte[] bytes = [.. "user,result\nbob,success\nbob,success\nbo"u8, 0xFF, .. ",success\nbob,failure\n"u8];

        var records = new CsvRecordReader(new MemoryStream(bytes)).ReadAll().ToList();

        Assert.Equal(["bob", "success"], records[1].Fields);
        Assert.Equal(["bob", "success"], records[2].Fields);
        Assert.Equal("column 1 is not valid UTF-8", records[3].Error);
        Assert.Equal(["bob", "failure"], records[4].Fields);
    }

    [Fact]
    public void A_description_seen_before_gives_the_same_entities_with_their_tags()
    {
        var input = new EntityInput { User = "bob", Description = "Beacon to hxxp://evil[.]example/x from 10.0.0.5 and 203.0.113.9" };

        var first = EntityExtractor.Extract(input).Select(e => e.ToString()).ToList();
        var again = EntityExtractor.Extract(input).Select(e => e.ToString()).ToList();

        Assert.Equal(first, again);
        Assert.Contains(first, e => e.Contains("defanged", StringComparison.Ordinal));
        Assert.Contains("Ip:10.0.0.5 [private]", first);
    }

    [Fact]
    public void A_description_seen_before_without_a_process_still_leaves_that_process_image_out_when_one_is_named()
    {
        const string text = "User ran chcp.com and then update.exe from C:\\Temp\\update.exe";
        EntityExtractor.Extract(new EntityInput { Description = text });

        var withProcess = EntityExtractor.Extract(new EntityInput { Process = @"C:\Temp\update.exe", Description = text });

        Assert.DoesNotContain(withProcess, e => e.Kind == EntityKind.FilePath && e.Value.EndsWith("update.exe", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(withProcess, e => e.Kind == EntityKind.Process);
    }

    [Fact]
    public void Repeats_whose_descriptions_differ_only_in_numbers_share_a_key_and_other_words_do_not()
    {
        var noon = new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero);
        Alert With(string detail)
        {
            var a = AlertBuilder.Make("a", "bob", noon, "brute_force", ip: "1.2.3.4");
            return a with { Fields = [.. a.Fields, new("detail", detail)] };
        }

        Assert.Equal(Deduplicator.Key(With("45 failed logins in 3 minutes")), Deduplicator.Key(With("7 failed logins in 120 minutes")));
        Assert.NotEqual(Deduplicator.Key(With("45 failed logins in 3 minutes")), Deduplicator.Key(With("45 failed logins in 3 hours")));
        Assert.NotEqual(Deduplicator.Key(With("45 failed logins")), Deduplicator.Key(With("45 failed logins ")));
    }

    [Fact]
    public void A_long_array_written_in_blocks_reads_back_whole_and_in_order()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("verdict-json-").FullName, "briefs.json");
        var reason = new string('x', 2000);
        using (var writer = new JsonArrayWriter<BriefEntry>(path, VerdictJson.Default.BriefEntry))
        {
            for (var i = 0; i < 1000; i++) writer.Write(new BriefEntry { AlertId = $"A-{i}", Source = new SourceEntry("alerts.csv", i + 2), Error = reason });
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(1000, doc.RootElement.GetArrayLength());
        Assert.Equal("A-999", doc.RootElement[999].GetProperty("alert_id").GetString());
        Assert.EndsWith("]\n", text, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
