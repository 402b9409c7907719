using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Logs;

public class LogStoreTests
{
    [Fact]
    public void For_EventsAddedOutOfOrder_AreReturnedOldestFirst()
    {
        var events = new LogBuilder("bob", TestData.NewYork)
            .Success(new DateTime(2026, 10, 28, 9, 0, 0), "10.1.0.1")
            .Success(new DateTime(2026, 10, 28, 11, 0, 0), "10.1.0.1")
            .Success(new DateTime(2026, 10, 28, 10, 0, 0), "10.1.0.1")
            .Build();
        var store = new LogStore();
        foreach (var e in new[] { events[2], events[0], events[1] }) store.Add(e);

        Assert.Equal(events, store.For("bob"));
        Assert.Empty(store.For("carol"));
        Assert.Empty(store.For(null));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public void Between_IncludesFromAndExcludesTo()
    {
        var events = new LogBuilder("bob", TestData.NewYork)
            .Success(new DateTime(2026, 10, 28, 9, 0, 0), "10.1.0.1")
            .Success(new DateTime(2026, 10, 28, 10, 0, 0), "10.1.0.1")
            .Success(new DateTime(2026, 10, 28, 11, 0, 0), "10.1.0.1")
            .Build();
        var store = new LogStore();
        foreach (var e in events) store.Add(e);

        Assert.Equal(events[..2], store.Between("bob", events[0].Time, events[2].Time));
    }
}
