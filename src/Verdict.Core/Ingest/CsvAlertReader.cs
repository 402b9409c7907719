using Verdict.Alerts;
using Verdict.Context;

namespace Verdict.Ingest;

/// <summary>
/// Reads alerts from any CSV whose header names recognisable columns (the tutorial's
/// type,user,date,detail,severity; Splunk-style src/user/signature; and many more).
/// </summary>
public static class CsvAlertReader
{
    public static IEnumerable<ParseResult<Alert>> Read(Stream stream, string fileName, EnvironmentContext context, CsvReaderOptions? options = null, FieldMapping? mapping = null)
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
                map = (mapping ?? FieldMapping.Empty).Map(header);
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
        var fields = new List<KeyValuePair<string, string>>(header.Length);
        for (var i = 0; i < header.Length; i++) fields.Add(new(header[i], row.Fields[i]));
        return AlertRecord.Build(row.Source, fields, map, context);
    }
}
