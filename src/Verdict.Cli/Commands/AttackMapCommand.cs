using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Verdict.Attack;
using Verdict.Attack.Mapping;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict attack map --text "..."` (a readable table) or `verdict attack map --input F.jsonl --field NAME [--top K]`
/// (one JSON object a line: {"id": ..., "techniques": [{"id", "name", "score"}]}, the contract in DESIGN.md).
/// With --embeddings, lexical and semantic retrieval are fused (<see cref="SemanticRetrievalOptions"/>).
/// </summary>
public static class AttackMapCommand
{
    public static Command Create(CliServices services)
    {
        var text = new Option<string?>("--text") { Description = "Map one piece of text: a command line, an alert title or description" };
        var input = new Option<string?>("--input") { Description = "JSON-lines file to map, one record a line" };
        var field = new Option<string?>("--field") { Description = "With --input: the field holding the text (dotted paths such as process.command_line work)" };
        var top = new Option<int>("--top") { Description = "How many techniques per record", DefaultValueFactory = _ => 5 };
        var semantic = new SemanticRetrievalOptions();
        var command = new Command("map", "Rank the ATT&CK techniques behind a command line or alert text.") { text, input, field, top };
        semantic.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var (one, file, name, k) = (parse.GetValue(text), parse.GetValue(input), parse.GetValue(field), parse.GetValue(top));
            if ((one is null) == (file is null) || (file is not null && string.IsNullOrWhiteSpace(name)) || k < 1)
            {
                console.MarkupLine("[red]error:[/] give either --text \"...\" or --input FILE --field NAME (and --top of at least 1)");
                return ExitCodes.Usage;
            }
            if (file is not null && !File.Exists(file))
            {
                console.MarkupLineInterpolated($"[red]error:[/] {file}: file not found");
                return ExitCodes.NothingRead;
            }
            if (!semantic.TryRead(parse, services, out var embeddings)) return ExitCodes.Usage;
            if (await AttackCommand.LoadKnowledgeBaseAsync(parse, services, cancellationToken) is not { } kb) return ExitCodes.NothingRead;
            // Notes go beside the output: to the console for the table, to standard error for JSON lines.
            Action<string> note = one is not null ? n => console.MarkupLineInterpolated($"[grey]{n}[/]") : services.Error.WriteLine;
            using var session = await SemanticRetrievalOptions.CreateSessionAsync(embeddings, kb, services, note, cancellationToken);
            if (one is not null)
            {
                PrintTable(console, one, await session.Mapper.MapAsync(MappingInput.FromText(one), k, cancellationToken), new CommandLineView(one));
                session.Finish(1);
                return ExitCodes.Ok;
            }
            var output = console.Profile.Out.Writer;
            var (lineNumber, records) = (0, 0);
            foreach (var line in File.ReadLines(file!))
            {
                lineNumber++;
                if (line.Trim().Length == 0) continue;
                records++;
                output.WriteLine((await MapLineAsync(line, lineNumber, name!, k, session.Mapper, cancellationToken)).ToJsonString());
            }
            output.Flush();
            session.Finish(records);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One output object per input line; a line that cannot be read says why and keeps its place.</summary>
    internal static async Task<JsonObject> MapLineAsync(string line, int lineNumber, string field, int top, TechniqueMapper mapper, CancellationToken cancellationToken)
    {
        JsonNode? record;
        try
        {
            record = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            return new JsonObject { ["id"] = lineNumber, ["techniques"] = new JsonArray(), ["error"] = $"line {lineNumber}: not valid JSON ({e.Message})" };
        }
        var id = record?["id"]?.DeepClone() ?? JsonValue.Create(lineNumber);
        var value = field.Split('.').Aggregate(record, (node, part) => node is JsonObject o ? o[part] : null);
        var textValue = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
        var techniques = new JsonArray();
        if (textValue.Trim().Length > 0)
        {
            foreach (var t in await mapper.MapAsync(MappingInput.FromText(textValue), top, cancellationToken))
            {
                techniques.Add(new JsonObject { ["id"] = t.Id, ["name"] = t.Name, ["score"] = t.Score });
            }
        }
        var result = new JsonObject { ["id"] = id, ["techniques"] = techniques };
        if (value is null) result["error"] = $"line {lineNumber}: no field '{field}'";
        return result;
    }

    private static void PrintTable(IAnsiConsole console, string text, IReadOnlyList<MappedTechnique> ranked, CommandLineView view)
    {
        if (text.Trim().Length == 0)
        {
            console.MarkupLine("[yellow]Empty text: nothing to map.[/]");
            return;
        }
        foreach (var decoded in view.Decoded) console.MarkupLineInterpolated($"[grey]decoded:[/] {decoded}");
        var table = new Table().AddColumns("#", "Technique", "Name", "Score", "Signals");
        var rank = 0;
        foreach (var t in ranked)
        {
            table.AddRow(new Text((++rank).ToString()), new Text(t.Id), new Text(t.Name), new Text(t.Score.ToString("0.00")), new Text(string.Join("; ", t.Signals)));
        }
        if (ranked.Count == 0) console.MarkupLine("[yellow]No technique matched.[/]");
        else console.Write(table);
        console.MarkupLineInterpolated($"[grey]{AttackCopyright.Line}[/]");
    }
}
