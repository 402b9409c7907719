using Verdict.Ingest;

namespace Verdict.Tests.Ingest;

public class FieldMappingTests
{
    private static (FieldMapping? Mapping, IReadOnlyList<string> Errors) Load(string yaml) => FieldMapping.Load(new StringReader(yaml), "map.yaml");

    [Fact]
    public void Load_SnakeCaseNamesAndAliases_OverrideTheBuiltInAliases()
    {
        var (mapping, errors) = Load("fields:\n  vendor.weird_name: user\n  x.y: src_ip\n  rule_name: description\n");

        Assert.Empty(errors);
        Assert.Equal((CanonicalField.User, FieldOrigin.MappingFile), mapping!.Resolve("vendor.weird_name"));
        Assert.Equal((CanonicalField.SourceIp, FieldOrigin.MappingFile), mapping.Resolve("X.Y"));
        Assert.Equal((CanonicalField.Description, FieldOrigin.MappingFile), mapping.Resolve("rule_name"));
        Assert.Equal((CanonicalField.Host, FieldOrigin.BuiltInAlias), mapping.Resolve("hostname"));
        Assert.Equal(((CanonicalField?)null, FieldOrigin.Raw), mapping.Resolve("favourite_colour"));
    }

    [Fact]
    public void Map_MappingFileNamesWinOverEarlierAliases()
    {
        var (mapping, _) = Load("fields:\n  acct: user\n");

        var map = mapping!.Map(["user", "acct"]);

        Assert.Equal(1, map[CanonicalField.User]);
    }

    [Fact]
    public void Load_Mistakes_AreAllReportedWithTheirLines()
    {
        var (mapping, errors) = Load("fields:\n  a: user\n  b: nonsense\nextra: 1\n");

        Assert.Null(mapping);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("map.yaml:3: unknown canonical field 'nonsense' for 'b'", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("map.yaml:4: unknown key 'extra'", errors[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fields: [a, b]\n", "map.yaml:1: 'fields' must be a mapping")]
    [InlineData("- just a list\n", "map.yaml:1: expected 'fields:'")]
    [InlineData("fields: {a: user\n", "map.yaml:")]
    public void Load_WrongShape_IsAnErrorWithItsLine(string yaml, string expected) =>
        Assert.StartsWith(expected, Assert.Single(Load(yaml).Errors), StringComparison.Ordinal);

    [Fact]
    public void Read_WithMapping_UnrecognisedVendorNamesBecomeCanonical()
    {
        var (mapping, _) = Load("fields:\n  actor_acct: user\n  evt.label: rule\n");
        const string Json = "{\"evt\":{\"label\":\"odd schema\"},\"actor_acct\":\"zed\",\"note\":\"n\"}";

        var alert = JsonAlertReader.Read(Support.TestData.Stream(Json), "x.json", Verdict.Context.EnvironmentContext.Default, mapping).Single().Value!;

        Assert.Equal(("odd schema", "zed"), (alert.Rule, alert.User));
        Assert.Contains(new KeyValuePair<string, string>("note", "n"), alert.Fields);
    }

    [Fact]
    public void Read_CsvWithMapping_TheMappedColumnIsUsed()
    {
        var (mapping, _) = Load("fields:\n  who: user\n  what: rule\n");

        var alert = CsvAlertReader.Read(Support.TestData.Stream("what,who\nodd,zed\n"), "x.csv", Verdict.Context.EnvironmentContext.Default, mapping: mapping).Single().Value!;

        Assert.Equal(("odd", "zed"), (alert.Rule, alert.User));
    }

    [Fact]
    public void SnakeName_And_Target_RoundTrip()
    {
        foreach (var field in Enum.GetValues<CanonicalField>()) Assert.Equal(field, FieldNames.Target(FieldNames.SnakeName(field)));
        Assert.Equal("destination_port", FieldNames.SnakeName(CanonicalField.DestinationPort));
    }
}
