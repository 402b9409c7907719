using Verdict.Alerts;
using Verdict.Logs;

namespace Verdict.Tests.Support;

/// <summary>Builds one user's activity log. Times are wall-clock in the given zone, places are city names Geo knows.</summary>
public sealed class LogBuilder(string user, TimeZoneInfo zone)
{
    private readonly List<LogEvent> _events = [];

    public LogBuilder Success(DateTime local, string ip, string city = "Boston", string country = "US") =>
        Add(local, true, ip, city, country);

    public LogBuilder Failure(DateTime local, string ip, string city = "Boston", string country = "US") =>
        Add(local, false, ip, city, country);

    /// <summary>n failures from one address, <paramref name="every"/> apart.</summary>
    public LogBuilder Failures(int n, DateTime localStart, TimeSpan every, string ip, string city = "Boston", string country = "US")
    {
        for (var i = 0; i < n; i++) Failure(localStart + (every * i), ip, city, country);
        return this;
    }

    /// <summary>One successful login at hh:05 for each given hour, on each Monday-Friday from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public LogBuilder Workdays(DateOnly from, DateOnly to, string ip, params int[] hours)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            foreach (var h in hours) Success(d.ToDateTime(new TimeOnly(h, 5)), ip);
        }
        return this;
    }

    public List<LogEvent> Build() => [.. _events.OrderBy(e => e.Time)];

    private LogBuilder Add(DateTime local, bool success, string ip, string city, string country)
    {
        var place = Geo.Resolve(null, city, country);
        _events.Add(new LogEvent
        {
            Time = new DateTimeOffset(local, zone.GetUtcOffset(local)),
            User = user,
            Success = success,
            Ip = ip,
            City = place.City,
            Country = place.Country,
            Latitude = place.Latitude,
            Longitude = place.Longitude,
            Source = new SourceRef("auth.csv", _events.Count + 2),
        });
        return this;
    }
}
