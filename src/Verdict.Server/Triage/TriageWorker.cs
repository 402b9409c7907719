using System.Diagnostics;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// A queue worker: claims alerts with a lease, triages them and writes the result (only while it still holds the lease, so
/// an alert is never written twice), then hands the result to the notification outbox. Alerts of a worker that stopped
/// mid-alert come back to the queue when their lease runs out.
/// </summary>
public sealed class TriageWorker(string name, VerdictStore store, TriageEngine engine, ServiceMetrics metrics, INotificationOutbox outbox,
    ServerOptions options, TimeProvider time, ILogger<TriageWorker> log) : BackgroundService
{
    public string Name => name;

    /// <summary>Alerts this worker wrote.</summary>
    public int Completed => completed;

    private int completed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // SQLite's async calls run synchronously: never hold up the host's start
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0) await Task.Delay(options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException e)
            {
                log.LogWarning("worker {Worker}: store unavailable ({Message}); retrying", name, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch and processes it; returns how many alerts it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(name, options.ClaimBatch, options.Lease, time.GetUtcNow(), cancellationToken);
        foreach (var alert in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ProcessAsync(alert, cancellationToken);
        }
        return claimed.Count;
    }

    private async Task ProcessAsync(ClaimedAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Attempts > options.MaxAttempts)
        {
            await store.FailAsync(name, alert.Id, $"gave up after {options.MaxAttempts} attempts", time.GetUtcNow(), cancellationToken);
            metrics.Failed();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var result = engine.Triage(alert.Payload, "alert " + alert.Id);
        if (result.Failed)
        {
            if (await store.FailAsync(name, alert.Id, result.Brief.Error!, time.GetUtcNow(), cancellationToken)) metrics.Failed();
            return;
        }
        var triaged = TriageEngine.ForStore(alert.Id, result);
        var caseId = await store.CompleteAsync(name, triaged, options.CaseGap, time.GetUtcNow(), cancellationToken);
        if (caseId is null)
        {
            log.LogInformation("worker {Worker}: lost the lease on {Alert}; another worker writes it", name, alert.Id);
            return;
        }
        Interlocked.Increment(ref completed);
        metrics.Triaged(triaged.Decision, Stopwatch.GetElapsedTime(started));
        try
        {
            await outbox.EnqueueAsync(alert.Id, caseId, result.Brief, cancellationToken);
        }
#pragma warning disable CA1031 // A failing notification never blocks triage.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            log.LogWarning("worker {Worker}: notification for {Alert} failed: {Type}", name, alert.Id, e.GetType().Name);
        }
    }
}
