using Verdict.Analysis;
using Verdict.Feedback;
using Verdict.Storage.Feedback;
using Verdict.Tests.Support;

namespace Verdict.Tests.Feedback;

public sealed class SqliteFeedbackStoreTests
{
    private static readonly DateTimeOffset When = new(2026, 11, 2, 15, 30, 0, TimeSpan.FromHours(-5));

    [Fact]
    public async Task Verdicts_are_appended_and_read_back_in_order_with_every_field()
    {
        using var temp = new TempDirectory();
        var file = temp.File("data/verdict.db");
        var ct = TestContext.Current.CancellationToken;
        await using (var store = await SqliteFeedbackStore.OpenAsync(file, ct))
        {
            await store.AddAsync(new FeedbackRecord("A1", "SQL Injection", "ip:10.1.22.17", Classification.Benign, false, "ERP 'filter'; DROP TABLE x", "jdoe", When), ct);
            await store.AddAsync(new FeedbackRecord("A1", null, "", Classification.Malicious, null, null, "asmith", When.AddHours(1)), ct);
        }

        var records = await SqliteFeedbackStore.ReadIfExistsAsync(file, ct);

        Assert.Equal(2, records.Count); // a second verdict on the same alert is kept, not overwritten
        Assert.Equal(new FeedbackRecord("A1", "SQL Injection", "ip:10.1.22.17", Classification.Benign, false, "ERP 'filter'; DROP TABLE x", "jdoe", When), records[0]);
        Assert.Equal((null, (bool?)null, Classification.Malicious, When.AddHours(1)), (records[1].Rule, records[1].Correct, records[1].Verdict, records[1].Time));
    }

    [Fact]
    public async Task Reading_a_store_that_does_not_exist_finds_nothing_and_creates_nothing()
    {
        using var temp = new TempDirectory();
        var file = temp.File("none/verdict.db");

        Assert.Empty(await SqliteFeedbackStore.ReadIfExistsAsync(file, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_store_holding_only_the_intel_cache_has_no_verdicts_and_is_left_as_it_was()
    {
        using var temp = new TempDirectory();
        var file = temp.File("verdict.db");
        var ct = TestContext.Current.CancellationToken;
        await using (await Verdict.Storage.Intel.SqliteIntelCache.OpenAsync(file, ct)) { }

        Assert.Empty(await SqliteFeedbackStore.ReadIfExistsAsync(file, ct));
        await using var check = await SqliteFeedbackStore.OpenAsync(file, ct); // the table appears only when a verdict is recorded
        Assert.Empty(await check.ListAsync(ct));
    }
}
