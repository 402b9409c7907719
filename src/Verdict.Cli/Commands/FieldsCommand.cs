using System.CommandLine;
using Spectre.Console;
using Verdict.Ingest;
using Verdict.Pipeline;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict fields FILE [--mapping F] [--records N]`: how each field of the first N records of a CSV or JSON input is
/// understood: the canonical field it feeds (or kept as a raw field), whether by a built-in alias, the mapping file or a
/// guess of the generic reader (marked "(guessed)", and listed as "rule &lt;- detection.title (guessed)"), and an example value. Exit codes: 0 shown; 1 the file could not be read; 2 the mapping file is wrong.
/// </summary>
public static class FieldsCommand
{
    public static Command Create(CliServices services)
    {
        var file = new Argument<string>("FILE") { Description = "An alert file (CSV or JSON, gzip too); - reads standard input" };
        var mappingOption = MappingOption();
        var records = new Option<int>("--records", "-n") { Description = "How many records to read", DefaultValueFactory = _ => 100 };
        var command = new Command("fields", "Show how each field of an alert file is understood: canonical field, how it was recognised, an example value.")
        {
            file, mappingOption, records,
        };
        command.SetAction(parse =>
        {
            var console = services.Console;
            if (!TryLoadMapping(parse.GetValue(mappingOption), console, out var mapping)) return ExitCodes.Usage;
            var path = parse.GetValue(file)!;
            if (InputFiles.Unreadable(path) is { } error)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error}");
                return ExitCodes.NothingRead;
            }
            using var opened = InputSniff.TryOpen(path, services.Stdin, out var problem);
            if (opened is null || (problem = InputSniff.Binary(opened) is { } binary ? $"this looks like {binary}, not CSV or JSON alerts" : null) is not null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {InputFiles.Name(path)}: {problem}");
                return ExitCodes.NothingRead;
            }
            using var stream = InputSniff.AsUtf8(opened);
            var survey = FieldSurvey.Read(stream, InputFiles.Name(path), InputFiles.IsJson(path, stream), mapping, Math.Max(1, parse.GetValue(records)));
            Write(console, survey, InputFiles.Name(path));
            return survey.Fields.Count == 0 ? ExitCodes.NothingRead : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The `--mapping` option triage, eval and fields share.</summary>
    public static Option<string?> MappingOption() =>
        new("--mapping") { Description = "Field mapping (YAML): fields: { \"source.name\": canonical_field } wins over the built-in aliases" };

    /// <summary>Loads a mapping file (none: <see cref="FieldMapping.Empty"/>); false after printing every error with its line.</summary>
    public static bool TryLoadMapping(string? path, IAnsiConsole console, out FieldMapping mapping)
    {
        mapping = FieldMapping.Empty;
        if (path is null) return true;
        var (loaded, errors) = FieldMapping.Load(path);
        foreach (var error in errors) console.MarkupLineInterpolated($"[red]error:[/] {error}");
        if (loaded is null) return false;
        mapping = loaded;
        return true;
    }

    private static void Write(IAnsiConsole console, FieldSurveyResult survey, string name)
    {
        console.MarkupLineInterpolated($"[bold]{name}[/]: {survey.Format}, {survey.Records} record(s) read, {survey.Fields.Count} field(s)");
        var table = new Table().AddColumns("Source field", "Canonical field", "Recognised by", "Example");
        foreach (var f in survey.Fields)
        {
            var canonical = f.Field is { } field
                ? FieldNames.SnakeName(field) + (f.ReadFirst is null ? "" : $" (unused: '{f.ReadFirst}' is read first)")
                : f.Guessed is { } guessed ? $"{FieldNames.SnakeName(guessed)} (guessed)" : "kept as raw field";
            var how = f.Origin switch
            {
                FieldOrigin.MappingFile => "mapping file", FieldOrigin.BuiltInAlias => "built-in alias",
                _ when f.Guessed is not null => $"guessed from name and value ({f.GuessedIn} of {survey.Records})", _ => "-",
            };
            table.AddRow(new Text(f.Name), new Text(canonical), new Text(how), new Text(Example(f.Example)));
        }
        console.Write(table);
        // Guesses, one line each: what the generic reader took for a field no known name gave (a mapping file makes it sure).
        foreach (var f in survey.Fields.Where(f => f.Field is null && f.Guessed is not null))
        {
            var some = f.GuessedIn < survey.Records ? $", in {f.GuessedIn} of {survey.Records} records" : "";
            console.WriteLine($"{FieldNames.SnakeName(f.Guessed!.Value)} <- {f.Name} (guessed{some})");
        }
        foreach (var error in survey.Errors.Take(10)) console.MarkupLineInterpolated($"[yellow]record skipped:[/] {error}");
    }

    /// <summary>Control characters escaped (\n, \t, \u0001), clipped to 60 characters.</summary>
    private static string Example(string value)
    {
        var escaped = string.Concat(value.Select(ch => ch switch
        {
            '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
            _ when char.IsControl(ch) => $"\\u{(int)ch:x4}",
            _ => ch.ToString(),
        }));
        return escaped.Length <= 60 ? escaped : escaped[..57] + "...";
    }
}
