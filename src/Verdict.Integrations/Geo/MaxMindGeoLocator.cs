using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MaxMind.Db;
using MaxMind.GeoIP2;
using Verdict.Alerts;
using Verdict.Logs;

namespace Verdict.Integrations.Geo;

/// <summary>
/// Places addresses with a MaxMind GeoIP2 or GeoLite2 database (.mmdb) the user already has; nothing is downloaded.
/// A City (or Enterprise) database gives city, country and coordinates, a Country database the country only.
/// Private and reserved addresses are never looked up. Lookups never throw: a damaged record is counted and
/// reads as unknown.
/// </summary>
public sealed class MaxMindGeoLocator : IGeoLocator, IDisposable
{
    private enum Kind { City, Enterprise, Country }

    private readonly DatabaseReader _reader;
    private readonly Kind _kind;
    private int _lookupErrors;

    private MaxMindGeoLocator(DatabaseReader reader, Kind kind)
    {
        _reader = reader;
        _kind = kind;
    }

    /// <summary>The database_type from the file's metadata, e.g. "GeoLite2-City".</summary>
    public string DatabaseType => _reader.Metadata.DatabaseType;

    public DateTime BuildDate => _reader.Metadata.BuildDate;

    /// <summary>True for City and Enterprise databases; a Country database places countries only.</summary>
    public bool HasCities => _kind != Kind.Country;

    /// <summary>Lookups that failed on a damaged database record.</summary>
    public int LookupErrors => _lookupErrors;

    /// <summary>"GeoLite2-City, built 2026-01-06", for the run summary.</summary>
    public string Description => $"{DatabaseType}, built {BuildDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Opens a .mmdb file. A missing, unreadable or non-MaxMind file, or a database without places, is an error result.</summary>
    public static GeoDatabaseOpen Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) return GeoDatabaseOpen.Fail($"GeoIP database {path} is a directory; give the .mmdb file");
        if (!File.Exists(path)) return GeoDatabaseOpen.Fail($"GeoIP database {path} not found");
        DatabaseReader? reader = null;
        try
        {
            if (new FileInfo(path).Length == 0) return GeoDatabaseOpen.Fail($"GeoIP database {path} is empty, not a MaxMind DB (.mmdb) file");
            if (NotMaxMind(path) is { } why) return GeoDatabaseOpen.Fail($"GeoIP database {path} {why}");
            reader = new DatabaseReader(path, ["en"]);
            var type = reader.Metadata.DatabaseType ?? "";
            Kind? kind = type.Contains("City", StringComparison.Ordinal) ? Kind.City
                : type.Contains("Enterprise", StringComparison.Ordinal) ? Kind.Enterprise
                : type.Contains("Country", StringComparison.Ordinal) ? Kind.Country
                : null;
            if (kind is null)
            {
                reader.Dispose();
                return GeoDatabaseOpen.Fail($"GeoIP database {path} is {(type.Length > 0 ? $"a {type} database" : "a database of no type")}, which has no places; give a GeoIP2 or GeoLite2 City or Country database");
            }
            return GeoDatabaseOpen.Ok(new MaxMindGeoLocator(reader, kind.Value));
        }
        catch (Exception e) when (e is InvalidDatabaseException or DeserializationException or ArgumentException)
        {
            reader?.Dispose();
            return GeoDatabaseOpen.Fail($"GeoIP database {path} is not a readable MaxMind DB (.mmdb) file: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reader?.Dispose();
            return GeoDatabaseOpen.Fail($"GeoIP database {path} cannot be read: {e.Message}");
        }
    }

    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    /// <summary>Why a file is plainly not a .mmdb (no metadata marker in its last 128 KiB, as the format requires), or null.</summary>
    private static string? NotMaxMind(string path)
    {
        using var file = File.OpenRead(path);
        var tail = new byte[(int)Math.Min(file.Length, 128 * 1024)];
        Span<byte> head = stackalloc byte[2];
        var gzip = file.Read(head) == 2 && head[0] == 0x1f && head[1] == 0x8b;
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        if (tail.AsSpan().LastIndexOf(MetadataMarker) >= 0) return null;
        return gzip
            ? "is gzip-compressed; extract the .mmdb file from MaxMind's .tar.gz first"
            : "is not a MaxMind DB (.mmdb) file: it has no MaxMind DB metadata";
    }

    public Place? Locate(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (IpRanges.IsSpecial(ip)) return null;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && _reader.Metadata.IPVersion == 4) return null;
        try
        {
            return _kind switch
            {
                Kind.City => _reader.TryCity(ip, out var city) && city is not null
                    ? Place(city.City.Name, city.Country.IsoCode, city.Location.Latitude, city.Location.Longitude) : null,
                Kind.Enterprise => _reader.TryEnterprise(ip, out var enterprise) && enterprise is not null
                    ? Place(enterprise.City.Name, enterprise.Country.IsoCode, enterprise.Location.Latitude, enterprise.Location.Longitude) : null,
                _ => _reader.TryCountry(ip, out var country) && country is not null
                    ? Place(null, country.Country.IsoCode, null, null) : null,
            };
        }
        catch (Exception e) when (e is InvalidDatabaseException or DeserializationException)
        {
            Interlocked.Increment(ref _lookupErrors);
            return null;
        }
    }

    public void Dispose() => _reader.Dispose();

    private static Place? Place(string? city, string? country, double? latitude, double? longitude)
    {
        if (latitude is null || longitude is null) (latitude, longitude) = (null, null);
        if (city is null && country is null && latitude is null) return null;
        return new Place(city, country?.ToUpperInvariant(), latitude, longitude);
    }
}
