using System.Globalization;
using Verdict.Alerts;

namespace Verdict.Ingest;

/// <summary>Reads the timestamps security tools write: ISO 8601 with or without offset, date only,
/// "yyyy-MM-dd HH:mm[:ss]", US "MM/dd/yyyy HH:mm[:ss]", epoch seconds or milliseconds.
/// A time with no offset is read in the organisation's time zone.</summary>
public static partial class TimeText
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "M/d/yyyy H:mm:ss",
        "M/d/yyyy H:mm", "dd-MMM-yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss",
    ];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "MM/dd/yyyy", "M/d/yyyy", "dd-MMM-yyyy"];

    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset time, out TimePrecision precision)
    {
        // Times outside these years are typos or placeholders (0001-01-01), and would overflow window arithmetic.
        var ok = TryParseAny(text, zone, out time, out precision) && time.Year is >= MinYear and <= MaxYear;
        if (!ok) time = default;
        return ok;
    }

    public const int MinYear = 1970;
    public const int MaxYear = 2200;

    private static bool TryParseAny(string? text, TimeZoneInfo zone, out DateTimeOffset time, out TimePrecision precision)
    {
        time = default;
        precision = TimePrecision.Exact;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s)) return false;

        if (s.All(char.IsAsciiDigit) && s.Length is 10 or 13)
        {
            var n = long.Parse(s, CultureInfo.InvariantCulture);
            time = s.Length == 10 ? DateTimeOffset.FromUnixTimeSeconds(n) : DateTimeOffset.FromUnixTimeMilliseconds(n);
            return true;
        }
        if (TryParseCTime(s, out time)) return true;
        s = TrimNanoseconds(s);
        if (s.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase)) s = s[..^4] + "Z";
        if (WithOffset().IsMatch(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out time))
        {
            return true;
        }
        try
        {
            if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                precision = TimePrecision.Day;
                time = InZone(date, zone);
                return true;
            }
            if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                time = InZone(local, zone);
                return true;
            }
            // Anything else .NET can read: with a zone of its own ("+01", "GMT") it is that instant, whatever this
            // machine's zone; without one it is a wall-clock time in the organisation's zone.
            if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var other)) return false;
            if (other.Kind == DateTimeKind.Unspecified)
            {
                time = InZone(other, zone);
                return true;
            }
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // a wall-clock time at the very edge of the calendar
        }
    }

    /// <summary>Interprets a wall-clock time in a zone; times in a DST gap are taken with the standard offset.</summary>
    public static DateTimeOffset InZone(DateTime wallClock, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WithOffset();
}
