namespace Verdict.Logs;

public sealed record Place(string? City, string? Country, double? Latitude, double? Longitude);

/// <summary>
/// Resolves log locations to a city, country and coordinates with a small built-in table of the world's
/// larger cities (used for impossible-travel speed when logs carry no lat/lon), and measures distances.
/// </summary>
public static class Geo
{
    private static readonly Dictionary<string, (string Country, double Lat, double Lon)> Cities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["New York"] = ("US", 40.7128, -74.0060), ["Boston"] = ("US", 42.3601, -71.0589), ["Chicago"] = ("US", 41.8781, -87.6298),
        ["Austin"] = ("US", 30.2672, -97.7431), ["San Francisco"] = ("US", 37.7749, -122.4194), ["Los Angeles"] = ("US", 34.0522, -118.2437),
        ["Seattle"] = ("US", 47.6062, -122.3321), ["Denver"] = ("US", 39.7392, -104.9903), ["Miami"] = ("US", 25.7617, -80.1918),
        ["Atlanta"] = ("US", 33.7490, -84.3880), ["Dallas"] = ("US", 32.7767, -96.7970), ["Houston"] = ("US", 29.7604, -95.3698),
        ["Washington"] = ("US", 38.9072, -77.0369), ["Philadelphia"] = ("US", 39.9526, -75.1652), ["Phoenix"] = ("US", 33.4484, -112.0740),
        ["Toronto"] = ("CA", 43.6532, -79.3832), ["Montreal"] = ("CA", 45.5017, -73.5673), ["Vancouver"] = ("CA", 49.2827, -123.1207),
        ["Mexico City"] = ("MX", 19.4326, -99.1332), ["Sao Paulo"] = ("BR", -23.5505, -46.6333), ["Buenos Aires"] = ("AR", -34.6037, -58.3816),
        ["Bogota"] = ("CO", 4.7110, -74.0721), ["Lima"] = ("PE", -12.0464, -77.0428), ["Santiago"] = ("CL", -33.4489, -70.6693),
        ["London"] = ("GB", 51.5074, -0.1278), ["Dublin"] = ("IE", 53.3498, -6.2603), ["Paris"] = ("FR", 48.8566, 2.3522),
        ["Frankfurt"] = ("DE", 50.1109, 8.6821), ["Berlin"] = ("DE", 52.5200, 13.4050), ["Munich"] = ("DE", 48.1351, 11.5820),
        ["Amsterdam"] = ("NL", 52.3676, 4.9041), ["Brussels"] = ("BE", 50.8503, 4.3517), ["Madrid"] = ("ES", 40.4168, -3.7038),
        ["Barcelona"] = ("ES", 41.3851, 2.1734), ["Lisbon"] = ("PT", 38.7223, -9.1393), ["Rome"] = ("IT", 41.9028, 12.4964),
        ["Milan"] = ("IT", 45.4642, 9.1900), ["Zurich"] = ("CH", 47.3769, 8.5417), ["Vienna"] = ("AT", 48.2082, 16.3738),
        ["Stockholm"] = ("SE", 59.3293, 18.0686), ["Oslo"] = ("NO", 59.9139, 10.7522), ["Copenhagen"] = ("DK", 55.6761, 12.5683),
        ["Helsinki"] = ("FI", 60.1699, 24.9384), ["Warsaw"] = ("PL", 52.2297, 21.0122), ["Prague"] = ("CZ", 50.0755, 14.4378),
        ["Bucharest"] = ("RO", 44.4268, 26.1025), ["Kyiv"] = ("UA", 50.4501, 30.5234), ["Moscow"] = ("RU", 55.7558, 37.6173),
        ["Saint Petersburg"] = ("RU", 59.9311, 30.3609), ["Minsk"] = ("BY", 53.9006, 27.5590), ["Istanbul"] = ("TR", 41.0082, 28.9784),
        ["Tel Aviv"] = ("IL", 32.0853, 34.7818), ["Dubai"] = ("AE", 25.2048, 55.2708), ["Riyadh"] = ("SA", 24.7136, 46.6753),
        ["Tehran"] = ("IR", 35.6892, 51.3890), ["Cairo"] = ("EG", 30.0444, 31.2357), ["Lagos"] = ("NG", 6.5244, 3.3792),
        ["Nairobi"] = ("KE", -1.2921, 36.8219), ["Johannesburg"] = ("ZA", -26.2041, 28.0473), ["Cape Town"] = ("ZA", -33.9249, 18.4241),
        ["Casablanca"] = ("MA", 33.5731, -7.5898), ["Mumbai"] = ("IN", 19.0760, 72.8777), ["Delhi"] = ("IN", 28.7041, 77.1025),
        ["Bangalore"] = ("IN", 12.9716, 77.5946), ["Singapore"] = ("SG", 1.3521, 103.8198), ["Hong Kong"] = ("HK", 22.3193, 114.1694),
        ["Shanghai"] = ("CN", 31.2304, 121.4737), ["Beijing"] = ("CN", 39.9042, 116.4074), ["Shenzhen"] = ("CN", 22.5431, 114.0579),
        ["Tokyo"] = ("JP", 35.6762, 139.6503), ["Osaka"] = ("JP", 34.6937, 135.5023), ["Seoul"] = ("KR", 37.5665, 126.9780),
        ["Pyongyang"] = ("KP", 39.0392, 125.7625), ["Taipei"] = ("TW", 25.0330, 121.5654), ["Manila"] = ("PH", 14.5995, 120.9842),
        ["Jakarta"] = ("ID", -6.2088, 106.8456), ["Bangkok"] = ("TH", 13.7563, 100.5018), ["Hanoi"] = ("VN", 21.0278, 105.8342),
        ["Sydney"] = ("AU", -33.8688, 151.2093), ["Melbourne"] = ("AU", -37.8136, 144.9631), ["Auckland"] = ("NZ", -36.8485, 174.7633),
    };

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United States"] = "US", ["USA"] = "US", ["United Kingdom"] = "GB", ["UK"] = "GB", ["France"] = "FR", ["Germany"] = "DE",
        ["Netherlands"] = "NL", ["Nigeria"] = "NG", ["Russia"] = "RU", ["China"] = "CN", ["Romania"] = "RO", ["Canada"] = "CA",
        ["Japan"] = "JP", ["India"] = "IN", ["Brazil"] = "BR", ["Spain"] = "ES", ["Italy"] = "IT", ["Ireland"] = "IE",
        ["Australia"] = "AU", ["Ukraine"] = "UA", ["Iran"] = "IR", ["North Korea"] = "KP", ["Mexico"] = "MX", ["Singapore"] = "SG",
        ["Switzerland"] = "CH", ["Belgium"] = "BE", ["Portugal"] = "PT", ["Poland"] = "PL", ["Austria"] = "AT", ["Sweden"] = "SE",
        ["Norway"] = "NO", ["Denmark"] = "DK", ["Finland"] = "FI", ["Czechia"] = "CZ", ["Hong Kong"] = "HK", ["South Korea"] = "KR",
        ["United Arab Emirates"] = "AE", ["Turkey"] = "TR", ["Israel"] = "IL", ["South Africa"] = "ZA", ["New Zealand"] = "NZ",
        ["Russian Federation"] = "RU", ["United States of America"] = "US", ["Great Britain"] = "GB", ["Vietnam"] = "VN", ["Indonesia"] = "ID",
        ["Philippines"] = "PH", ["Thailand"] = "TH", ["Malaysia"] = "MY", ["Taiwan"] = "TW", ["Egypt"] = "EG", ["Kenya"] = "KE",
    };

    /// <summary>Combines a free-text location ("Boston, US", "Paris, France", "Chicago") with explicit city/country columns.</summary>
    public static Place Resolve(string? location, string? city, string? country)
    {
        var parts = location?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        city ??= parts.Length > 0 ? parts[0] : null;
        country = CountryCode(country) ?? (parts.Length > 1 ? CountryCode(parts[^1]) : null);
        if (city is not null && Cities.TryGetValue(city, out var known))
        {
            return new Place(city, country ?? known.Country, known.Lat, known.Lon);
        }
        return new Place(city, country, null, null);
    }

    /// <summary>An ISO 3166 alpha-2 code ("GB") or a country's English name ("United Kingdom") as its code; null when unknown.</summary>
    public static string? CountryCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length == 2 && text.All(char.IsAsciiLetter)) return text.ToUpperInvariant();
        return CountryNames.GetValueOrDefault(text);
    }

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
