using System.Text;
using System.Text.Json.Nodes;

namespace Verdict.Reporting.Notifications;

/// <summary>
/// An escalation as a Microsoft Teams incoming-webhook message: one attachment of content type
/// application/vnd.microsoft.card.adaptive holding an Adaptive Card (title, TL;DR, facts, key evidence, questions).
/// Alert text has its Markdown characters backslash-escaped, so it cannot form links or formatting.
/// </summary>
public static class TeamsMessage
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Build(Escalation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var body = new JsonArray
        {
            Text(e.Title, size: "Large", weight: "Bolder"),
            Text("TL;DR: " + e.Tldr),
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(Fact("Alert", e.AlertId), Fact("Decision", e.Decision.ToString().ToLowerInvariant()),
                    Fact("User", e.User ?? "-"), Fact("Host", e.Host ?? "-"), Fact("Time", e.Time?.ToString("u") ?? "-")),
            },
        };
        AddList(body, "Key evidence", e.KeyEvidence);
        AddList(body, "Questions for the analyst", e.Questions);
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ContentType, ["contentUrl"] = null, ["content"] = card }),
        };
    }

    /// <summary>Backslash-escapes the characters Adaptive Card Markdown acts on.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '`' or '~' or '>' or '<' or '!' or '-' or '+') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static void AddList(JsonArray body, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        body.Add(Text(title, weight: "Bolder"));
        foreach (var item in items) body.Add(Text("• " + item));
    }

    private static JsonObject Text(string text, string? size = null, string? weight = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = Escape(text), ["wrap"] = true };
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        return block;
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = Escape(value) };
}
