using System.CommandLine;
using Spectre.Console;
using Verdict.Cli.Commands;

namespace Verdict.Cli;

/// <summary>Exit codes, as DESIGN.md's contract says.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Nothing could be read.</summary>
    public const int NothingRead = 1;
    /// <summary>The command line or a configuration file was wrong.</summary>
    public const int Usage = 2;
    /// <summary>eval: a labeled attack was auto-closed.</summary>
    public const int MissedAttack = 3;
    /// <summary>An internal failure (a bug): reported in one line, never as a stack trace.</summary>
    public const int Internal = 70;
}

/// <summary>The services a command needs, injected so tests can use a test console and a fake clock.</summary>
public sealed record CliServices(IAnsiConsole Console, TimeProvider Time, Func<Stream> Stdin)
{
    /// <summary>Reads an environment variable; tests pass their own instead of changing the process's.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Standard error, for notes that must not mix with machine-readable output (JSON lines) on standard output.</summary>
    public TextWriter Error { get; init; } = TextWriter.Null;
}

/// <summary>Builds the `verdict` command tree and runs it.</summary>
public static class VerdictApp
{
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, TimeProvider time, Func<Stream> stdin, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliServices(console, time, stdin), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var console = services.Console;
        var root = new RootCommand("Verdict triages security alerts: evidence, hypotheses and one decision per alert (escalate, monitor or close).");
        root.Subcommands.Add(TriageCommand.Create(services));
        root.Subcommands.Add(EvalCommand.Create(services));
        root.Subcommands.Add(DemoCommand.Create(services));
        root.Subcommands.Add(AttackCommand.Create(services));
        root.Subcommands.Add(LogsCommand.Create(services));
        root.Subcommands.Add(FieldsCommand.Create(services));
        root.Subcommands.Add(ServeCommand.Create(services));
        root.Subcommands.Add(KeysCommand.Create(services));
        root.Subcommands.Add(WatchCommand.Create(services));
        root.Subcommands.Add(FeedbackCommand.Create(services));
        root.Subcommands.Add(McpCommand.Create(services));

        var parsed = root.Parse(args);
        using var output = new StringWriter();
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.MarkupLine("Run [bold]verdict --help[/] (or [bold]verdict COMMAND --help[/]) for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.NothingRead;
        }
        catch (UnauthorizedAccessException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.NothingRead;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not bad input (bad input becomes error entries): one line, never a stack trace.
            console.MarkupLineInterpolated($"[red]internal error:[/] {e.GetType().Name}: {e.Message}");
            return ExitCodes.Internal;
        }
        finally
        {
            if (output.GetStringBuilder().Length > 0) console.Write(new Text(output.ToString()));
        }
    }
}
