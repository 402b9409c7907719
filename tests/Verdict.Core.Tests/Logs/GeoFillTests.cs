using Verdict.Context;
using Verdict.Logs;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Logs;

public sealed class GeoFillTests : IDisposable
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };
    private static readonly Place Lagos = new("Lagos", "NG", 6.4474, 3.3903);
    private static readonly Place Frankfurt = new("Frankfurt am Main", "DE", 50.1188, 8.6843);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Stream NoStdin() => throw new InvalidOperationException("stdin not expected");

    private static FakeGeoLocator Geo() => new(new() { ["102.89.32.7"] = Lagos, ["5.9.12.1"] = Frankfurt });

    private List<LogEvent> Load(string csv, IGeoLocator? geo)
    {
        var path = _dir.File("auth.csv");
        File.WriteAllText(path, csv);
        var (store, errors) = InputFiles.LoadLogs([path], Context, NoStdin, geo);
        Assert.Empty(errors);
        return [.. store.For("bob")];
    }

    [Fact]
    public void LoadLogs_IpOnlyLog_TakesCityCountryAndCoordinatesFromGeoIp()
    {
        var e = Assert.Single(Load("timestamp,user,result,ip\n2026-10-28T13:05:00Z,bob,success,102.89.32.7\n", Geo()));

        Assert.Equal(("Lagos", "NG", 6.4474, 3.3903), (e.City, e.Country, e.Latitude, e.Longitude));
        Assert.Equal("Lagos, NG", e.Place);
    }

    [Fact]
    public void LoadLogs_WithoutLocator_LeavesIpOnlyEventsWithoutPlace()
    {
        var e = Assert.Single(Load("timestamp,user,result,ip\n2026-10-28T13:05:00Z,bob,success,102.89.32.7\n", null));

        Assert.Equal((null, null, false), (e.City, e.Country, e.HasCoordinates));
    }

    [Fact]
    public void LoadLogs_LogColumnsWin_GeoIpFillsOnlyEmptyPlaces()
    {
        var events = Load("""
            timestamp,user,result,location,ip
            2026-10-28T13:05:00Z,bob,success,"Boston, US",102.89.32.7
            2026-10-28T14:05:00Z,bob,success,,102.89.32.7
            2026-10-28T15:05:00Z,bob,success,"Paris, France",5.9.12.1
            2026-10-28T16:05:00Z,bob,success,,5.9.12.1
            """, Geo());

        Assert.Equal(["Boston, US", "Lagos, NG", "Paris, FR", "Frankfurt am Main, DE"], events.Select(e => e.Place));
        Assert.Equal(42.3601, events[0].Latitude);
        Assert.Equal(48.8566, events[2].Latitude);
    }

    [Fact]
    public void LoadLogs_ExplicitCoordinates_AreNeverReplaced()
    {
        var e = Assert.Single(Load("timestamp,user,result,lat,lon,ip\n2026-10-28T13:05:00Z,bob,success,10.5,20.25,102.89.32.7\n", Geo()));

        Assert.Equal((10.5, 20.25, null, null), (e.Latitude, e.Longitude, e.City, e.Country));
    }

    [Fact]
    public void LoadLogs_CountryColumnOnly_GetsCityAndCoordinatesWhenGeoIpAgrees()
    {
        var events = Load("""
            timestamp,user,result,country,ip
            2026-10-28T13:05:00Z,bob,success,NG,102.89.32.7
            2026-10-28T14:05:00Z,bob,success,GH,102.89.32.7
            """, Geo());

        Assert.Equal(("Lagos", "NG", true), (events[0].City, events[0].Country, events[0].HasCoordinates));
        Assert.Equal((null, "GH", false), (events[1].City, events[1].Country, events[1].HasCoordinates));
    }

    [Fact]
    public void LoadLogs_LooksEachDistinctAddressUpOnce()
    {
        var rows = string.Concat(Enumerable.Range(0, 500).Select(i => $"2026-10-28T13:{i % 60:00}:00Z,bob,{(i % 3 == 0 ? "failure" : "success")},{(i % 2 == 0 ? "102.89.32.7" : "5.9.12.1")}\n"));
        var geo = Geo();

        var events = Load("timestamp,user,result,ip\n" + rows + "2026-10-28T15:00:00Z,bob,success,192.0.2.55\n", geo);

        Assert.Equal(501, events.Count);
        Assert.Equal(new Dictionary<string, int> { ["102.89.32.7"] = 1, ["5.9.12.1"] = 1, ["192.0.2.55"] = 1 }, geo.Lookups);
        Assert.Equal(500, events.Count(e => e.HasCoordinates));
    }

    [Fact]
    public void CachedGeoLocator_SharedWithLogs_CountsAddressesAndKeepsItsCache()
    {
        var geo = Geo();
        var cache = new CachedGeoLocator(geo);

        Load("timestamp,user,result,ip\n2026-10-28T13:05:00Z,bob,success,102.89.32.7\n2026-10-28T14:05:00Z,bob,success,8.8.8.8\n", cache);
        var again = cache.Locate(System.Net.IPAddress.Parse("102.89.32.7"));

        Assert.Equal(Lagos, again);
        Assert.Equal((2, 1), (cache.Addresses, cache.Located));
        Assert.Equal(1, geo.Lookups["102.89.32.7"]);
        Assert.Null(cache.Locate("not an address"));
    }
}
