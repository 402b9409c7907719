using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest;

/// <summary>
/// Reads alerts from any CSV whose header names recognisable columns (the tutorial's
/// type,user,date,detail,severity; Splunk-style src/user/signature; and many more).
/// </summary>
public static class CsvAlertReader
{
    public static IEnumerable<ParseResult<Alert>> Read(Stream stream, string fileName, EnvironmentContext context, CsvReaderOptions? options = null)
    {
        string[]? header = null;
        Dictionary<CanonicalField, int> map = [];
        foreach (var (row, error) in CsvTable.Read(stream, fileName, options))
        {
            if (error is not null)
            {
                yield return new ParseResult<Alert>(null, error);
                continue;
            }
            if (header is null)
            {
                header = row!.Fields;
                map = FieldNames.MapHeader(header);
                if (!map.ContainsKey(CanonicalField.Rule) && !map.ContainsKey(CanonicalField.Description))
                {
                    yield return ParseResult<Alert>.Fail(row.Source,
                        $"no column names the alert (looked for type, rule, title, signature, description, detail...); columns are: {string.Join(", ", header)}");
                    yield break;
                }
                continue;
            }
            yield return ToAlert(row!, header, map, context);
        }
    }

    private static ParseResult<Alert> ToAlert(CsvRow row, string[] header, Dictionary<CanonicalField, int> map, EnvironmentContext context)
    {
        string? Get(CanonicalField f) => map.TryGetValue(f, out var i) && row.Fields[i].Trim() is { Length: > 0 } v ? v : null;

        DateTimeOffset? time = null;
        var precision = TimePrecision.Exact;
        if (Get(CanonicalField.Time) is { } timeText)
        {
            if (!TimeText.TryParse(timeText, context.TimeZone, out var t, out precision))
            {
                return ParseResult<Alert>.Fail(row.Source, $"unreadable date '{Clip(timeText)}' in column '{header[map[CanonicalField.Time]]}'");
            }
            time = t;
        }
        Severity? severity = null;
        if (Get(CanonicalField.Severity) is { } sevText)
        {
            if (!SeverityText.TryParse(sevText, out var s))
            {
                return ParseResult<Alert>.Fail(row.Source, $"unknown severity '{Clip(sevText)}' (expected critical, high, medium, low or info)");
            }
            severity = s;
        }
        var rule = Get(CanonicalField.Rule);
        var description = Get(CanonicalField.Description) ?? "";
        if (rule is null && description.Length == 0)
        {
            return ParseResult<Alert>.Fail(row.Source, "the row names no alert type and has no description");
        }
        var fields = new List<KeyValuePair<string, string>>(header.Length);
        for (var i = 0; i < header.Length; i++) fields.Add(new(header[i], row.Fields[i]));

        var user = EntityText.User(Get(CanonicalField.User));
        var sourceIp = EntityText.Ip(Get(CanonicalField.SourceIp));
        var host = Get(CanonicalField.Host)?.ToLowerInvariant();
        return ParseResult<Alert>.Ok(new Alert
        {
            Id = Get(CanonicalField.Id) ?? $"{Path.GetFileNameWithoutExtension(row.Source.File)}-{row.Source.Line}",
            Source = row.Source,
            Rule = rule ?? Clip(description),
            Time = time,
            TimePrecision = precision,
            DetectorSeverity = severity,
            Description = description,
            User = user,
            Host = host,
            SourceIp = sourceIp,
            CommandLine = Get(CanonicalField.CommandLine),
            Process = Get(CanonicalField.Process),
            ParentProcess = Get(CanonicalField.ParentProcess),
            Tags = Get(CanonicalField.Tags)?.Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Entities = EntityExtractor.Extract(new EntityInput
            {
                User = Get(CanonicalField.User),
                Host = Get(CanonicalField.Host),
                SourceIp = Get(CanonicalField.SourceIp),
                DestinationIp = Get(CanonicalField.DestinationIp),
                Process = Get(CanonicalField.Process),
                ParentProcess = Get(CanonicalField.ParentProcess),
                CommandLine = Get(CanonicalField.CommandLine),
                Description = description,
                Fields = fields,
            }),
            Fields = fields,
        });
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
