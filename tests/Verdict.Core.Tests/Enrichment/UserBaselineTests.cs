using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Logs;
using Verdict.Tests.Support;

namespace Verdict.Tests.Enrichment;

public class UserBaselineTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };
    private static readonly DateTimeOffset Cutoff = AlertBuilder.At(TestData.NewYork, 2026, 11, 10, 0, 0);

    private static UserBaseline Build(List<LogEvent> events) => UserBaseline.Build("alice", events, Cutoff, Context);

    [Fact]
    public void Build_HoursHistogram_IsOnTheOrganisationsClockAcrossDaylightSavingChange()
    {
        var events = new LogBuilder("alice", TestData.NewYork)
            .Success(new DateTime(2026, 10, 28, 9, 30, 0), "10.1.0.1") // EDT, 13:30 UTC
            .Success(new DateTime(2026, 11, 3, 9, 30, 0), "10.1.0.1")  // EST, 14:30 UTC
            .Build();

        var b = Build(events);

        Assert.Equal(2, b.Hours[9]);
        Assert.Equal(2, b.Hours.Sum());
    }

    [Fact]
    public void IsUsualHour_NightOwlsHabitualHour_IsUsual_AndANeverUsedHourIsNot()
    {
        var events = new LogBuilder("grace", TestData.NewYork)
            .Workdays(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 30), "73.1.1.1", 14, 23)
            .Build();

        var b = UserBaseline.Build("grace", events, Cutoff, Context);

        Assert.True(b.IsUsualHour(23));
        Assert.True(b.IsUsualHour(0), "an hour next to a habitual one counts as usual");
        Assert.False(b.IsUsualHour(3));
        Assert.False(b.IsUsualHour(9));
    }

    [Fact]
    public void IsUsualHour_ASingleLoginAtAnHour_IsNotEnough()
    {
        var events = new LogBuilder("alice", TestData.NewYork)
            .Workdays(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 9), "10.1.0.1", 10)
            .Success(new DateTime(2026, 10, 10, 3, 0, 0), "10.1.0.1")
            .Build();

        Assert.False(Build(events).IsUsualHour(3));
    }

    [Fact]
    public void Build_CountriesAndAddresses_OnlyFromSuccessesBeforeTheCutoff()
    {
        var events = new LogBuilder("alice", TestData.NewYork)
            .Success(new DateTime(2026, 10, 20, 9, 0, 0), "10.1.0.1")
            .Success(new DateTime(2026, 10, 21, 9, 0, 0), "10.1.0.1")
            .Failure(new DateTime(2026, 10, 22, 9, 0, 0), "185.220.101.34", "Amsterdam", "NL")
            .Success(new DateTime(2026, 11, 12, 9, 0, 0), "92.184.100.9", "Paris", "FR") // after the cutoff
            .Build();

        var b = Build(events);

        Assert.Equal(["US"], b.Countries.Keys);
        Assert.Equal(["10.1.0.1"], b.Ips.Keys);
        Assert.Equal(events[0].Time, b.Ips["10.1.0.1"]);
        Assert.Equal(events[0].Time, b.Countries["US"]);
        Assert.Equal((2, 1), (b.Successes, b.Failures));
        Assert.Equal(events[1], b.LastSuccess);
        Assert.Equal(events[0].Time, b.FirstSeen);
    }

    [Fact]
    public void Build_MeanDailyLogins_IsPerActiveLocalDay()
    {
        var builder = new LogBuilder("alice", TestData.NewYork);
        // 2, 4 and 6 logins on three days; the 23:30 logins belong to the local day, not the UTC one.
        for (var i = 0; i < 2; i++) builder.Success(new DateTime(2026, 10, 19, 23, 30 + i, 0), "10.1.0.1");
        for (var i = 0; i < 4; i++) builder.Success(new DateTime(2026, 10, 20, 10, i, 0), "10.1.0.1");
        for (var i = 0; i < 6; i++) builder.Success(new DateTime(2026, 10, 21, 10, i, 0), "10.1.0.1");

        var b = Build(builder.Build());

        Assert.Equal(3, b.ActiveDays);
        Assert.Equal(4.0, b.MeanDailyLogins, 6);
        Assert.Equal(Math.Sqrt(8.0 / 3), b.StdDailyLogins, 6);
    }

    [Fact]
    public void Build_NoEventsBeforeCutoff_HasNoHistory()
    {
        var events = new LogBuilder("alice", TestData.NewYork).Success(new DateTime(2026, 11, 11, 9, 0, 0), "10.1.0.1").Build();

        var b = Build(events);

        Assert.False(b.HasHistory);
        Assert.Equal(0, b.ActiveDays);
        Assert.Empty(b.Ips);
        Assert.Null(b.FirstSeen);
    }
}
