using Verdict.Pipeline;

namespace Verdict.Tests.Pipeline;

/// <summary>Reading ahead on another thread changes nothing the consumer sees: order, errors, stopping early.</summary>
public class ReadAheadTests
{
    [Fact]
    public void Items_arrive_in_order_across_batches()
    {
        Assert.Equal(Enumerable.Range(0, 5_000), ReadAhead.Of(Enumerable.Range(0, 5_000), batch: 64));
    }

    [Fact]
    public void A_reading_error_surfaces_to_the_consumer_after_the_items_before_it()
    {
        static IEnumerable<int> Failing()
        {
            yield return 1;
            yield return 2;
            throw new IOException("disk gone");
        }
        var seen = new List<int>();

        var e = Assert.Throws<IOException>(() => { foreach (var i in ReadAhead.Of(Failing(), batch: 1)) seen.Add(i); });

        Assert.Equal("disk gone", e.Message);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public void A_consumer_that_stops_early_releases_the_reader()
    {
        var endless = Enumerable.Range(0, int.MaxValue);

        Assert.Equal([0, 1, 2], ReadAhead.Of(endless, batch: 4, capacity: 1).Take(3)); // would hang if the producer stayed blocked
    }
}
