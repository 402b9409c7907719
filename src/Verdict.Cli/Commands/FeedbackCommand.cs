using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Verdict.Analysis;
using Verdict.Feedback;
using Verdict.Storage;
using Verdict.Storage.Feedback;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict feedback ALERT_ID --verdict BENIGN|SUSPICIOUS|MALICIOUS [--note] [--rule] [--from briefs.json]` records an
/// analyst's verdict in the store; `verdict feedback suggest` prints suppression rules the verdicts support, as YAML.
/// </summary>
public static class FeedbackCommand
{
    public static Command Create(CliServices services)
    {
        var alertId = new Argument<string>("ALERT_ID") { Description = "The alert's id, as in the brief" };
        var verdict = new Option<string>("--verdict") { Description = "The analyst's verdict: BENIGN, SUSPICIOUS or MALICIOUS", Required = true };
        verdict.AcceptOnlyFromAmong("BENIGN", "SUSPICIOUS", "MALICIOUS", "benign", "suspicious", "malicious");
        var note = new Option<string?>("--note") { Description = "Why (shown in later briefs as a similar past case)" };
        var rule = new Option<string?>("--rule") { Description = "The alert's rule (default: read from the brief)" };
        var from = new Option<string?>("--from") { Description = $"The briefs triage wrote (default: {FeedbackBrief.DefaultFile} when present)" };
        var analyst = new Option<string?>("--analyst") { Description = "Who gives the verdict (default: $USER)" };
        var command = new Command("feedback", "Record an analyst's verdict on an alert; later triage runs learn from it (per-rule prior, similar past cases) and `feedback suggest` proposes suppressions.");
        command.Arguments.Add(alertId);
        foreach (var o in new Option[] { verdict, note, rule, from, analyst }) command.Options.Add(o);
        command.Subcommands.Add(SuggestCommand(services));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = services.Console;
            var id = parse.GetValue(alertId)!.Trim();
            var briefs = parse.GetValue(from) ?? (File.Exists(FeedbackBrief.DefaultFile) ? FeedbackBrief.DefaultFile : null);
            FeedbackBrief? brief = null;
            if (briefs is not null)
            {
                if (!File.Exists(briefs))
                {
                    console.MarkupLineInterpolated($"[red]error:[/] {briefs}: briefs file not found");
                    return ExitCodes.Usage;
                }
                try
                {
                    brief = FeedbackBrief.Find(briefs, id);
                }
                catch (JsonException e)
                {
                    console.MarkupLineInterpolated($"[red]error:[/] {briefs}:{(e.LineNumber ?? 0) + 1}: not a briefs file ({e.Message.Split(" Path:")[0]})");
                    return ExitCodes.Usage;
                }
                if (brief is null) console.MarkupLineInterpolated($"[yellow]{id} is not in {briefs}: recorded without Verdict's view of it[/]");
            }
            var said = brief?.Said;
            var record = new FeedbackRecord(id, parse.GetValue(rule)?.Trim() ?? brief?.Rule, brief?.EntitiesKey ?? "",
                Enum.Parse<Classification>(parse.GetValue(verdict)!, ignoreCase: true), said is null ? null : said == Enum.Parse<Classification>(parse.GetValue(verdict)!, ignoreCase: true),
                parse.GetValue(note), parse.GetValue(analyst) ?? services.Environment("USER") ?? "analyst", services.Time.GetUtcNow());
            var database = StorePaths.DefaultDatabaseFile(services.Environment);
            await using var store = await SqliteFeedbackStore.OpenAsync(database, cancellationToken);
            await store.AddAsync(record, cancellationToken);
            var all = await store.ListAsync(cancellationToken);
            var agreement = record.Correct switch { true => "Verdict said the same", false => $"Verdict said {said.ToString()!.ToUpperInvariant()}", _ => "Verdict's brief not at hand" };
            console.MarkupLineInterpolated($"Recorded: {id} {record.Verdict.ToString().ToUpperInvariant()} by {record.Analyst} ({agreement}); rule {record.Rule ?? "unknown"}; {all.Count} verdict(s) in {database}");
            if (record.Rule is not null) console.MarkupLineInterpolated($"[grey]{RuleSummary(all, record.Rule)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SuggestCommand(CliServices services)
    {
        var min = new Option<int>("--min") { Description = "Benign verdicts an entity needs on a rule before a suppression is suggested", DefaultValueFactory = _ => 3 };
        var command = new Command("suggest", "Print suppression rules (YAML) that the recorded verdicts support; owner, reason and expiry are for a person to fill in.");
        command.Options.Add(min);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var records = await SqliteFeedbackStore.ReadIfExistsAsync(StorePaths.DefaultDatabaseFile(services.Environment), cancellationToken);
            var suggestions = SuppressionSuggestions.Find(records, Math.Max(1, parse.GetValue(min)));
            var output = services.Console.Profile.Out.Writer;
            output.Write(SuppressionSuggestions.ToYaml(suggestions, records.Count, services.Time.GetUtcNow()));
            output.Flush();
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What the verdicts on one rule now do to its alerts, in words.</summary>
    private static string RuleSummary(IReadOnlyList<FeedbackRecord> all, string rule)
    {
        var options = new FeedbackOptions();
        var mine = all.Where(r => string.Equals(r.Rule?.Trim(), rule, StringComparison.OrdinalIgnoreCase)).ToList();
        int benign = mine.Count(r => r.Verdict == Classification.Benign), malicious = mine.Count(r => r.Verdict == Classification.Malicious);
        var effect = malicious > 0 ? "no benign prior while any verdict on it is malicious"
            : benign >= options.MinBenignForPrior ? $"its alerts now get a benign prior of {Math.Min(options.MaxShift, options.ShiftPerVerdict * benign):0.0#} log-odds (never against strong evidence)"
            : $"a benign prior starts at {options.MinBenignForPrior} benign verdicts";
        return $"Rule '{rule}': {benign} benign, {malicious} malicious of {mine.Count} verdict(s): {effect}.";
    }
}
