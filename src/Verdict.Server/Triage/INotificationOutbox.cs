using Verdict.Pipeline;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// What a triaged alert leaves in the notification outbox (Slack, Teams, ticketing webhooks). The messages are written in
/// the same transaction as the result and delivered later by <see cref="NotificationDelivery"/>, so a failing webhook
/// never blocks triage.
/// </summary>
public interface INotificationOutbox
{
    IReadOnlyList<OutboxMessage> Compose(AlertOutcome outcome);
}

/// <summary>No notifications configured.</summary>
public sealed class NoNotifications : INotificationOutbox
{
    public IReadOnlyList<OutboxMessage> Compose(AlertOutcome outcome) => [];
}
