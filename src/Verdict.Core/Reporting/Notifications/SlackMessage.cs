using System.Text.Json.Nodes;

namespace Verdict.Reporting.Notifications;

/// <summary>
/// An escalation as a Slack incoming-webhook message in Block Kit: a header, the TL;DR, facts, key evidence and questions.
/// Alert text is escaped for mrkdwn (&amp;, &lt;, &gt;, so no &lt;!channel&gt; or link can be formed) and a bare
/// @channel, @here or @everyone is broken with a zero-width joiner, so alert content can never ping anyone.
/// </summary>
public static class SlackMessage
{
    public static JsonObject Build(Escalation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var facts = new JsonArray(
            Field("Alert", e.AlertId), Field("Decision", e.Decision.ToString().ToLowerInvariant()),
            Field("User", e.User ?? "-"), Field("Host", e.Host ?? "-"));
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Escalation.Clip(Defuse(e.Title), 150), ["emoji"] = true } },
            Section($"*TL;DR:* {Escape(e.Tldr)}"),
            new JsonObject { ["type"] = "section", ["fields"] = facts },
        };
        if (e.KeyEvidence.Count > 0) blocks.Add(Section("*Key evidence*\n" + string.Join('\n', e.KeyEvidence.Select(k => "• " + Escape(k)))));
        if (e.Questions.Count > 0) blocks.Add(Section("*Questions for the analyst*\n" + string.Join('\n', e.Questions.Select(q => "• " + Escape(q)))));
        var context = e.Techniques.Count > 0 ? $"ATT&CK: {string.Join(", ", e.Techniques)}" : "Verdict";
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(context) }) });
        return new JsonObject { ["text"] = Escape($"{e.Title}: {e.Tldr}"), ["blocks"] = blocks };
    }

    /// <summary>Slack's mrkdwn escaping (&amp; &lt; &gt;) plus defused broadcast mentions.</summary>
    public static string Escape(string text) =>
        Defuse(text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));

    private static string Defuse(string text)
    {
        foreach (var word in new[] { "channel", "here", "everyone" })
            text = text.Replace("@" + word, "@\u200D" + word, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Escalation.Clip(mrkdwn.Replace("\n", "\u2028", StringComparison.Ordinal), 2900).Replace("\u2028", "\n", StringComparison.Ordinal) } };

    private static JsonObject Field(string name, string value) => new() { ["type"] = "mrkdwn", ["text"] = $"*{name}*\n{Escape(value)}" };
}
