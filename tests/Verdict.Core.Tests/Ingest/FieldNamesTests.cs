using Verdict.Ingest;

namespace Verdict.Tests.Ingest;

public class FieldNamesTests
{
    [Theory]
    [InlineData("Source IP", CanonicalField.SourceIp)]
    [InlineData("source_ip", CanonicalField.SourceIp)]
    [InlineData("SourceIP", CanonicalField.SourceIp)]
    [InlineData("@timestamp", CanonicalField.Time)]
    [InlineData("TimeGenerated", CanonicalField.Time)]
    [InlineData("user.name", CanonicalField.User)]
    [InlineData("Account", CanonicalField.User)]
    [InlineData("Priority", CanonicalField.Severity)]
    [InlineData("AlertId", CanonicalField.Id)]
    [InlineData("detail", CanonicalField.Description)]
    public void Recognize_CommonSpellings_MapToTheCanonicalField(string column, CanonicalField expected) =>
        Assert.Equal(expected, FieldNames.Recognize(column));

    [Theory]
    [InlineData("favourite_colour")]
    [InlineData("")]
    public void Recognize_UnknownColumn_IsNull(string column) => Assert.Null(FieldNames.Recognize(column));

    [Fact]
    public void MapHeader_TwoColumnsForOneField_TheFirstWins()
    {
        var map = FieldNames.MapHeader(["date", "type", "timestamp", "zzz"]);

        Assert.Equal(0, map[CanonicalField.Time]);
        Assert.Equal(1, map[CanonicalField.Rule]);
        Assert.Equal(2, map.Count);
    }
}
