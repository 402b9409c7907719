using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Ingest;
using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Enrichment;

public sealed class GeoEnrichmentTests
{
    private static readonly FakeGeoLocator Geo = new(new()
    {
        ["102.89.32.7"] = new Place("Lagos", "NG", 6.4474, 3.3903),
        ["5.9.12.1"] = new Place(null, "DE", null, null),
    });

    [Fact]
    public void Locate_PutsCountryAndCityOnIpEntities()
    {
        var alert = AlertBuilder.Make("A1", "bob", null, ip: "102.89.32.7", description: "then 5.9.12.1 and 8.8.8.8");

        var placed = GeoEnrichment.Locate(alert, Geo);

        var lagos = placed.Entities.Single(e => e.Value == "102.89.32.7");
        Assert.Equal(("NG", "Lagos"), (lagos.Attribute("country"), lagos.Attribute("city")));
        var germany = placed.Entities.Single(e => e.Value == "5.9.12.1");
        Assert.Equal(("DE", null), (germany.Attribute("country"), germany.Attribute("city")));
        Assert.Null(placed.Entities.Single(e => e.Value == "8.8.8.8").Attribute("country"));
        Assert.Contains("public", lagos.Tags!);
        Assert.Equal(placed.Entities.Select(e => e.Value), alert.Entities.Select(e => e.Value));
    }

    [Fact]
    public void Locate_NothingToAdd_ReturnsTheSameAlert()
    {
        var alert = AlertBuilder.Make("A1", "bob", null, ip: "8.8.8.8");

        Assert.Same(alert, GeoEnrichment.Locate(alert, Geo));
    }

    [Fact]
    public void Locate_Records_PassesErrorsThroughInOrder()
    {
        var error = new ParseResult<Alert>(null, new InputError(new SourceRef("alerts.csv", 3), "bad row"));
        var records = new[] { ParseResult<Alert>.Ok(AlertBuilder.Make("A1", "bob", null, ip: "102.89.32.7")), error };

        var placed = GeoEnrichment.Locate(records, Geo);

        Assert.Equal("NG", placed[0].Value!.Entities.Single(e => e.Kind == EntityKind.Ip).Attribute("country"));
        Assert.Equal(error, placed[1]);
    }
}
