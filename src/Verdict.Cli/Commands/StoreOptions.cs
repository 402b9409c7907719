using System.CommandLine;
using Spectre.Console;
using Verdict.Storage.Service;

namespace Verdict.Cli.Commands;

/// <summary>`--store sqlite|postgres --connection ...`, shared by serve and keys. The connection string is never printed.</summary>
public sealed class StoreOptions
{
    public const string ConnectionVariable = "VERDICT_STORE_CONNECTION";

    public Option<string> Store { get; } = new("--store") { Description = "sqlite (default: a file in the data folder) or postgres", DefaultValueFactory = _ => "sqlite" };
    public Option<string?> Connection { get; } = new("--connection") { Description = $"SQLite file, or PostgreSQL connection string (default: ${ConnectionVariable})" };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Connection);
    }

    public VerdictStore? Open(ParseResult parse, CliServices services)
    {
        var connection = parse.GetValue(Connection) ?? services.Environment(ConnectionVariable);
        var (store, error) = StoreFactory.Create(parse.GetValue(Store)!, connection, services.Environment);
        if (error is not null) services.Console.MarkupLineInterpolated($"[red]error:[/] {error}");
        return store;
    }
}
