using System.Net;

namespace Verdict.Logs;

/// <summary>
/// Looks each distinct address up once per run and counts what it found, for the run summary. One instance can
/// serve both the activity logs and the alerts, so an address in both is looked up once. Not thread-safe.
/// </summary>
public sealed class CachedGeoLocator(IGeoLocator inner) : IGeoLocator
{
    private readonly Dictionary<string, Place?> _places = new(StringComparer.Ordinal);

    /// <summary>Distinct addresses asked about.</summary>
    public int Addresses => _places.Count;

    /// <summary>Distinct addresses the database placed.</summary>
    public int Located => _places.Values.Count(p => p is not null);

    public Place? Locate(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return Locate(ip.ToString(), ip);
    }

    /// <summary>Places an address given as text (canonical, as <see cref="Alerts.EntityText.Ip"/> writes it); null when it is not an address.</summary>
    public Place? Locate(string? ip) => ip is null ? null : Locate(ip, null);

    private Place? Locate(string key, IPAddress? parsed)
    {
        if (_places.TryGetValue(key, out var place)) return place;
        if (parsed is null && !IPAddress.TryParse(key, out parsed)) return _places[key] = null;
        return _places[key] = inner.Locate(parsed);
    }
}
