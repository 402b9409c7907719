using System.Text.Json.Nodes;
using Verdict.Integrations.Notify;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// The outbox's delivery loop: claims due notifications for the targets this server knows (with a lease, so several
/// servers never post one row twice), posts each with <see cref="WebhookSender"/> once, and on failure tries again after
/// a doubling wait until <see cref="ServerOptions.NotifyMaxAttempts"/> attempts, then marks it failed. Logs and the store
/// name a target by scheme and host only.
/// </summary>
public sealed class NotificationDelivery : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly VerdictStore store;
    private readonly ServerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<NotificationDelivery> log;
    private readonly Dictionary<string, NotifyTarget> targets;
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:notify:{Guid.NewGuid().ToString("N")[..6]}";
    private readonly HttpClient http = new();
    private readonly WebhookSender sender;

    public NotificationDelivery(VerdictStore store, ServerOptions options, TimeProvider time, ILogger<NotificationDelivery> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        (this.store, this.options, this.time, this.log) = (store, options, time, log);
        targets = options.NotifyTargets.GroupBy(OutboxNotifications.Key).ToDictionary(g => g.Key, g => g.First());
        // One attempt per claim: the outbox does the retries, so a slow webhook never holds the loop for long.
        sender = new WebhookSender(http, time, new WebhookSenderOptions { MaxRetries = 0 });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0) await Task.Delay(options.NotifyPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException e)
            {
                log.LogWarning("notifications: store unavailable ({Message}); retrying", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>Delivers the due notifications of one claim; returns how many it tried.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ClaimOutboxAsync(owner, targets.Keys, 16, Lease, time.GetUtcNow(), cancellationToken);
        foreach (var row in rows)
        {
            var target = targets[row.Target];
            var payload = JsonNode.Parse(row.Payload)!.AsObject();
            var delivery = await sender.SendAsync(target, payload, cancellationToken);
            var attempts = row.Attempts + 1;
            DateTimeOffset? retryAt = delivery.Sent || attempts >= options.NotifyMaxAttempts ? null
                : time.GetUtcNow() + options.NotifyRetryBase * Math.Pow(2, attempts - 1);
            await store.RecordDeliveryAsync(owner, row.Id, delivery.Sent, delivery.Error, retryAt, time.GetUtcNow(), cancellationToken);
            if (delivery.Sent) continue;
            if (retryAt is null) log.LogWarning("notification {Id} for {Alert} to {Target} failed after {Attempts} attempts: {Error}", row.Id, row.AlertId, target.Display, attempts, delivery.Error);
            else log.LogInformation("notification {Id} for {Alert} to {Target} not delivered ({Error}); retry {Attempt} at {At:O}", row.Id, row.AlertId, target.Display, delivery.Error, attempts + 1, retryAt);
        }
        return rows.Count;
    }

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }
}
