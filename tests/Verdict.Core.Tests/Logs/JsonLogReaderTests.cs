using Verdict.Context;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Logs;

public class JsonLogReaderTests
{
    private static readonly Func<Stream> NoStdin = () => Stream.Null;

    [Fact]
    public void LoadLogs_EcsNdjson_ReadsEventsAndReportsEachBadRecordWithItsLine()
    {
        var path = TestData.Fixture("logs/signin_ecs.ndjson");

        var (store, errors) = InputFiles.LoadLogs([path], EnvironmentContext.Default, NoStdin);

        var events = store.For("bob");
        Assert.Equal(2, events.Count);
        var first = events[0];
        Assert.Equal((new DateTimeOffset(2026, 10, 30, 13, 0, 0, TimeSpan.Zero), true, "24.38.7.13"), (first.Time, first.Success, first.Ip));
        Assert.Equal(("Boston", "US", 42.36, -71.06), (first.City, first.Country, first.Latitude, first.Longitude));
        Assert.Equal(("Mozilla/5.0", "vpn-gw"), (first.UserAgent, first.Host));
        Assert.Equal((false, "Amsterdam", "NL", 2L), (events[1].Success, events[1].City, events[1].Country, events[1].Source.Line));
        Assert.Equal([3L, 4, 5], errors.Select(e => e.Source.Line));
        Assert.Contains("malformed JSON", errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("unreadable timestamp 'yesterday' in field '@timestamp'", errors[1].Reason, StringComparison.Ordinal);
        Assert.Equal("sign-in record has no result field (such as event.outcome, ResultType, status)", errors[2].Reason);
    }

    [Fact]
    public void LoadLogs_SentinelSigninLogs_ResultTypeZeroIsSuccessAndLocationDetailsGivePlace()
    {
        var (store, errors) = InputFiles.LoadLogs([TestData.Fixture("logs/signin_sentinel.json")], EnvironmentContext.Default, NoStdin);

        Assert.Empty(errors);
        var events = store.For("carol");
        Assert.Equal(2, events.Count);
        var (failure, success) = (events[0], events[1]);
        Assert.False(failure.Success);
        Assert.Equal("NG", failure.Country);
        Assert.True(success.Success);
        Assert.Equal(("102.89.32.11", "Lagos", "NG", 6.45, 3.39, "python-requests/2.31"),
            (success.Ip, success.City, success.Country, success.Latitude, success.Longitude, success.UserAgent));
    }

    [Fact]
    public void Read_OcsfAuthentication_StatusAndEpochMilliseconds()
    {
        const string ocsf = """{"time": 1761919200000, "status": "Failure", "actor": {"user": {"name": "dave"}}, "src_endpoint": {"ip": "203.0.113.5"}}""";

        var e = Assert.Single(JsonLogReader.Read(TestData.Stream(ocsf), "ocsf.json", EnvironmentContext.Default)).Value!;

        Assert.Equal(("dave", false, "203.0.113.5"), (e.User, e.Success, e.Ip));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1761919200000), e.Time);
    }
}
