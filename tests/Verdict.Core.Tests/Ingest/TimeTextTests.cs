using Verdict.Alerts;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

public class TimeTextTests
{
    private static readonly TimeZoneInfo Zone = TestData.NewYork;
    private static readonly DateTimeOffset Instant = new(2026, 10, 31, 6, 18, 25, TimeSpan.Zero);

    private static (DateTimeOffset Time, TimePrecision Precision) Parse(string text)
    {
        Assert.True(TimeText.TryParse(text, Zone, out var time, out var precision), $"'{text}' should parse");
        return (time, precision);
    }

    [Theory]
    [InlineData("2026-10-31T06:18:25Z")]
    [InlineData("2026-10-31T02:18:25-04:00")]
    [InlineData("2026-10-31T07:18:25+0100")]
    [InlineData("2026-10-31 06:18:25 UTC")]
    [InlineData("31 Oct 2026 07:18:25 (GMT +01:00)")]
    public void TryParse_IsoWithZoneOrOffset_IsThatInstant(string text)
    {
        var (time, precision) = Parse(text);

        Assert.Equal(Instant, time);
        Assert.Equal(TimePrecision.Exact, precision);
    }

    [Theory]
    [InlineData("1793427505")]
    [InlineData("1793427505000")]
    [InlineData("1793427505000000")]
    [InlineData("1793427505000000000")]
    public void TryParse_EpochSecondsOrMilliseconds_IsThatInstant(string text) => Assert.Equal(Instant, Parse(text).Time);

    [Fact]
    public void TryParse_EpochNanoseconds_KeepsTheMicroseconds() =>
        Assert.Equal(Instant.AddTicks(2_500_010), Parse("1793427505250001000").Time);

    [Fact]
    public void TryParse_EpochMilliseconds_KeepsTheMilliseconds() =>
        Assert.Equal(Instant.AddMilliseconds(250), Parse("1793427505250").Time);

    [Theory]
    [InlineData("2026-10-31", -4)]
    [InlineData("10/31/2026", -4)]
    [InlineData("2026-11-02", -5)]
    public void TryParse_DateOnly_IsLocalMidnightWithDayPrecision(string text, int offsetHours)
    {
        var (time, precision) = Parse(text);

        Assert.Equal(TimePrecision.Day, precision);
        Assert.Equal(TimeSpan.Zero, time.TimeOfDay);
        Assert.Equal(TimeSpan.FromHours(offsetHours), time.Offset);
    }

    [Fact]
    public void TryParse_NaiveTime_IsReadInTheOrganisationsZone()
    {
        var (time, precision) = Parse("2026-10-31 02:10");

        Assert.Equal(TimePrecision.Exact, precision);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 6, 10, 0, TimeSpan.Zero), time.ToUniversalTime());
    }

    [Theory]
    [InlineData("2026-10-31T02:18:25")]
    [InlineData("2026-10-31 02:18:25")]
    [InlineData("10/31/2026 02:18:25")]
    public void TryParse_NaiveTimeWithSeconds_IsReadInTheZone(string text) => Assert.Equal(Instant, Parse(text).Time);

    [Fact]
    public void TryParse_NaiveTimeAfterDaylightSavingEnds_UsesStandardOffset() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 7, 10, 0, TimeSpan.Zero), Parse("2026-11-02 02:10").Time.ToUniversalTime());

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("2026-13-45")]
    [InlineData("31/31/2026 10:00")]
    public void TryParse_Garbage_IsRejected(string? text) => Assert.False(TimeText.TryParse(text, Zone, out _, out _));
}
