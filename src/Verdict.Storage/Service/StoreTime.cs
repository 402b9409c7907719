using System.Globalization;

namespace Verdict.Storage.Service;

/// <summary>Times are stored as fixed-width UTC text, so they sort and compare as text on SQLite and PostgreSQL alike.</summary>
internal static class StoreTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Text(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static object? Text(DateTimeOffset? time) => time is { } t ? Text(t) : null;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
