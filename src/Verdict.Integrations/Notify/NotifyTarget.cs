using System.Text.Json.Nodes;
using Verdict.Reporting.Notifications;

namespace Verdict.Integrations.Notify;

/// <summary>
/// Where escalations go: <c>slack=URL</c>, <c>teams=URL</c>, <c>webhook=URL</c> (Verdict's JSON), <c>jira=URL</c> or
/// <c>thehive=URL</c>. The URL is a secret (it carries the webhook's token): <see cref="Display"/> shows only scheme and host.
/// </summary>
public sealed record NotifyTarget(string Kind, Uri Url)
{
    public static readonly string[] Kinds = ["slack", "teams", "webhook", "jira", "thehive"];

    public string Display => $"{Kind} ({Url.Scheme}://{Url.Host}/…)";

    public JsonObject Payload(Escalation e) => Kind switch
    {
        "slack" => SlackMessage.Build(e),
        "teams" => TeamsMessage.Build(e),
        "jira" => WebhookPayload.Jira(e),
        "thehive" => WebhookPayload.TheHive(e),
        _ => WebhookPayload.Verdict(e),
    };

    /// <summary>Reads "slack=https://hooks.slack.com/..."; the error never repeats the URL.</summary>
    public static NotifyTarget? TryParse(string text, out string? error)
    {
        error = null;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var kind = eq < 0 ? "" : text[..eq].Trim().ToLowerInvariant();
        if (!Kinds.Contains(kind))
        {
            error = $"--notify takes KIND=URL with KIND one of {string.Join(", ", Kinds)}";
            return null;
        }
        if (!Uri.TryCreate(text[(eq + 1)..].Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            error = $"--notify {kind}=...: not an http(s) URL";
            return null;
        }
        return new NotifyTarget(kind, url);
    }
}
