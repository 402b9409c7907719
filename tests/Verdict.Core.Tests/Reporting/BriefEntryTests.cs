using Verdict.Context;
using Verdict.Reporting;
using Verdict.Tests.Support;

namespace Verdict.Tests.Reporting;

public class BriefEntryTests
{
    [Fact]
    public void From_RepeatedColumnNames_KeepEveryValue()
    {
        var result = TriageHelper.Run("type,user,note,note\nlogin,bob,first,second\n", [], EnvironmentContext.Default);

        var entry = BriefEntry.From(result.Alerts[0]);

        Assert.Equal("first", entry.Alert!["note"]);
        Assert.Equal("second", entry.Alert["note_2"]);
        Assert.Equal(4, entry.Alert.Count);
    }

    [Fact]
    public void From_TriagedAlert_CarriesItsVerdictAndSource()
    {
        var result = TriageHelper.Run("type,user,date\nlogin,bob,2026-10-31T06:00:00Z\n", [], EnvironmentContext.Default);
        var outcome = result.Alerts[0];

        var entry = BriefEntry.From(outcome);

        Assert.Equal("alerts-2", entry.AlertId);
        Assert.Equal(new SourceEntry("alerts.csv", 2), entry.Source);
        Assert.Equal("INC-0001", entry.IncidentId);
        Assert.Equal(outcome.Assessment!.Classification, entry.Classification);
        Assert.Equal(outcome.Decision!.Reason, entry.DecisionReason);
        Assert.Null(entry.Error);
    }
}
