using System.Net;

namespace Verdict.Logs;

/// <summary>
/// Places an IP address (city, ISO country code, coordinates) from a GeoIP database the user configured.
/// Core names only the abstraction; the MaxMind reader lives in Verdict.Integrations.
/// </summary>
public interface IGeoLocator
{
    /// <summary>
    /// Where the address is, or null when the database does not know it or the address is private or reserved.
    /// Never throws for an address.
    /// </summary>
    Place? Locate(IPAddress ip);
}
