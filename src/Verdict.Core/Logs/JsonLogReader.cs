using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Logs;

/// <summary>
/// Reads activity logs from JSON (an array, one object, or NDJSON; see <see cref="JsonAlertReader.ReadRecords"/>):
/// sign-in records as Elastic ECS (<c>@timestamp</c>, <c>user.name</c>, <c>source.ip</c>, <c>event.outcome</c>,
/// <c>source.geo.*</c>), OCSF (<c>time</c>, <c>actor.user.name</c>, <c>src_endpoint.ip</c>, <c>status</c>) or Microsoft
/// Sentinel / Entra SigninLogs (<c>TimeGenerated</c>, <c>UserPrincipalName</c>, <c>IPAddress</c>, <c>ResultType</c>
/// where 0 is success, <c>LocationDetails.*</c>) write them. Each record is flattened and its fields recognised like a
/// CSV log's columns, sign-in names first. A bad record is an error naming its line; the rest load.
/// </summary>
public static class JsonLogReader
{
    /// <summary>Sign-in log names, tried before the general aliases (normalised by <see cref="FieldNames.Normalize"/>).</summary>
    private static readonly Dictionary<string, CanonicalField> SignInNames = new(StringComparer.Ordinal)
    {
        ["timegenerated"] = CanonicalField.Time, ["@timestamp"] = CanonicalField.Time, ["createddatetime"] = CanonicalField.Time,
        ["userprincipalname"] = CanonicalField.User, ["user.name"] = CanonicalField.User, ["actor.user.name"] = CanonicalField.User,
        ["ipaddress"] = CanonicalField.SourceIp, ["source.ip"] = CanonicalField.SourceIp, ["src_endpoint.ip"] = CanonicalField.SourceIp,
        ["resulttype"] = CanonicalField.Result, ["event.outcome"] = CanonicalField.Result, ["status.errorcode"] = CanonicalField.Result,
        ["locationdetails.city"] = CanonicalField.City, ["location.city"] = CanonicalField.City, ["src_endpoint.location.city"] = CanonicalField.City,
        ["locationdetails.countryorregion"] = CanonicalField.Country, ["location.countryorregion"] = CanonicalField.Country,
        ["src_endpoint.location.country"] = CanonicalField.Country,
        ["locationdetails.geocoordinates.latitude"] = CanonicalField.Latitude, ["location.geocoordinates.latitude"] = CanonicalField.Latitude,
        ["locationdetails.geocoordinates.longitude"] = CanonicalField.Longitude, ["location.geocoordinates.longitude"] = CanonicalField.Longitude,
        ["src_endpoint.location.lat"] = CanonicalField.Latitude, ["src_endpoint.location.long"] = CanonicalField.Longitude,
    };

    private static readonly (CanonicalField Field, string Examples)[] Required =
    [
        (CanonicalField.Time, "@timestamp, TimeGenerated, time"),
        (CanonicalField.User, "user.name, UserPrincipalName, actor.user.name"),
        (CanonicalField.Result, "event.outcome, ResultType, status"),
    ];

    public static IEnumerable<ParseResult<LogEvent>> Read(Stream stream, string fileName, EnvironmentContext context)
    {
        foreach (var record in JsonAlertReader.ReadRecords(stream, fileName))
        {
            if (!record.Success)
            {
                yield return new ParseResult<LogEvent>(null, record.Error);
                continue;
            }
            yield return ToEvent(record.Value!, context);
        }
    }

    private static ParseResult<LogEvent> ToEvent(JsonRecord record, EnvironmentContext context)
    {
        var map = Map(record.Fields);
        foreach (var (field, examples) in Required)
        {
            if (!map.ContainsKey(field))
                return ParseResult<LogEvent>.Fail(record.Source, $"sign-in record has no {field.ToString().ToLowerInvariant()} field (such as {examples})");
        }
        string? Raw(CanonicalField f) => map.TryGetValue(f, out var i) && record.Fields[i].Value.Trim() is { Length: > 0 } v ? v : null;
        string? Get(CanonicalField f)
        {
            var value = Raw(f);
            return f switch
            {
                // Entra ResultType / Status.errorCode: 0 is success, any other code a failure.
                CanonicalField.Result when value is not null && value.All(char.IsAsciiDigit) => value.TrimStart('0').Length == 0 ? "success" : "failure",
                // SigninLogs' Location is a country code, not a place name.
                CanonicalField.Location when IsCountryCode(value) => null,
                CanonicalField.Country when value is null && IsCountryCode(Raw(CanonicalField.Location)) => Raw(CanonicalField.Location),
                _ => value,
            };
        }
        return CsvLogReader.ToEvent(record.Source, Get, $"field '{record.Fields[map[CanonicalField.Time]].Key}'", context);
    }

    /// <summary>Each canonical field's first field: sign-in names first, then the general aliases.</summary>
    private static Dictionary<CanonicalField, int> Map(List<KeyValuePair<string, string>> fields)
    {
        var map = new Dictionary<CanonicalField, int>();
        for (var i = 0; i < fields.Count; i++)
        {
            if (SignInNames.TryGetValue(FieldNames.Normalize(fields[i].Key), out var f)) map.TryAdd(f, i);
        }
        for (var i = 0; i < fields.Count; i++)
        {
            if (FieldNames.Recognize(fields[i].Key) is { } f) map.TryAdd(f, i);
        }
        return map;
    }

    private static bool IsCountryCode(string? s) => s is { Length: 2 } && s.All(char.IsAsciiLetter);
}
