using System.CommandLine;
using Spectre.Console;
using Verdict.Attack.Mapping;
using Verdict.Evaluation;

namespace Verdict.Cli.Commands;

/// <summary>`verdict eval attack [--devsets DIR] [--embeddings PROVIDER:MODEL]`: top-1/top-5 technique accuracy on the ATT&CK dev sets.</summary>
public static class EvalAttackCommand
{
    public static Command Create(CliServices services)
    {
        var attackData = new Option<string?>(AttackCommand.AttackDataOption) { Description = "ATT&CK STIX bundle (.json or .json.gz); default as for `verdict attack`" };
        var devsets = new Option<string?>("--devsets") { Description = "Folder with sigma-regression.jsonl and sigma-rules.jsonl (default: $VERDICT_SHARED_DIR/devsets)" };
        var commandLines = new Option<string?>("--command-lines") { Description = "Also score a JSON-lines file of labeled command lines ({id, command_line, techniques})" };
        var semantic = new SemanticRetrievalOptions();
        var command = new Command("attack", "Measure technique mapping on labeled dev sets: top-1 and top-5 accuracy at parent and exact level.") { devsets, commandLines, attackData };
        semantic.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var dir = parse.GetValue(devsets) ?? (services.Environment("VERDICT_SHARED_DIR") is { Length: > 0 } shared ? Path.Combine(shared, "devsets") : null);
            if (dir is null || !Directory.Exists(dir))
            {
                console.MarkupLineInterpolated($"[red]error:[/] dev sets not found ({dir ?? "no --devsets and VERDICT_SHARED_DIR unset"})");
                return ExitCodes.Usage;
            }
            if (!semantic.TryRead(parse, services, out var embeddings)) return ExitCodes.Usage;
            if (await AttackCommand.LoadKnowledgeBaseAsync(parse, services, cancellationToken) is not { } kb) return ExitCodes.NothingRead;
            using var session = await SemanticRetrievalOptions.CreateSessionAsync(embeddings, kb, services, n => console.MarkupLineInterpolated($"[grey]{n}[/]"), cancellationToken);
            var mapper = session.Mapper;
            mapper.Map(MappingInput.FromText("warm-up")); // compile the rule patterns before timing
            var table = new Table().Title("ATT&CK mapping on the dev sets").AddColumns("Set", "Examples", "Top-1 parent", "Top-5 parent", "Top-1 exact", "Top-5 exact", "ms/example");
            var sets = new List<(string Name, IEnumerable<AttackExample> Examples)>();
            foreach (var (file, read) in new (string File, Func<string, IEnumerable<AttackExample>> Read)[]
            {
                ("sigma-regression.jsonl", AttackDevSet.ReadSysmon),
                ("sigma-rules.jsonl", AttackDevSet.ReadRules),
            })
            {
                var path = Path.Combine(dir, file);
                if (File.Exists(path)) sets.Add((file, read(path)));
            }
            if (parse.GetValue(commandLines) is { } extra) sets.Add((Path.GetFileName(extra), AttackDevSet.ReadCommandLines(extra)));
            var examples = 0;
            foreach (var (name, set) in sets)
            {
                var s = await AttackEvaluation.ScoreAsync(name, set, mapper, cancellationToken);
                examples += s.Examples;
                table.AddRow(s.Name, s.Examples.ToString(), $"{s.Top1Parent:P1}", $"{s.Top5Parent:P1}", $"{s.Top1Exact:P1}", $"{s.Top5Exact:P1}", $"{s.MillisecondsPerExample:F3}");
            }
            session.Finish(examples);
            console.Write(table);
            console.MarkupLine("[grey]These are dev sets: a separate held-out set measures the product.[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
