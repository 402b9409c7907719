using Spectre.Console;
using Verdict.Cli;

return await VerdictApp.RunAsync(args, new CliServices(AnsiConsole.Console, TimeProvider.System, Console.OpenStandardInput) { Error = Console.Error });
