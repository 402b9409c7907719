using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verdict.Correlation;
using Verdict.Correlation.Suppression;

namespace Verdict.Cli.Commands;

/// <summary>
/// The pre-filter and correlation options of `triage` and `eval`: `--suppressions F.yaml`, `--dedup-window DURATION`
/// and `--flood-cap N`. Grouping itself is turned off with `--per-alert`.
/// </summary>
public sealed class CorrelationCliOptions
{
    public Option<string?> Suppressions { get; } = new("--suppressions")
    {
        Description = "Suppression rules (YAML): alerts they match are closed without analysis, each rule with id, owner, reason and expiry",
    };

    public Option<string> DedupWindow { get; } = new("--dedup-window")
    {
        Description = "Fold repeats (same rule and entities) within this time of the first into one triage: 30m, 1h, 2d; 0 turns folding off",
        DefaultValueFactory = _ => "1h",
    };

    public Option<int> FloodCap { get; } = new("--flood-cap")
    {
        Description = "More alerts of one rule than this within 10 minutes collapse into one overflow incident; 0 turns the cap off",
        DefaultValueFactory = _ => new FloodOptions().Threshold,
    };

    public CorrelationCliOptions()
    {
        DedupWindow.Validators.Add(r =>
        {
            if (TryDuration(r.GetValueOrDefault<string>(), out _) is false) r.AddError($"--dedup-window: '{r.GetValueOrDefault<string>()}' is not a duration like 30m, 1h or 2d");
        });
        FloodCap.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--flood-cap must be 0 or more");
        });
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Suppressions);
        command.Options.Add(DedupWindow);
        command.Options.Add(FloodCap);
    }

    /// <summary>The run's correlation options, or null after printing every mistake in the suppression file (file:line). Expired rules are reported, not applied.</summary>
    internal CorrelationOptions? Load(ParseResult parse, CliServices services)
    {
        var console = services.Console;
        TryDuration(parse.GetValue(DedupWindow), out var window);
        var options = new CorrelationOptions { DedupWindow = window, Flood = new FloodOptions { Threshold = parse.GetValue(FloodCap) } };
        if (parse.GetValue(Suppressions) is not { } path) return options;
        var loaded = SuppressionLoader.Load(path);
        foreach (var error in loaded.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error}");
        if (loaded.Errors.Count > 0) return null;
        var rules = new Suppressions(loaded.Rules, services.Time.GetUtcNow());
        foreach (var expired in rules.Expired) console.MarkupLineInterpolated($"[yellow]warning:[/] {Verdict.Correlation.Suppression.Suppressions.Warning(expired)}");
        console.MarkupLineInterpolated($"Suppressions: {rules.Active.Count} active rule(s) from {path}");
        return options with { Suppressions = rules };
    }

    /// <summary>"0", "90s", "30m", "1h", "2d", or a TimeSpan ("01:30:00").</summary>
    internal static bool TryDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text)) return false;
        if (text == "0") return true;
        var unit = text[^1] switch { 's' => TimeSpan.FromSeconds(1), 'm' => TimeSpan.FromMinutes(1), 'h' => TimeSpan.FromHours(1), 'd' => TimeSpan.FromDays(1), _ => TimeSpan.Zero };
        if (unit > TimeSpan.Zero && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            duration = unit * n;
            return true;
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }
}
