using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Reporting.Notifications;

/// <summary>
/// What a notification says about one escalated alert, scannable at a glance: classification emoji, a one-line TL;DR,
/// the key evidence and the questions for the analyst. All text here may come from the alert: each format escapes it.
/// </summary>
public sealed record Escalation(string AlertId, Classification Classification, Severity Severity, Decision Decision, string Tldr,
    IReadOnlyList<string> KeyEvidence, IReadOnlyList<string> Questions, string Rule, string? User, string? Host, DateTimeOffset? Time,
    IReadOnlyList<string> Techniques)
{
    public string Emoji => Classification switch
    {
        Classification.Malicious => "🔴",
        Classification.Suspicious => "🟠",
        _ => "🟢",
    };

    public string Title => $"{Emoji} {Classification.ToString().ToUpperInvariant()} · {Severity.Word()} · {Rule}";

    public static Escalation From(AlertOutcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var (alert, a, d) = (o.Alert!, o.Assessment!, o.Decision!);
        var key = a.Evidence.Where(e => e.Supports == Leaning.Malicious).OrderByDescending(e => e.Weight).Take(3).Select(e => Clip(e.Description, 300)).ToList();
        if (key.Count == 0) key = [.. a.Evidence.Where(e => e.Supports != Leaning.Context).Take(3).Select(e => Clip(e.Description, 300))];
        return new Escalation(alert.Id, a.Classification, a.Severity, d.Decision, Clip(FirstSentence(a.LikelyCause), 240), key,
            [.. a.Questions.Take(3).Select(q => Clip(q, 300))], Clip(alert.Rule, 150), alert.User, alert.Host, alert.Time,
            [.. a.Techniques.Select(t => $"{t.Id} {t.Name}")]);
    }

    /// <summary>Escalations worth a message: escalated, at or above the minimum severity.</summary>
    public static IEnumerable<Escalation> Select(TriageResult result, Severity minimum) =>
        result.Alerts.Where(o => o.Decision?.Decision == Decision.Escalate && o.Assessment!.Severity >= minimum).Select(From);

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text.Trim() : text[..(end + 1)].Trim();
    }

    internal static string Clip(string text, int max)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
