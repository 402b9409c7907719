using Microsoft.Extensions.Time.Testing;

namespace Verdict.Tests.Intel;

/// <summary>Drives a fake clock while work that waits on it (rate limits, backoff, Retry-After) runs against a real server.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);

    /// <summary>Advances the clock a step at a time, with a few real milliseconds between steps, until the work is done.</summary>
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> work, TimeSpan? step = null)
    {
        var by = step ?? TimeSpan.FromSeconds(1);
        var limit = time.GetUtcNow() + TimeSpan.FromDays(2);
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(5, TestContext.Current.CancellationToken));
            if (work.IsCompleted) break;
            if (time.GetUtcNow() > limit) throw new TimeoutException("the work did not finish within two fake days");
            time.Advance(by);
        }
        return await work;
    }
}
