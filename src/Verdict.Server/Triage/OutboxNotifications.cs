using System.Security.Cryptography;
using System.Text;
using Verdict.Alerts;
using Verdict.Integrations.Notify;
using Verdict.Pipeline;
using Verdict.Policy;
using Verdict.Reporting.Notifications;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// The outbox rows of a triaged alert: one per target for an escalation at or above the minimum severity (the payload in
/// the target's format); for an auto-closed alert one row that records its reason and is never posted.
/// </summary>
public sealed class OutboxNotifications(IReadOnlyList<NotifyTarget> targets, Severity minimum) : INotificationOutbox
{
    /// <summary>A stable key for a target that does not reveal its URL (a secret): kind and a hash of the URL.</summary>
    public static string Key(NotifyTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.Url.AbsoluteUri)))[..16];
    }

    public IReadOnlyList<OutboxMessage> Compose(AlertOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (targets.Count == 0 || outcome.Assessment is not { } a || outcome.Decision is not { } d || outcome.Alert is null) return [];
        if (d.Decision == Decision.AutoClose) return [new OutboxMessage("auto_close", "not posted", "{}", "not_posted", d.Reason)];
        if (d.Decision != Decision.Escalate || a.Severity < minimum) return [];
        var escalation = Escalation.From(outcome);
        return [.. targets.Select(t => new OutboxMessage(Key(t), t.Display, t.Payload(escalation).ToJsonString(), "pending", null))];
    }
}
