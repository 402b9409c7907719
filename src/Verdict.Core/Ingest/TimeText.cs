using System.Globalization;
using Verdict.Alerts;

namespace Verdict.Ingest;

/// <summary>Reads the timestamps security tools write: ISO 8601 with or without offset, date only,
/// "yyyy-MM-dd HH:mm[:ss]", US "MM/dd/yyyy HH:mm[:ss]", epoch seconds (also with a fraction, as Zeek writes them),
/// milliseconds, microseconds or nanoseconds, an offset in brackets after a zone name ("(GMT +01:00)"), Snort's "MM/dd/yy-HH:mm:ss.ffffff" (its -y option; without a year a time is not read, see
/// <see cref="Hint"/>).
/// A time with no offset is read in the organisation's time zone.</summary>
public static partial class TimeText
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "M/d/yyyy H:mm:ss",
        "M/d/yyyy H:mm", "dd-MMM-yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss", "MM/dd/yy-HH:mm:ss.FFFFFFF",
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

        if (s.Length is 10 or 13 or 16 or 19 && !s.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            var n = long.Parse(s, CultureInfo.InvariantCulture);
            time = s.Length switch
            {
                10 => DateTimeOffset.FromUnixTimeSeconds(n),
                13 => DateTimeOffset.FromUnixTimeMilliseconds(n),
                16 => DateTimeOffset.UnixEpoch.AddTicks(n * 10), // microseconds
                _ => DateTimeOffset.UnixEpoch.AddTicks(n / 100), // nanoseconds (Sysdig, Falco, OpenTelemetry)
            };
            return true;
        }
        // Cisco Secure Email's "16 Nov 2026 09:14:02 (GMT +01:00)": the offset in brackets after the zone's name.
        if (BracketedOffset().Match(s) is { Success: true } bracketed) s = $"{bracketed.Groups[1].Value} {bracketed.Groups[2].Value}";
        if (TryParseEpochFraction(s, out time)) return true;
        if (TryParseUtcSeconds(s, out time)) return true;
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

    /// <summary>
    /// The commonest shape, "2026-10-31T00:00:06Z", read without the general parser (same result; anything unusual in it,
    /// such as a 60th second, is left to the general path).
    /// </summary>
    private static bool TryParseUtcSeconds(string s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    /// <summary>Interprets a wall-clock time in a zone; times in a DST gap are taken with the standard offset.</summary>
    public static DateTimeOffset InZone(DateTime wallClock, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.+?)\s*\((?:GMT|UTC)\s*([+-]\d{2}:?\d{2})\)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BracketedOffset();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WithOffset();
}
