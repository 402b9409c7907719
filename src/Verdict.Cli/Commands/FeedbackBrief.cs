using System.Text.Json;
using Verdict.Analysis;
using Verdict.Feedback;
using Verdict.Ingest;

namespace Verdict.Cli.Commands;

/// <summary>What `verdict feedback` needs from Verdict's brief of an alert: what it said, the rule, and the entities.</summary>
internal sealed record FeedbackBrief(Classification? Said, string? Rule, string EntitiesKey)
{
    public const string DefaultFile = "triage-out/investigation_briefs.json";

    /// <summary>The brief of <paramref name="alertId"/> in an investigation_briefs.json, null when it is not there. Throws JsonException on a file that is not briefs.</summary>
    public static FeedbackBrief? Find(string briefsFile, string alertId)
    {
        using var stream = File.OpenRead(briefsFile);
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("expected the array of briefs triage writes");
        foreach (var brief in document.RootElement.EnumerateArray())
        {
            if (brief.ValueKind != JsonValueKind.Object || Text(brief, "alert_id") != alertId) continue;
            Classification? said = Enum.TryParse<Classification>(Text(brief, "classification"), ignoreCase: true, out var c) ? c : null;
            var entities = brief.TryGetProperty("entities", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => (Text(e, "kind") ?? "", Text(e, "value") ?? "")).ToList()
                : [];
            return new FeedbackBrief(said, RuleOf(brief), EntityKey.FromPairs(entities));
        }
        return null;
    }

    /// <summary>The rule as triage read it: the first field recognised as the rule, else the attack type.</summary>
    private static string? RuleOf(JsonElement brief)
    {
        if (!brief.TryGetProperty("alert", out var alert) || alert.ValueKind != JsonValueKind.Object) return null;
        var fields = alert.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Trim().Length > 0).ToList();
        return (fields.FirstOrDefault(p => FieldNames.Recognize(p.Name) == CanonicalField.Rule).Value is { ValueKind: JsonValueKind.String } rule ? rule.GetString()
            : fields.FirstOrDefault(p => FieldNames.Recognize(p.Name) == CanonicalField.AttackType).Value is { ValueKind: JsonValueKind.String } type ? type.GetString()
            : null)?.Trim();
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
