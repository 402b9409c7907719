using Verdict.Tests.Support;

namespace Verdict.Tests.Geo;

/// <summary>The test databases: a few real-looking networks in the GeoIP2 City and Country structures.</summary>
internal static class GeoDatabases
{
    public static MmdbWriter City(string databaseType = "GeoLite2-City", int ipVersion = 6)
    {
        var writer = new MmdbWriter(databaseType, ipVersion)
            .Add("198.51.100.0/24", MmdbWriter.City("Frankfurt am Main", "DE", "Germany", 50.1188, 8.6843, "Europe/Berlin"))
            .Add("5.9.0.0/16", MmdbWriter.City("Frankfurt am Main", "DE", "Germany", 50.1188, 8.6843, "Europe/Berlin"))
            .Add("102.89.32.0/24", MmdbWriter.City("Lagos", "NG", "Nigeria", 6.4474, 3.3903, "Africa/Lagos", "AF"))
            .Add("81.2.69.0/24", MmdbWriter.City("London", "GB", "United Kingdom", 51.5142, -0.0931, "Europe/London"))
            .Add("81.2.69.160/27", MmdbWriter.City("Croydon", "GB", "United Kingdom", 51.3762, -0.0982, "Europe/London"))
            .Add("128.197.0.0/16", MmdbWriter.City("Boston", "US", "United States", 42.3496, -71.0997, "America/New_York", "NA"));
        return ipVersion == 6
            ? writer.Add("2a01:4f8::/32", MmdbWriter.City("Frankfurt am Main", "DE", "Germany", 50.1188, 8.6843, "Europe/Berlin"))
            : writer;
    }

    public static MmdbWriter Country() => new MmdbWriter("GeoLite2-Country")
        .Add("102.89.32.0/24", MmdbWriter.Country("NG", "Nigeria"))
        .Add("5.9.0.0/16", MmdbWriter.Country("DE", "Germany"));
}
