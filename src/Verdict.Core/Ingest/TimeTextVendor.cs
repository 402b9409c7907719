using System.Globalization;
using System.Text.RegularExpressions;

namespace Verdict.Ingest;

public static partial class TimeText
{
    private static readonly string[] CTimeFormats = ["ddd MMM d HH:mm:ss yyyy", "ddd MMM d HH:mm:ss.FFFFFFF yyyy"];

    /// <summary>
    /// C's asctime (ModSecurity's <c>transaction.time_stamp</c>, Apache error logs): "Tue Nov 17 02:14:11 2026", read as
    /// UTC; with an offset before the year ("Tue Nov 17 02:14:11 +0100 2026") at that offset.
    /// </summary>
    private static bool TryParseCTime(string s, out DateTimeOffset time)
    {
        time = default;
        if (CTime().Match(s) is not { Success: true } m) return false;
        var wall = $"{m.Groups["day"].Value} {m.Groups["clock"].Value} {m.Groups["year"].Value}";
        if (!DateTime.TryParseExact(wall, CTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var at)) return false;
        var offset = TimeSpan.Zero;
        if (m.Groups["offset"].Success)
        {
            var o = m.Groups["offset"].Value.Replace(":", "", StringComparison.Ordinal);
            offset = new TimeSpan(int.Parse(o[1..3], CultureInfo.InvariantCulture), int.Parse(o[3..5], CultureInfo.InvariantCulture), 0);
            if (o[0] == '-') offset = -offset;
            if (offset.Duration() > TimeSpan.FromHours(14)) return false;
        }
        time = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), offset);
        return true;
    }

    /// <summary>ISO 8601 with more than 7 fraction digits (Falco and Go write nanoseconds), cut to the 7 .NET reads.</summary>
    private static string TrimNanoseconds(string s)
    {
        var m = LongFraction().Match(s);
        return m.Success ? s[..(m.Index + 8)] + s[(m.Index + m.Length)..] : s;
    }

    /// <summary>Epoch seconds with a fraction, Zeek's default JSON <c>ts</c>: "1794888221.123456".</summary>
    private static bool TryParseEpochFraction(string s, out DateTimeOffset time)
    {
        time = default;
        if (!EpochFraction().IsMatch(s)) return false;
        var seconds = decimal.Parse(s, CultureInfo.InvariantCulture);
        time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>
    /// Why a time that does not read could not: Snort's default <c>timestamp</c> ("11/17-06:30:12.152019") has no year,
    /// and Verdict does not guess one (a record of last December read in January would land a year out). Snort writes
    /// the year with <c>-y</c>, and <c>seconds</c> (epoch) when it is in alert_json's fields; either is read.
    /// </summary>
    public static string Hint(string text) => YearlessSnort().IsMatch(text.Trim())
        ? " (no year in it: run Snort with -y, or add 'seconds' to alert_json's fields, or map another time field)"
        : "";

    [GeneratedRegex(@"^\d{10}\.\d{1,9}$")]
    private static partial Regex EpochFraction();

    [GeneratedRegex(@"^\d{2}/\d{2}-\d{2}:\d{2}:\d{2}(\.\d+)?$")]
    private static partial Regex YearlessSnort();

    [GeneratedRegex(@"^(?<day>[A-Za-z]{3}\s+[A-Za-z]{3}\s+\d{1,2})\s+(?<clock>\d{2}:\d{2}:\d{2}(\.\d{1,7})?)\s+((?<offset>[+-]\d{2}:?\d{2})\s+)?(?<year>\d{4})$")]
    private static partial Regex CTime();

    [GeneratedRegex(@"(?<=T\d{2}:\d{2}:\d{2})\.\d{8,}")]
    private static partial Regex LongFraction();
}
