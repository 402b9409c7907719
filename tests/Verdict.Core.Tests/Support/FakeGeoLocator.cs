using System.Net;
using Verdict.Logs;

namespace Verdict.Tests.Support;

/// <summary>A GeoIP database in a dictionary; counts lookups per address.</summary>
public sealed class FakeGeoLocator(Dictionary<string, Place> places) : IGeoLocator
{
    public Dictionary<string, int> Lookups { get; } = [];

    public Place? Locate(IPAddress ip)
    {
        var key = ip.ToString();
        Lookups[key] = Lookups.GetValueOrDefault(key) + 1;
        return places.GetValueOrDefault(key);
    }
}
