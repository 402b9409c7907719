using Verdict.Reporting;

namespace Verdict.Server.Triage;

/// <summary>
/// Where a triaged alert goes after it is stored, for notifications (Slack, Teams, ticketing webhooks) through an outbox
/// with retries. Called after the store's transaction committed; it must not throw or block triage for long.
/// </summary>
public interface INotificationOutbox
{
    Task EnqueueAsync(string alertId, string caseId, BriefEntry brief, CancellationToken cancellationToken);
}

/// <summary>No notifications configured.</summary>
public sealed class NoNotifications : INotificationOutbox
{
    public Task EnqueueAsync(string alertId, string caseId, BriefEntry brief, CancellationToken cancellationToken) => Task.CompletedTask;
}
