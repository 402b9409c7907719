using System.CommandLine;
using Spectre.Console;
using Verdict.Attack;
using Verdict.Cli.Output;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict attack show ID [--attack-data PATH]`: one technique as MITRE describes it. Exit codes: 0 shown (a revoked
/// ID shows its replacement); 1 no ATT&CK data could be read; 2 the ID is malformed or not in the data.
/// </summary>
public static class AttackShowCommand
{
    public static Command Create(CliServices services)
    {
        var id = new Argument<string>("ID") { Description = "Technique or sub-technique ID, e.g. T1059 or T1059.001" };
        var command = new Command("show", "Show a technique: tactics, platforms, description, detection, mitigations, procedure examples.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var requested = parse.GetValue(id)!;
            if (!AttackIds.TryNormalizeTechniqueId(requested, out _))
            {
                // Checked before loading: a typo should not cost a download.
                console.MarkupLineInterpolated($"[red]error:[/] {AttackIds.InvalidIdMessage(requested)}");
                return ExitCodes.Usage;
            }
            if (await AttackCommand.LoadKnowledgeBaseAsync(parse, services, cancellationToken) is not { } kb) return ExitCodes.NothingRead;

            var lookup = kb.Lookup(requested);
            if (lookup.Technique is null)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {lookup.Message}");
                return ExitCodes.Usage;
            }
            if (lookup.Status == LookupStatus.Revoked) console.MarkupLineInterpolated($"[yellow]{lookup.Message}[/]");
            TechniqueView.Write(console, kb, lookup.Technique);
            return ExitCodes.Ok;
        });
        return command;
    }
}
