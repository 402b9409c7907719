using System.Net;
using MaxMind.Db;
using MaxMind.GeoIP2;
using Verdict.Tests.Support;

namespace Verdict.Tests.Geo;

/// <summary>The test writer is only useful if MaxMind's own readers accept what it writes.</summary>
public sealed class MmdbWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(MmdbWriter writer, string name = "test.mmdb")
    {
        var path = _temp.File(name);
        writer.Write(path);
        return path;
    }

    [Theory]
    [InlineData(6)]
    [InlineData(4)]
    public void Real_DatabaseReader_reads_cities_countries_and_locations_back(int ipVersion)
    {
        using var reader = new DatabaseReader(Write(GeoDatabases.City(ipVersion: ipVersion)));

        var lagos = reader.City("102.89.32.7");
        Assert.Equal(("Lagos", "NG", "Nigeria", "AF"), (lagos.City.Name, lagos.Country.IsoCode, lagos.Country.Name, lagos.Continent.Code));
        Assert.Equal((6.4474, 3.3903, 20, "Africa/Lagos"), (lagos.Location.Latitude, lagos.Location.Longitude, lagos.Location.AccuracyRadius, lagos.Location.TimeZone));
        Assert.Equal("NG", lagos.RegisteredCountry.IsoCode);
        Assert.NotNull(lagos.City.GeoNameId);
        Assert.Equal("102.89.32.0/24", lagos.Traits.Network?.ToString());

        Assert.Equal("London", reader.City("81.2.69.142").City.Name);
        Assert.Equal("Croydon", reader.City("81.2.69.170").City.Name);
        Assert.Equal("Boston", reader.City("128.197.26.4").City.Name);
        Assert.False(reader.TryCity("8.8.8.8", out var none));
        Assert.Null(none);
        Assert.False(reader.TryCity("102.89.33.1", out _));
    }

    [Fact]
    public void Real_DatabaseReader_reads_ipv6_networks_and_the_metadata()
    {
        using var reader = new DatabaseReader(Write(GeoDatabases.City("GeoIP2-City")));

        Assert.Equal("DE", reader.City("2a01:4f8:10a:1::2").Country.IsoCode);
        Assert.False(reader.TryCity("2a02:8100::1", out _));
        var m = reader.Metadata;
        Assert.Equal(("GeoIP2-City", 6, 2, 0), (m.DatabaseType, m.IPVersion, m.BinaryFormatMajorVersion, m.BinaryFormatMinorVersion));
        Assert.Equal(["en", "de"], m.Languages);
        Assert.Equal("Verdict test database", m.Description["en"]);
        Assert.Equal(new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), m.BuildDate);
    }

    [Fact]
    public void Real_Reader_enumerates_exactly_the_networks_written()
    {
        using var reader = new Reader(Write(GeoDatabases.City(ipVersion: 4)));

        var networks = reader.FindAll<Dictionary<string, object>>()
            .Select(n => n.Start.ToString() + "/" + n.PrefixLength + " " + ((Dictionary<string, object>)((Dictionary<string, object>)n.Data["city"])["names"])["en"])
            .Order(StringComparer.Ordinal).ToList();

        Assert.Contains("102.89.32.0/24 Lagos", networks);
        Assert.Contains("81.2.69.160/27 Croydon", networks);
        Assert.Contains("81.2.69.0/25 London", networks);
        Assert.DoesNotContain(networks, n => n.StartsWith("81.2.69.0/24", StringComparison.Ordinal));
    }

    [Fact]
    public void Real_DatabaseReader_reads_a_country_database()
    {
        using var reader = new DatabaseReader(Write(GeoDatabases.Country()));

        var response = reader.Country(IPAddress.Parse("5.9.12.1"));
        Assert.Equal(("DE", "Germany", true), (response.Country.IsoCode, response.Country.Name, response.Country.IsInEuropeanUnion));
        Assert.Throws<InvalidOperationException>(() => reader.City("5.9.12.1"));
    }

    [Fact]
    public void Identical_records_are_stored_once()
    {
        var one = new MmdbWriter("GeoLite2-City").Add("5.9.0.0/16", MmdbWriter.City("Frankfurt am Main", "DE", "Germany", 50.1188, 8.6843, "Europe/Berlin")).Build();
        var two = new MmdbWriter("GeoLite2-City")
            .Add("5.9.0.0/16", MmdbWriter.City("Frankfurt am Main", "DE", "Germany", 50.1188, 8.6843, "Europe/Berlin"))
            .Add("5.10.0.0/16", MmdbWriter.City("Frankfurt am Main", "DE", "Germany", 50.1188, 8.6843, "Europe/Berlin")).Build();

        Assert.True(two.Length - one.Length < 100, $"{one.Length} vs {two.Length} bytes");
    }
}
