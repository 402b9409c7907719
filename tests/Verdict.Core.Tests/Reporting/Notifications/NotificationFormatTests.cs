using System.Text.Json.Nodes;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Policy;
using Verdict.Reporting.Notifications;

namespace Verdict.Tests.Reporting.Notifications;

public class NotificationFormatTests
{
    // Alert content is untrusted: a rule name and evidence that try to ping everyone, form links and break formatting.
    private static readonly Escalation Hostile = new("A-1", Classification.Malicious, Severity.High, Decision.Escalate,
        "Likely takeover <!channel> & @here see <https://evil.example|docs>.",
        ["Login from 45.155.205.233 & then *admin* [click](https://evil.example)", "@everyone look"],
        ["Was this <@U123> really you?"], "Okta <brute> force @channel", "alice", "ws-1",
        new DateTimeOffset(2026, 11, 3, 8, 14, 52, TimeSpan.Zero), ["T1110 Brute Force"]);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };

    [Fact]
    public void Slack_message_is_block_kit_with_the_tldr_evidence_and_questions_and_alert_text_cannot_ping_or_link()
    {
        var message = SlackMessage.Build(Hostile);

        var blocks = message["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.StartsWith("🔴 MALICIOUS · HIGH · Okta", blocks[0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var text = string.Join("\n", Strings(message));
        Assert.Contains("*TL;DR:* Likely takeover &lt;!channel&gt; &amp; @\u200Dhere see &lt;https://evil.example|docs&gt;.", text, StringComparison.Ordinal);
        Assert.Contains("*Key evidence*\n• Login from 45.155.205.233 &amp; then", text, StringComparison.Ordinal);
        Assert.Contains("*Questions for the analyst*\n• Was this &lt;@U123&gt; really you?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U123>", text, StringComparison.Ordinal);
        foreach (var word in new[] { "@here", "@everyone", "@channel" }) Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Teams_message_carries_one_adaptive_card_with_markdown_escaped()
    {
        var message = TeamsMessage.Build(Hostile);

        Assert.Equal("message", message["type"]!.GetValue<string>());
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4"), (card["type"]!.GetValue<string>(), card["version"]!.GetValue<string>()));
        var text = string.Join("\n", Strings(card["body"]));
        Assert.Contains("then \\*admin\\* \\[click\\]\\(https://evil.example\\)", text, StringComparison.Ordinal);
        Assert.Contains("Questions for the analyst", text, StringComparison.Ordinal);
        Assert.Contains(card["body"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "FactSet");
    }

    [Fact]
    public void Webhook_payloads_follow_the_verdict_jira_and_thehive_shapes()
    {
        var verdict = WebhookPayload.Build(Hostile);
        var jira = WebhookPayload.Build(Hostile, "jira");
        var hive = WebhookPayload.Build(Hostile, "thehive");

        Assert.Equal(("verdict.escalation/1", "A-1", "MALICIOUS", "HIGH"), (verdict["schema"]!.GetValue<string>(), verdict["alert_id"]!.GetValue<string>(),
            verdict["classification"]!.GetValue<string>(), verdict["severity"]!.GetValue<string>()));
        Assert.Equal(2, verdict["key_evidence"]!.AsArray().Count);
        Assert.Equal("2026-11-03T08:14:52.0000000+00:00", verdict["time"]!.GetValue<string>());
        Assert.Equal("High", jira["fields"]!["priority"]!["name"]!.GetValue<string>());
        Assert.StartsWith("[Verdict] MALICIOUS HIGH: Okta <brute> force", jira["fields"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((3, "A-1", "verdict"), (hive["severity"]!.GetValue<int>(), hive["sourceRef"]!.GetValue<string>(), hive["source"]!.GetValue<string>()));
        Assert.Contains("T1110", hive["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        // Serialised, the hostile text stays inside its JSON string.
        Assert.Contains("\\u003C!channel\\u003E", verdict.ToJsonString(), StringComparison.Ordinal);
    }
}
