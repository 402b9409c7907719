using System.Globalization;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Logs;

/// <summary>Reads activity logs: timestamp,user,result,location,ip plus optional country, city, lat/lon, user_agent, host.</summary>
public static class CsvLogReader
{
    private static readonly CanonicalField[] Required = [CanonicalField.Time, CanonicalField.User, CanonicalField.Result];

    public static IEnumerable<ParseResult<LogEvent>> Read(Stream stream, string fileName, EnvironmentContext context)
    {
        string[]? header = null;
        Dictionary<CanonicalField, int> map = [];
        foreach (var (row, error) in CsvTable.Read(stream, fileName))
        {
            if (error is not null)
            {
                yield return new ParseResult<LogEvent>(null, error);
                continue;
            }
            if (header is null)
            {
                header = row!.Fields;
                map = FieldNames.MapHeader(header);
                var missing = Required.Where(f => !map.ContainsKey(f)).ToList();
                if (missing.Count > 0)
                {
                    yield return ParseResult<LogEvent>.Fail(row.Source,
                        $"activity log lacks {string.Join(" and ", missing.Select(f => f.ToString().ToLowerInvariant()))} column(s); columns are: {string.Join(", ", header)}");
                    yield break;
                }
                continue;
            }
            yield return ToEvent(row!, header, map, context);
        }
    }

    private static ParseResult<LogEvent> ToEvent(CsvRow row, string[] header, Dictionary<CanonicalField, int> map, EnvironmentContext context)
    {
        string? Get(CanonicalField f) => map.TryGetValue(f, out var i) && row.Fields[i].Trim() is { Length: > 0 } v ? v : null;
        return ToEvent(row.Source, Get, $"column '{header[map[CanonicalField.Time]]}'", context);
    }

    /// <summary>Builds one event from its recognised fields (CSV columns or JSON fields); <paramref name="timeName"/> names the time field in errors.</summary>
    internal static ParseResult<LogEvent> ToEvent(SourceRef source, Func<CanonicalField, string?> field, string timeName, EnvironmentContext context)
    {
        string? Get(CanonicalField f) => field(f);
        var timeText = Get(CanonicalField.Time);
        if (!TimeText.TryParse(timeText, context.TimeZone, out var time, out _))
        {
            return ParseResult<LogEvent>.Fail(source, $"unreadable timestamp '{timeText}' in {timeName}");
        }
        var user = EntityText.User(Get(CanonicalField.User));
        if (user is null) return ParseResult<LogEvent>.Fail(source, "empty user");
        var resultText = Get(CanonicalField.Result);
        if (!TryParseResult(resultText, out var success))
        {
            return ParseResult<LogEvent>.Fail(source, $"unknown result '{resultText}' (expected success or failure)");
        }
        double? lat = null, lon = null;
        if (Get(CanonicalField.Latitude) is { } latText && Get(CanonicalField.Longitude) is { } lonText)
        {
            if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || la is < -90 or > 90 ||
                !double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) || lo is < -180 or > 180)
            {
                return ParseResult<LogEvent>.Fail(source, $"bad coordinates '{latText}, {lonText}'");
            }
            (lat, lon) = (la, lo);
        }
        var place = Geo.Resolve(Get(CanonicalField.Location), Get(CanonicalField.City), Get(CanonicalField.Country));
        return ParseResult<LogEvent>.Ok(new LogEvent
        {
            Time = time,
            User = user,
            Success = success,
            Ip = EntityText.Ip(Get(CanonicalField.SourceIp)),
            Country = place.Country,
            City = place.City,
            Latitude = lat ?? place.Latitude,
            Longitude = lon ?? place.Longitude,
            UserAgent = Get(CanonicalField.UserAgent),
            Host = Get(CanonicalField.Host)?.ToLowerInvariant(),
            Source = source,
        });
    }

    private static bool TryParseResult(string? text, out bool success)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "success" or "succeeded" or "successful" or "ok" or "allowed" or "allow" or "pass" or "passed" or "true" or "0" or "accepted":
                success = true; return true;
            case "failure" or "failed" or "fail" or "denied" or "deny" or "blocked" or "false" or "rejected" or "error" or "invalid":
                success = false; return true;
            default:
                success = false; return false;
        }
    }
}
