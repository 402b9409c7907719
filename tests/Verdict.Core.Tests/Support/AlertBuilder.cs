using Verdict.Alerts;

namespace Verdict.Tests.Support;

/// <summary>Makes alerts the way the CSV reader would, without a file.</summary>
public static class AlertBuilder
{
    public static Alert Make(string id, string? user, DateTimeOffset? time, string rule = "suspicious_login",
        string? ip = null, Severity? severity = null, string description = "")
    {
        var u = EntityText.User(user);
        var alert = new Alert
        {
            Id = id,
            Source = new SourceRef("alerts.csv", 2),
            Rule = rule,
            Time = time,
            DetectorSeverity = severity,
            Description = description,
            User = u,
            SourceIp = ip,
            Fields = [new("type", rule), new("user", user ?? "")],
        };
        return alert with { Entities = EntityExtractor.Extract(alert) };
    }

    public static DateTimeOffset At(TimeZoneInfo zone, int year, int month, int day, int hour, int minute, int second = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
