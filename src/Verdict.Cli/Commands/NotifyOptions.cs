using System.CommandLine;
using Spectre.Console;
using Verdict.Alerts;
using Verdict.Integrations.Notify;
using Verdict.Pipeline;
using Verdict.Reporting.Notifications;

namespace Verdict.Cli.Commands;

/// <summary>
/// `triage --notify slack=URL|teams=URL|webhook=URL|jira=URL|thehive=URL --notify-min-severity HIGH`: posts escalations
/// at or above the severity. Auto-closed and monitored alerts are never posted. A failed delivery is reported and never
/// fails triage; URLs are secrets, shown only as scheme and host.
/// </summary>
internal sealed class NotifyOptions
{
    /// <summary>A target that failed this many deliveries in a row is not tried again in the run (retries must not stall triage).</summary>
    private const int GiveUpAfter = 3;

    private readonly Option<string[]> targets = new("--notify") { Description = "Post escalations: slack=URL, teams=URL, webhook=URL (Verdict JSON), jira=URL or thehive=URL (repeatable)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string> minimum = new("--notify-min-severity") { Description = "Only escalations at or above this severity are posted", DefaultValueFactory = _ => "HIGH" };

    public void AddTo(Command command)
    {
        command.Options.Add(targets);
        command.Options.Add(minimum);
    }

    public bool TryRead(ParseResult parse, IAnsiConsole console, out List<NotifyTarget> read, out Severity min)
    {
        read = [];
        if (!SeverityText.TryParse(parse.GetValue(minimum)!, out min))
        {
            console.MarkupLineInterpolated($"[red]error:[/] --notify-min-severity: expected critical, high, medium, low or info");
            return false;
        }
        foreach (var text in parse.GetValue(targets) ?? [])
        {
            if (NotifyTarget.TryParse(text, out var error) is not { } target)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {error}");
                return false;
            }
            read.Add(target);
        }
        return true;
    }

    public static Task SendAsync(TriageResult result, IReadOnlyList<NotifyTarget> targets, Severity min, CliServices services, CancellationToken cancellationToken) =>
        SendAsync([.. Escalation.Select(result, min)], targets, min, services, cancellationToken);

    /// <summary>True for an alert a notification goes out for: escalated at or above the minimum severity, with somewhere to send it.</summary>
    public static bool Wants(AlertOutcome o, IReadOnlyList<NotifyTarget> targets, Severity min) =>
        targets.Count > 0 && o.Decision?.Decision == Policy.Decision.Escalate && o.Assessment!.Severity >= min;

    public static async Task SendAsync(IReadOnlyList<Escalation> escalations, IReadOnlyList<NotifyTarget> targets, Severity min, CliServices services, CancellationToken cancellationToken)
    {
        if (targets.Count == 0) return;
        using var http = new HttpClient();
        var sender = new WebhookSender(http, services.Time);
        foreach (var target in targets)
        {
            var (sent, failed) = (0, new List<string>());
            var inARow = 0;
            foreach (var escalation in escalations)
            {
                if (inARow >= GiveUpAfter)
                {
                    failed.Add($"{escalation.AlertId}: not tried, {target.Display} failed {GiveUpAfter} times in a row");
                    continue;
                }
                var delivery = await sender.SendAsync(target, target.Payload(escalation), cancellationToken);
                if (delivery.Sent)
                {
                    (sent, inARow) = (sent + 1, 0);
                    continue;
                }
                inARow++;
                failed.Add($"{escalation.AlertId}: {delivery.Error}");
            }
            services.Console.MarkupLineInterpolated($"Notifications to {target.Display}: {sent} of {escalations.Count} escalation(s) at {min.Word()} or above sent");
            foreach (var f in failed.Take(5)) services.Console.MarkupLineInterpolated($"[yellow]  not delivered: {f}[/]");
            if (failed.Count > 5) services.Console.MarkupLineInterpolated($"[yellow]  ... and {failed.Count - 5} more[/]");
        }
    }
}
