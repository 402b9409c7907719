using System.Diagnostics.CodeAnalysis;

namespace Verdict.Integrations.Intel;

/// <summary>
/// At most N requests in any window of time, as a first-come first-served queue driven by a <see cref="TimeProvider"/>.
/// A slot counts from when its request started until one window after the answer arrived, so a request that reached
/// the server late still cannot make the server see N + 1 in a window. <see cref="PauseUntil"/> holds the queue
/// after a 429 with Retry-After. (System.Threading.RateLimiting runs on the real clock, so it cannot be tested
/// without real minutes going by; this small limiter can.)
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used; it never is.")]
internal sealed class RequestRateLimiter(int permits, TimeSpan window, TimeProvider time)
{
    private readonly SemaphoreSlim queue = new(1, 1);
    private readonly List<Slot> slots = [];
    private readonly Lock state = new();
    private TaskCompletionSource released = NewSignal();
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    private sealed class Slot
    {
        public DateTimeOffset? Finished;
    }

    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (state) return pausedUntil;
        }
    }

    /// <summary>No request starts before <paramref name="until"/> (a later pause wins over an earlier one).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (state) if (until > pausedUntil) pausedUntil = until;
    }

    /// <summary>Waits for a slot; dispose the lease when the answer has arrived (or the request failed).</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan? wait;
                Task signal;
                lock (state)
                {
                    var now = time.GetUtcNow();
                    slots.RemoveAll(s => s.Finished is { } end && end + window <= now);
                    signal = released.Task;
                    if (pausedUntil > now)
                    {
                        wait = pausedUntil - now;
                    }
                    else if (slots.Count < permits)
                    {
                        var slot = new Slot();
                        slots.Add(slot);
                        return new Lease(this, slot);
                    }
                    else
                    {
                        // Full: wait for the oldest finished slot to leave the window, or for one in flight to finish.
                        var oldest = slots.Where(s => s.Finished is not null).Select(s => s.Finished!.Value).DefaultIfEmpty().Min();
                        wait = oldest == default ? null : oldest + window - now;
                    }
                }
                if (wait is { } delay) await Task.Delay(delay, time, cancellationToken);
                else await signal.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            queue.Release();
        }
    }

    private void Release(Slot slot)
    {
        TaskCompletionSource signal;
        lock (state)
        {
            slot.Finished ??= time.GetUtcNow();
            signal = released;
            released = NewSignal();
        }
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Lease(RequestRateLimiter owner, Slot slot) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Release(slot);
        }
    }
}
