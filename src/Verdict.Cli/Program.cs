using Spectre.Console;
using Verdict.Cli;

return await VerdictApp.RunAsync(args, AnsiConsole.Console, TimeProvider.System, Console.OpenStandardInput);
