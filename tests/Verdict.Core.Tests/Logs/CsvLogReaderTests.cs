using Verdict.Context;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Logs;

public class CsvLogReaderTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    private static List<ParseResult<LogEvent>> Read(string csv) => [.. CsvLogReader.Read(TestData.Stream(csv), "auth.csv", Context)];

    [Fact]
    public void Read_DemoStyleRow_ResolvesPlaceUserAndResult()
    {
        var e = Assert.Single(Read("timestamp,user,result,location,ip\n2026-10-28 09:05,ACME\\Alice,Failed,\"Paris, France\",92.184.100.9\n")).Value!;

        Assert.Equal(new DateTimeOffset(2026, 10, 28, 13, 5, 0, TimeSpan.Zero), e.Time);
        Assert.Equal("alice", e.User);
        Assert.False(e.Success);
        Assert.Equal(("Paris", "FR"), (e.City, e.Country));
        Assert.True(e.HasCoordinates);
        Assert.Equal("Paris, FR", e.Place);
        Assert.Equal(new Verdict.Alerts.SourceRef("auth.csv", 2), e.Source);
    }

    [Fact]
    public void Read_ExplicitCoordinates_WinOverTheCityTable()
    {
        var e = Read("timestamp,user,result,city,country,lat,lon\n2026-10-28T13:05:00Z,bob,success,Boston,US,10.5,20.25\n")[0].Value!;

        Assert.Equal((10.5, 20.25), (e.Latitude!.Value, e.Longitude!.Value));
        Assert.True(e.Success);
    }

    [Fact]
    public void Read_HeaderWithoutResultColumn_IsOneErrorNamingIt()
    {
        var error = Assert.Single(Read("timestamp,user,ip\n2026-10-28T13:05:00Z,bob,1.2.3.4\n")).Error!;

        Assert.Equal(1, error.Source.Line);
        Assert.StartsWith("activity log lacks result column(s)", error.Reason);
    }

    [Theory]
    [InlineData("2026-10-28T13:05:00Z,,success,0,0", "empty user")]
    [InlineData("2026-10-28T13:05:00Z,bob,meh,0,0", "unknown result 'meh' (expected success or failure)")]
    [InlineData("2026-10-28T13:05:00Z,bob,success,95,0", "bad coordinates '95, 0'")]
    [InlineData("later,bob,success,0,0", "unreadable timestamp 'later' in column 'timestamp'")]
    public void Read_BadRow_IsAnErrorAndTheNextRowIsRead(string row, string reason)
    {
        var results = Read($"timestamp,user,result,lat,lon\n{row}\n2026-10-28T14:00:00Z,carol,ok,1,1\n");

        Assert.Equal(reason, results[0].Error!.Reason);
        Assert.Equal("carol", results[1].Value!.User);
    }
}
