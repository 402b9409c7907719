using System.Net;
using Verdict.Integrations.Geo;
using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Geo;

public sealed class MaxMindGeoLocatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private MaxMindGeoLocator Open(MmdbWriter writer, string name = "test.mmdb")
    {
        var path = _temp.File(name);
        writer.Write(path);
        var opened = MaxMindGeoLocator.Open(path);
        Assert.True(opened.Success, opened.Error);
        return opened.Locator!;
    }

    private static Place? Locate(MaxMindGeoLocator geo, string ip) => geo.Locate(IPAddress.Parse(ip));

    [Theory]
    [InlineData(6)]
    [InlineData(4)]
    public void City_database_gives_city_country_and_coordinates(int ipVersion)
    {
        using var geo = Open(GeoDatabases.City(ipVersion: ipVersion));

        Assert.Equal(new Place("Lagos", "NG", 6.4474, 3.3903), Locate(geo, "102.89.32.7"));
        Assert.Equal(new Place("London", "GB", 51.5142, -0.0931), Locate(geo, "81.2.69.142"));
        Assert.Equal(new Place("Boston", "US", 42.3496, -71.0997), Locate(geo, "128.197.26.4"));
        Assert.Equal(new Place("Lagos", "NG", 6.4474, 3.3903), Locate(geo, "::ffff:102.89.32.7"));
        Assert.True(geo.HasCities);
        Assert.Equal("GeoLite2-City, built 2026-01-06", geo.Description);
    }

    [Fact]
    public void Ipv6_addresses_are_placed_in_an_ipv6_database_and_unknown_in_an_ipv4_one()
    {
        using var v6 = Open(GeoDatabases.City(), "v6.mmdb");
        using var v4 = Open(GeoDatabases.City(ipVersion: 4), "v4.mmdb");

        Assert.Equal("DE", Locate(v6, "2a01:4f8:10a:1::2")?.Country);
        Assert.Null(Locate(v4, "2a01:4f8:10a:1::2"));
    }

    [Fact]
    public void Country_database_gives_the_country_only()
    {
        using var geo = Open(GeoDatabases.Country());

        Assert.Equal(new Place(null, "NG", null, null), Locate(geo, "102.89.32.7"));
        Assert.False(geo.HasCities);
        Assert.Equal("GeoLite2-Country", geo.DatabaseType);
    }

    [Fact]
    public void Enterprise_database_is_read_like_a_city_database()
    {
        using var geo = Open(new MmdbWriter("GeoIP2-Enterprise").Add("102.89.32.0/24", MmdbWriter.City("Lagos", "NG", "Nigeria", 6.4474, 3.3903, "Africa/Lagos", "AF")));

        Assert.Equal(new Place("Lagos", "NG", 6.4474, 3.3903), Locate(geo, "102.89.32.7"));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("102.89.33.1")]
    [InlineData("2a02:8100::1")]
    public void Unknown_address_is_null(string ip)
    {
        using var geo = Open(GeoDatabases.City());

        Assert.Null(Locate(geo, ip));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    public void Private_and_reserved_addresses_are_null(string ip)
    {
        var db = GeoDatabases.City()
            .Add("10.0.0.0/8", MmdbWriter.City("Nowhere", "ZZ", "Nowhere", 0, 0, "UTC"))
            .Add("192.168.0.0/16", MmdbWriter.City("Nowhere", "ZZ", "Nowhere", 0, 0, "UTC"));
        using var geo = Open(db);

        Assert.Null(Locate(geo, ip));
    }

    [Fact]
    public void Documentation_range_is_not_looked_up_even_when_the_database_has_it()
    {
        using var geo = Open(GeoDatabases.City());

        Assert.Null(Locate(geo, "198.51.100.10"));
        Assert.Equal("DE", Locate(geo, "5.9.12.1")?.Country);
    }

    [Fact]
    public void Garbage_file_is_a_clear_error()
    {
        var path = _temp.File("GeoLite2-City.mmdb");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is not a database\n", 500)));

        var opened = MaxMindGeoLocator.Open(path);

        Assert.False(opened.Success);
        Assert.Null(opened.Locator);
        Assert.Equal($"GeoIP database {path} is not a MaxMind DB (.mmdb) file: it has no MaxMind DB metadata", opened.Error);
    }

    [Fact]
    public void Compressed_download_is_named_as_such()
    {
        var path = _temp.File("GeoLite2-City.tar.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest)) gz.Write(GeoDatabases.City().Build());

        Assert.Equal($"GeoIP database {path} is gzip-compressed; extract the .mmdb file from MaxMind's .tar.gz first", MaxMindGeoLocator.Open(path).Error);
    }

    [Theory]
    [InlineData("E3424142", "is not a readable MaxMind DB (.mmdb) file: ")]             // a map of 3 pairs, cut short
    [InlineData("41", "is not a readable MaxMind DB (.mmdb) file: ")]                   // a string, not a map
    [InlineData("E14A6E6F64655F636F756E744161", "is not a readable MaxMind DB (.mmdb) file: ")] // node_count is a string
    [InlineData("E0", "is a database of no type, which has no places")]                // an empty map: nothing says what it holds
    public void Damaged_metadata_is_a_clear_error(string metadataHex, string expected)
    {
        var path = _temp.File("damaged.mmdb");
        File.WriteAllBytes(path, [.. new byte[64], 0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8, .. Convert.FromHexString(metadataHex)]);

        var opened = MaxMindGeoLocator.Open(path);

        Assert.False(opened.Success);
        Assert.StartsWith($"GeoIP database {path} {expected}", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_database_is_a_clear_error()
    {
        var bytes = GeoDatabases.City().Build();
        var path = _temp.File("truncated.mmdb");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 40)]);

        var opened = MaxMindGeoLocator.Open(path);

        Assert.False(opened.Success);
        Assert.Contains("not a readable MaxMind DB", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_search_tree_reads_as_unknown_and_is_counted()
    {
        var bytes = GeoDatabases.City().Build();
        bytes.AsSpan(0, 6).Fill(0xFF); // the root's records now point far past the end of the data section
        var path = _temp.File("damaged-tree.mmdb");
        File.WriteAllBytes(path, bytes);
        var opened = MaxMindGeoLocator.Open(path);
        Assert.True(opened.Success, opened.Error);
        using var geo = opened.Locator!;

        Assert.Null(Locate(geo, "102.89.32.7"));
        Assert.Equal(1, geo.LookupErrors);
    }

    [Fact]
    public void Missing_empty_and_directory_paths_are_clear_errors()
    {
        var empty = _temp.File("empty.mmdb");
        File.WriteAllBytes(empty, []);

        Assert.Equal($"GeoIP database {_temp.File("nope.mmdb")} not found", MaxMindGeoLocator.Open(_temp.File("nope.mmdb")).Error);
        Assert.Equal($"GeoIP database {empty} is empty, not a MaxMind DB (.mmdb) file", MaxMindGeoLocator.Open(empty).Error);
        Assert.Equal($"GeoIP database {_temp.Path} is a directory; give the .mmdb file", MaxMindGeoLocator.Open(_temp.Path).Error);
    }

    [Fact]
    public void Database_without_places_is_refused()
    {
        var path = _temp.File("GeoLite2-ASN.mmdb");
        new MmdbWriter("GeoLite2-ASN").Add("102.89.32.0/24", new() { ["autonomous_system_number"] = 29465u, ["autonomous_system_organization"] = "MTN NIGERIA" }).Write(path);

        var opened = MaxMindGeoLocator.Open(path);

        Assert.False(opened.Success);
        Assert.Contains("is a GeoLite2-ASN database, which has no places", opened.Error, StringComparison.Ordinal);
    }
}
