using System.Text.RegularExpressions;

namespace Verdict.Ingest;

public static partial class TimeText
{
    /// <summary>
    /// A record with separate date and time fields and no full timestamp (FortiWeb/FortiGate "date=2026-11-20 time=14:03:11",
    /// many syslog exports): when the field read as the time holds only a date or only a clock time, and a sibling field
    /// named "date" or "time" holds the other half, the two are read as one time. Otherwise the text is returned unchanged.
    /// </summary>
    public static string JoinDateAndTime(IReadOnlyList<KeyValuePair<string, string>> fields, string text)
    {
        var s = text.Trim();
        var isDate = DateOnly().IsMatch(s);
        var isClock = ClockOnly().IsMatch(s);
        if (!isDate && !isClock) return text;
        var wanted = isDate ? "time" : "date";
        foreach (var (key, value) in fields)
        {
            var name = key[(key.LastIndexOf('.') + 1)..];
            if (!name.Equals(wanted, StringComparison.OrdinalIgnoreCase)) continue;
            var other = value.Trim();
            if (isDate && ClockOnly().IsMatch(other)) return $"{s} {other}";
            if (isClock && DateOnly().IsMatch(other)) return $"{other} {s}";
        }
        return text;
    }

    [GeneratedRegex(@"^\d{4}[-/]\d{2}[-/]\d{2}$")]
    private static partial Regex DateOnly();

    [GeneratedRegex(@"^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")]
    private static partial Regex ClockOnly();
}
