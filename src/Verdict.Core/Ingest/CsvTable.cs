using Verdict.Alerts;

namespace Verdict.Ingest;

/// <summary>A data row of a CSV file with a header: its fields and where it came from.</summary>
public sealed record CsvRow(SourceRef Source, string[] Fields);

/// <summary>Reads a CSV with a header row into rows of the header's width; anything else is an error for that row.</summary>
public static class CsvTable
{
    /// <summary>Yields the header (as the first item's Fields) and then each row or error.</summary>
    public static IEnumerable<(CsvRow? Row, InputError? Error)> Read(Stream stream, string fileName, CsvReaderOptions? options = null)
    {
        var reader = new CsvRecordReader(stream, options);
        string[]? header = null;
        foreach (var record in reader.ReadAll())
        {
            var source = new SourceRef(fileName, record.Line);
            if (record.Error is not null)
            {
                if (header is null)
                {
                    yield return (null, new InputError(source, $"header row unreadable: {record.Error}"));
                    yield break;
                }
                yield return (null, new InputError(source, record.Error));
                continue;
            }
            if (header is null)
            {
                header = record.Fields;
                yield return (new CsvRow(source, header), null);
                continue;
            }
            var fields = record.Fields;
            // A trailing delimiter (one extra, empty column) is common and harmless.
            if (fields.Length == header.Length + 1 && fields[^1].Length == 0) fields = fields[..^1];
            if (fields.Length != header.Length)
            {
                yield return (null, new InputError(source, $"expected {header.Length} columns ({string.Join(",", header)}) but found {fields.Length}"));
                continue;
            }
            yield return (new CsvRow(source, fields), null);
        }
    }
}
