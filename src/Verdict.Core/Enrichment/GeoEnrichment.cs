using System.Net;
using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Logs;

namespace Verdict.Enrichment;

/// <summary>Puts where an alert's IP addresses are (GeoIP) on its IP entities, as the "country" and "city" attributes.</summary>
public static class GeoEnrichment
{
    /// <summary>The line for the run's "not used" list when no GeoIP database was configured.</summary>
    public const string NotUsed = "GeoIP: no database given (--geoip FILE.mmdb); places come from log columns";

    public const string CountryAttribute = "country";
    public const string CityAttribute = "city";

    /// <summary>Every readable alert with its IP entities placed; error records pass through unchanged.</summary>
    public static List<ParseResult<Alert>> Locate(IEnumerable<ParseResult<Alert>> records, IGeoLocator geo) =>
        [.. records.Select(r => r.Success ? r with { Value = Locate(r.Value!, geo) } : r)];

    /// <summary>
    /// The alert with "country" (ISO code) and "city" attributes on each IP entity the locator places.
    /// Attributes the entity already had win; an alert with nothing to add is returned as it was.
    /// </summary>
    public static Alert Locate(Alert alert, IGeoLocator geo)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(geo);
        var changed = false;
        var entities = new List<Entity>(alert.Entities.Count);
        foreach (var entity in alert.Entities)
        {
            var place = entity.Kind == EntityKind.Ip && IPAddress.TryParse(entity.Value, out var ip) ? geo.Locate(ip) : null;
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (place?.Country is { } country) attributes[CountryAttribute] = country;
            if (place?.City is { } city) attributes[CityAttribute] = city;
            if (attributes.Count == 0)
            {
                entities.Add(entity);
                continue;
            }
            entities.Add(entity.MergedWith(new Entity(entity.Kind, entity.Value, Attributes: attributes)));
            changed = true;
        }
        return changed ? alert with { Entities = entities } : alert;
    }
}
