using System.Collections.Concurrent;

namespace Verdict.Pipeline;

/// <summary>
/// Enumerates a source on another thread, in batches, a bounded number ahead of the consumer: reading and parsing the next
/// records overlaps with triaging the current ones. The source's exceptions surface in the consumer, in order.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int batch = 512, int capacity = 8)
    {
        using var queue = new BlockingCollection<List<T>>(capacity);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try
            {
                var next = new List<T>(batch);
                foreach (var item in source)
                {
                    next.Add(item);
                    if (next.Count < batch) continue;
                    queue.Add(next, stop.Token);
                    next = new List<T>(batch);
                }
                if (next.Count > 0) queue.Add(next, stop.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var items in queue.GetConsumingEnumerable())
            {
                foreach (var item in items) yield return item;
            }
            producer.GetAwaiter().GetResult(); // a reading error ends the enumeration here
        }
        finally
        {
            stop.Cancel(); // the consumer stopped early: let the producer go
            try { producer.Wait(); } catch (AggregateException) { }
        }
    }
}
