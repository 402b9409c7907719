namespace Verdict.Integrations.Geo;

/// <summary>An opened GeoIP database, or why it could not be opened (one line, for a person).</summary>
public sealed record GeoDatabaseOpen(MaxMindGeoLocator? Locator, string Error)
{
    public bool Success => Locator is not null;
    public static GeoDatabaseOpen Ok(MaxMindGeoLocator locator) => new(locator, "");
    public static GeoDatabaseOpen Fail(string error) => new(null, error);
}
