using System.CommandLine;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Storage.Logs;

namespace Verdict.Cli.Commands;

/// <summary>
/// `--baselines memory|duckdb`: where per-user baselines are computed. <c>memory</c> (default) walks each user's events
/// in the in-memory store; <c>duckdb</c> copies the loaded events into the embedded DuckDB log store and aggregates
/// there. Both give the same baselines (a parity test holds them together); the windows around alerts and the
/// timelines still come from memory.
/// </summary>
public sealed class BaselineCliOptions
{
    public Option<string> Source { get; } = new("--baselines")
    {
        Description = "Where per-user baselines are computed: memory (default) or duckdb (the embedded log store; same results)",
        DefaultValueFactory = _ => "memory",
    };

    public BaselineCliOptions() => Source.AcceptOnlyFromAmong("memory", "duckdb");

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Source);
    }

    /// <summary>The baseline source asked for (null: in memory) and the store to dispose after the run.</summary>
    internal (IUserBaselineSource? Source, IDisposable? Store) Open(ParseResult parse, LogStore logs)
    {
        if (parse.GetValue(Source) != "duckdb") return (null, null);
        var store = DuckLogStore.Create(logs.All);
        return (new DuckBaselineSource(store), store);
    }
}
