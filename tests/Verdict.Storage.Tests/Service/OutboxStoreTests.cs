using Verdict.Storage.Service;

namespace Verdict.Tests.Service;

/// <summary>The outbox in the store: written with the result, leased to one deliverer, retried when due, given up on.</summary>
public sealed class OutboxStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_row_is_leased_to_one_deliverer_retried_when_due_and_written_only_with_its_result(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var id = (await t.Store.EnqueueAsync([new NewAlert("{\"id\":\"X-1\"}", "batch", "fp-1")], T0, Ct))[0].Id;
        await t.Store.ClaimAsync("w", 1, TimeSpan.FromMinutes(1), T0, Ct);
        var triaged = new TriagedAlert(id, "X-1", "bob", "rule", T0, "rule · bob", "MALICIOUS", "HIGH", "escalate", "{}", "[]")
        {
            Notifications = [new OutboxMessage("slack:abc", "slack (https://hooks.slack.com/…)", "{\"text\":\"hi\"}", "pending", null)],
        };
        Assert.Null(await t.Store.CompleteAsync("someone-else", triaged, TimeSpan.FromHours(2), T0, Ct));
        Assert.Empty(await t.Store.OutboxAsync(cancellationToken: Ct)); // no result, no notification
        Assert.NotNull(await t.Store.CompleteAsync("w", triaged, TimeSpan.FromHours(2), T0, Ct));

        Assert.Empty(await t.Store.ClaimOutboxAsync("a", ["teams:zzz"], 10, TimeSpan.FromMinutes(1), T0, Ct)); // not a target it knows
        var row = Assert.Single(await t.Store.ClaimOutboxAsync("a", ["slack:abc"], 10, TimeSpan.FromMinutes(1), T0, Ct));
        Assert.Empty(await t.Store.ClaimOutboxAsync("b", ["slack:abc"], 10, TimeSpan.FromMinutes(1), T0, Ct)); // leased to a
        Assert.False(await t.Store.RecordDeliveryAsync("b", row.Id, true, null, null, T0, Ct));
        Assert.True(await t.Store.RecordDeliveryAsync("a", row.Id, false, "slack (https://hooks.slack.com/…): HTTP 503", T0.AddSeconds(30), T0, Ct));
        Assert.Empty(await t.Store.ClaimOutboxAsync("b", ["slack:abc"], 10, TimeSpan.FromMinutes(1), T0.AddSeconds(10), Ct)); // not due yet
        row = Assert.Single(await t.Store.ClaimOutboxAsync("b", ["slack:abc"], 10, TimeSpan.FromMinutes(1), T0.AddSeconds(31), Ct));
        Assert.Equal((1, "slack (https://hooks.slack.com/…): HTTP 503"), (row.Attempts, row.LastError));
        Assert.True(await t.Store.RecordDeliveryAsync("b", row.Id, false, "HTTP 503", null, T0.AddSeconds(31), Ct)); // given up
        var final = Assert.Single(await t.Store.OutboxAsync(id, Ct));
        Assert.Equal(("failed", 2), (final.Status, final.Attempts));
        Assert.Empty(await t.Store.ClaimOutboxAsync("c", ["slack:abc"], 10, TimeSpan.FromMinutes(1), T0.AddHours(1), Ct));
    }
}
