using System.CommandLine;
using Spectre.Console;
using Verdict.Server.Security;

namespace Verdict.Cli.Commands;

/// <summary>`verdict keys create --role reader|analyst|admin [--name N]`: prints a new API key once; only its hash is stored.</summary>
public static class KeysCommand
{
    public static Command Create(CliServices services)
    {
        var role = new Option<string>("--role") { Description = "reader (read cases, accuracy, metrics), analyst (also send alerts and feedback) or admin", Required = true };
        role.AcceptOnlyFromAmong("reader", "analyst", "admin");
        var name = new Option<string?>("--name") { Description = "Who or what uses the key (shown in the audit log instead of the key)" };
        var store = new StoreOptions();
        var create = new Command("create", "Create an API key and print it once.") { role, name };
        store.AddTo(create);
        create.SetAction(async (parse, cancellationToken) =>
        {
            if (store.Open(parse, services) is not { } opened) return ExitCodes.Usage;
            await opened.MigrateAsync(cancellationToken);
            var key = ApiKeys.NewKey();
            var id = await opened.AddApiKeyAsync(ApiKeys.Hash(key), parse.GetValue(role)!, parse.GetValue(name), services.Time.GetUtcNow(), cancellationToken);
            services.Console.MarkupLineInterpolated($"Created key {id} with role {parse.GetValue(role)} in {opened.Describe()}. It is shown only now:");
            services.Console.WriteLine(key);
            return ExitCodes.Ok;
        });
        var command = new Command("keys", "API keys for verdict serve.");
        command.Subcommands.Add(create);
        return command;
    }
}
