namespace Verdict.Logs;

/// <summary>
/// Fills the place of a log event that has an address but no (or only part of a) place, from GeoIP.
/// What the log says always wins: an event with coordinates is left alone, and a country or city the log gives
/// must agree with the database before its other fields are taken; otherwise the event stays as the log had it.
/// </summary>
public static class GeoFill
{
    public static LogEvent Apply(LogEvent e, CachedGeoLocator geo)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(geo);
        if (e.Ip is null || e.HasCoordinates) return e;
        if (geo.Locate(e.Ip) is not { } place) return e;
        if (e.Country is not null && !string.Equals(e.Country, place.Country, StringComparison.OrdinalIgnoreCase)) return e;
        if (e.City is not null && !string.Equals(e.City, place.City, StringComparison.OrdinalIgnoreCase)) return e;
        return e with
        {
            Country = e.Country ?? place.Country,
            City = e.City ?? place.City,
            Latitude = place.Latitude,
            Longitude = place.Longitude,
        };
    }
}
