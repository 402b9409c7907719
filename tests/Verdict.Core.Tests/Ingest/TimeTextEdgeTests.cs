using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Tests.Ingest;

/// <summary>Times that used to crash a run or depend on the machine's time zone.</summary>
public sealed class TimeTextEdgeTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("0001-01-01 00:00")]
    [InlineData("0001-01-01T00:30:00Z")]
    [InlineData("9999-12-31 23:00")]
    [InlineData("1969-12-31")]
    public void Placeholder_and_far_out_dates_are_unreadable_rather_than_fatal(string text) =>
        Assert.False(TimeText.TryParse(text, NewYork, out _, out _));

    [Theory]
    [InlineData("2026-03-08T07:30:00+01", "2026-03-08T06:30:00Z")]
    [InlineData("Sun, 08 Mar 2026 07:30:00 GMT", "2026-03-08T07:30:00Z")]
    public void A_time_carrying_its_own_zone_is_that_instant_whatever_the_organisation_and_machine_zones(string text, string utc)
    {
        Assert.True(TimeText.TryParse(text, NewYork, out var time, out var precision));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimePrecision.Exact, precision);
    }
}
