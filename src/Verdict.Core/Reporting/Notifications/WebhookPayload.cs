using System.Text.Json.Nodes;
using Verdict.Alerts;

namespace Verdict.Reporting.Notifications;

/// <summary>
/// The generic outbound webhook for ticketing. <c>verdict</c> (the default) is Verdict's own documented JSON
/// (<c>schema: "verdict.escalation/1"</c>); <c>jira</c> is shaped for Jira's create-issue API (<c>fields</c>), and
/// <c>thehive</c> for TheHive's create-alert API. JSON serialisation escapes every string.
/// </summary>
public static class WebhookPayload
{
    public const string Schema = "verdict.escalation/1";
    public static readonly string[] Templates = ["verdict", "jira", "thehive"];

    public static JsonObject Build(Escalation e, string template = "verdict")
    {
        ArgumentNullException.ThrowIfNull(e);
        return template switch
        {
            "jira" => Jira(e),
            "thehive" => TheHive(e),
            _ => Verdict(e),
        };
    }

    public static JsonObject Verdict(Escalation e) => new()
    {
        ["schema"] = Schema,
        ["alert_id"] = e.AlertId,
        ["title"] = e.Title,
        ["classification"] = e.Classification.ToString().ToUpperInvariant(),
        ["severity"] = e.Severity.Word(),
        ["decision"] = e.Decision.ToString().ToLowerInvariant(),
        ["tldr"] = e.Tldr,
        ["key_evidence"] = Strings(e.KeyEvidence),
        ["questions"] = Strings(e.Questions),
        ["rule"] = e.Rule,
        ["user"] = e.User,
        ["host"] = e.Host,
        ["time"] = e.Time?.ToUniversalTime().ToString("O"),
        ["techniques"] = Strings(e.Techniques),
    };

    /// <summary>POST /rest/api/2/issue: project key and issue type are placeholders a proxy or automation rule replaces.</summary>
    public static JsonObject Jira(Escalation e) => new()
    {
        ["fields"] = new JsonObject
        {
            ["project"] = new JsonObject { ["key"] = "SEC" },
            ["issuetype"] = new JsonObject { ["name"] = "Task" },
            ["summary"] = Escalation.Clip($"[Verdict] {e.Classification.ToString().ToUpperInvariant()} {e.Severity.Word()}: {e.Rule} ({e.AlertId})", 250),
            ["description"] = string.Join("\n", [$"TL;DR: {e.Tldr}", "", "Key evidence:", .. e.KeyEvidence.Select(k => "* " + k), "", "Questions:", .. e.Questions.Select(q => "* " + q)]),
            ["priority"] = new JsonObject { ["name"] = e.Severity >= Severity.Critical ? "Highest" : e.Severity >= Severity.High ? "High" : "Medium" },
            ["labels"] = new JsonArray("verdict", e.Classification.ToString().ToLowerInvariant()),
        },
    };

    /// <summary>POST /api/v1/alert: severity 1 (low) to 4 (critical), TLP and PAP amber, sourceRef the alert id.</summary>
    public static JsonObject TheHive(Escalation e) => new()
    {
        ["type"] = "verdict-escalation",
        ["source"] = "verdict",
        ["sourceRef"] = e.AlertId,
        ["title"] = Escalation.Clip($"{e.Classification.ToString().ToUpperInvariant()}: {e.Rule}", 250),
        ["description"] = string.Join("\n", [$"**TL;DR** {e.Tldr}", "", "**Key evidence**", .. e.KeyEvidence.Select(k => "- " + k), "", "**Questions**", .. e.Questions.Select(q => "- " + q)]),
        ["severity"] = e.Severity switch { Severity.Critical => 4, Severity.High => 3, Severity.Medium => 2, _ => 1 },
        ["tlp"] = 2,
        ["pap"] = 2,
        ["tags"] = new JsonArray([.. new[] { "verdict", e.Classification.ToString().ToLowerInvariant() }.Concat(e.Techniques.Select(t => t.Split(' ')[0])).Select(t => JsonValue.Create(t))]),
    };

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => JsonValue.Create(i))]);
}
