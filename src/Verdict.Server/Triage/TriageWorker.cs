using System.Diagnostics;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// A queue worker: claims alerts with a lease, triages them and writes the result (only while it still holds the lease, so
/// an alert is never written twice), with its notifications in the same transaction. Alerts of a worker that stopped
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

    /// <summary>Claims one batch and processes it (offline each, then the LLM stage on the batch); returns how many alerts it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(name, options.ClaimBatch, options.Lease, time.GetUtcNow(), cancellationToken);
        var work = new List<ClaimedAlert>();
        foreach (var alert in claimed)
        {
            if (alert.Attempts <= options.MaxAttempts) work.Add(alert);
            else if (await store.FailAsync(name, alert.Id, $"gave up after {options.MaxAttempts} attempts", time.GetUtcNow(), cancellationToken)) metrics.Failed();
        }
        if (work.Count == 0) return claimed.Count;
        var started = Stopwatch.GetTimestamp();
        var results = await engine.TriageAsync([.. work.Select(a => (a.Payload, "alert " + a.Id))], cancellationToken);
        var each = Stopwatch.GetElapsedTime(started) / work.Count;
        for (var i = 0; i < work.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteAsync(work[i], results[i], each, cancellationToken);
        }
        return claimed.Count;
    }

    private async Task WriteAsync(ClaimedAlert alert, EngineResult result, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (result.Failed)
        {
            if (await store.FailAsync(name, alert.Id, result.Brief.Error!, time.GetUtcNow(), cancellationToken)) metrics.Failed();
            return;
        }
        var triaged = TriageEngine.ForStore(alert.Id, result) with { Notifications = Notifications(alert.Id, result) };
        triaged = await CaseGrouping.GroupAsync(store, engine.Context, triaged, result.Alert, options.CaseGap, time.GetUtcNow(), cancellationToken);
        var caseId = await store.CompleteAsync(name, triaged, options.CaseGap, time.GetUtcNow(), cancellationToken);
        if (caseId is null)
        {
            log.LogInformation("worker {Worker}: lost the lease on {Alert}; another worker writes it", name, alert.Id);
            return;
        }
        Interlocked.Increment(ref completed);
        metrics.Triaged(triaged.Decision, elapsed);
        await ModelAudit.RecordAsync(store, metrics, alert.Id, result, time.GetUtcNow(), cancellationToken);
    }

    private IReadOnlyList<OutboxMessage> Notifications(string alertId, EngineResult result)
    {
        try
        {
            return result.Outcome is { } outcome ? outbox.Compose(outcome) : [];
        }
#pragma warning disable CA1031 // A notification that cannot be composed never blocks triage.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogWarning("worker {Worker}: notification for {Alert} not composed: {Type}", name, alertId, e.GetType().Name);
            return [];
        }
    }
}
