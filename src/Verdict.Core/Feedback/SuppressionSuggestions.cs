using System.Globalization;
using System.Text;
using Verdict.Analysis;

namespace Verdict.Feedback;

/// <summary>A suppression a person may adopt: alerts of a rule about these entities have been benign every time.</summary>
public sealed record SuppressionSuggestion(string Rule, IReadOnlyList<string> Match, IReadOnlyList<string> AlertIds, int RuleVerdicts, IReadOnlyList<string> Notes);

/// <summary>
/// Suggests suppressions from feedback: for each rule, the entities that appear in at least <c>minVerdicts</c> BENIGN
/// verdicts and in no MALICIOUS verdict of that rule. Entities backed by the same alerts become one match (all must
/// hold). Written as YAML with owner, reason and expiry left for a person: nothing is suppressed until someone adopts it.
/// </summary>
public static class SuppressionSuggestions
{
    public static List<SuppressionSuggestion> Find(IEnumerable<FeedbackRecord> records, int minVerdicts = 3)
    {
        var suggestions = new List<SuppressionSuggestion>();
        foreach (var rule in records.Where(r => r.Rule is not null).GroupBy(r => r.Rule!.Trim(), StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var tainted = rule.Where(r => r.Verdict == Classification.Malicious).SelectMany(r => r.Entities).ToHashSet(StringComparer.Ordinal);
            var benign = rule.Where(r => r.Verdict == Classification.Benign).ToList();
            var support = benign.SelectMany(r => r.Entities.Select(e => (Entity: e, r.AlertId)))
                .Where(x => !tainted.Contains(x.Entity))
                .GroupBy(x => x.Entity, StringComparer.Ordinal)
                .Select(g => (Entity: g.Key, Alerts: g.Select(x => x.AlertId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
                .Where(x => x.Alerts.Count >= minVerdicts);
            foreach (var same in support.GroupBy(x => string.Join(',', x.Alerts), StringComparer.Ordinal).OrderByDescending(g => g.First().Alerts.Count))
            {
                var alerts = same.First().Alerts;
                var notes = benign.Where(r => alerts.Contains(r.AlertId) && !string.IsNullOrWhiteSpace(r.Note)).Select(r => r.Note!.Trim()).Distinct().Take(3).ToList();
                suggestions.Add(new(rule.Key, [.. same.Select(x => x.Entity).Order(StringComparer.Ordinal)], alerts, rule.Count(), notes));
            }
        }
        return suggestions;
    }

    public static string ToYaml(IReadOnlyList<SuppressionSuggestion> suggestions, int verdicts, DateTimeOffset now)
    {
        var yaml = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        yaml.AppendLine(c, $"# Suggested by `verdict feedback suggest` from {verdicts} analyst verdict(s) on {now:yyyy-MM-dd}.");
        yaml.AppendLine("# Review each one: fill in owner and reason, keep the expiry short. Nothing is suppressed until a person adopts it.");
        if (suggestions.Count == 0)
        {
            yaml.AppendLine("suppressions: []");
            return yaml.ToString();
        }
        yaml.AppendLine("suppressions:");
        foreach (var s in suggestions)
        {
            yaml.AppendLine(c, $"  - rule: {Quote(s.Rule)}");
            yaml.AppendLine("    match:");
            foreach (var kind in s.Match.Select(EntityKey.Split).GroupBy(m => m.Kind, StringComparer.Ordinal))
            {
                var values = kind.Select(m => Quote(m.Value)).ToList();
                yaml.AppendLine(c, $"      {kind.Key}: {(values.Count == 1 ? values[0] : $"[{string.Join(", ", values)}]")}");
            }
            yaml.AppendLine("    owner: \"TODO: the team or person who answers for this suppression\"");
            yaml.AppendLine(c, $"    reason: {Quote("TODO: why this activity is expected" + (s.Notes.Count > 0 ? $" (analysts noted: {string.Join("; ", s.Notes)})" : ""))}");
            yaml.AppendLine(c, $"    expires: \"{now.AddDays(90):yyyy-MM-dd}\"  # TODO: a review date");
            yaml.AppendLine(c, $"    evidence: {Quote($"analysts closed {s.AlertIds.Count} of {s.RuleVerdicts} verdicts on this rule as benign for these entities: {string.Join(", ", s.AlertIds.Take(10))}{(s.AlertIds.Count > 10 ? ", ..." : "")}")}");
        }
        return yaml.ToString();
    }

    /// <summary>A double-quoted YAML scalar: backslashes, quotes and control characters escaped, so alert content cannot break out.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) => $"\\u{(int)ch:x4}",
                _ => ch.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
