using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Tests.Support;

namespace Verdict.Tests.Properties;

/// <summary>
/// Random alert files (see <see cref="RandomAlertFiles"/>) through ingest, triage and the report writer: as many
/// entries in investigation_briefs.json as records in the file, in input order, each a brief or an error naming the
/// file and the line the record starts on. FsCheck shrinks a failing file to a small one and prints it.
/// </summary>
public sealed class OneInOneOutProperties
{
    private static readonly Config Settings = Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true);

    [Fact]
    public void Every_record_of_a_random_CSV_file_gives_exactly_one_entry() => Check(RandomAlertFiles.Csv);

    [Fact]
    public void Every_record_of_a_random_NDJSON_file_gives_exactly_one_entry() => Check(RandomAlertFiles.Ndjson);

    [Fact]
    public void Every_object_of_a_random_JSON_array_gives_exactly_one_entry() => Check(RandomAlertFiles.JsonArray);

    private static void Check(Gen<AlertFile> files) =>
        FsCheck.Check.One(Settings, Prop.ForAll(files.ToArbitrary(), file => OneInOneOut(file)));

    private static void OneInOneOut(AlertFile file)
    {
        using var temp = new TempDirectory();
        var path = temp.File(file.Name);
        File.WriteAllText(path, file.Text);
        var context = EnvironmentContext.Default;
        var records = InputFiles.ReadAlerts(path, context, () => Stream.Null);
        var result = new TriageRun(context, new LogStore(), new OfflineAnalyst(new AnalystOptions()), new FakeTimeProvider(TriageHelper.Now)).Run(records, []);
        var written = ReportWriter.Write(result, context, temp.File("out"));

        var entries = JsonDocument.Parse(File.ReadAllBytes(written.BriefsPath)).RootElement.EnumerateArray().ToList();
        Assert.Equal(file.RecordLines.Count, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var source = entry.GetProperty("source");
            Assert.Equal(path, source.GetProperty("file").GetString());
            Assert.Equal(file.RecordLines[i], source.GetProperty("line").GetInt64());
            var isError = entry.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String;
            Assert.True(isError ? !string.IsNullOrWhiteSpace(error.GetString()) : entry.TryGetProperty("decision", out _), entry.ToString());
        }
    }
}
