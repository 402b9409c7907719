using Spectre.Console;
using Verdict.Analysis;
using Verdict.Feedback;
using Verdict.Pipeline;
using Verdict.Storage;
using Verdict.Storage.Feedback;

namespace Verdict.Cli.Commands;

/// <summary>Triage's `--feedback on|off|auto`: applies analysts' recorded verdicts (auto: whenever the store has some).</summary>
internal static class FeedbackSetup
{
    public static async Task<TriageResult> ApplyAsync(string mode, TriageResult result, CliServices services, CancellationToken cancellationToken)
    {
        if (await LoadAsync(mode, services, cancellationToken) is not { } learning) return result;
        var learned = FeedbackStep.Apply(result, learning, new AnalystOptions());
        var changed = learned.Alerts.Zip(result.Alerts).Count(p => p.First.Assessment?.Classification != p.Second.Assessment?.Classification);
        services.Console.MarkupLineInterpolated($"Feedback: {learning.Count} analyst verdict(s) from {StorePaths.DefaultDatabaseFile(services.Environment)}; {changed} alert(s) changed classification (see 'analyst feedback' evidence)");
        return learned;
    }

    /// <summary>What analysts' recorded verdicts teach, or null when feedback is off or there is none (after saying why, when it matters).</summary>
    public static async Task<FeedbackLearning?> LoadAsync(string mode, CliServices services, CancellationToken cancellationToken)
    {
        if (mode.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        var database = StorePaths.DefaultDatabaseFile(services.Environment);
        IReadOnlyList<FeedbackRecord> records;
        try
        {
            records = await SqliteFeedbackStore.ReadIfExistsAsync(database, cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // Feedback improves a run; an unreadable store must not stop one.
            services.Console.MarkupLineInterpolated($"[yellow]Feedback: not used, the store {database} could not be read: {e.Message}[/]");
            return null;
        }
        if (records.Count == 0)
        {
            if (mode.Equals("on", StringComparison.OrdinalIgnoreCase)) services.Console.MarkupLineInterpolated($"[yellow]Feedback: no analyst verdicts recorded in {database} yet[/]");
            return null;
        }
        return new FeedbackLearning(records);
    }
}
