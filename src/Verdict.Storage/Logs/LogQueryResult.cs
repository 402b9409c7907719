using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace Verdict.Storage.Logs;

/// <summary>
/// What <c>query_logs</c> returns: column names, rows as text (NULL as <c>null</c>), whether more rows existed than
/// were returned, how long it took, or an error written for a model (no stack trace).
/// </summary>
public sealed record LogQueryResult(
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    bool Truncated,
    TimeSpan Elapsed,
    string? Error = null)
{
    public bool Succeeded => Error is null;

    internal static LogQueryResult Failed(string error, TimeSpan elapsed) => new([], [], false, elapsed, error);

    /// <summary>Runs the command and reads up to <paramref name="maxRows"/> rows; one more means truncated.</summary>
    internal static LogQueryResult Read(DuckDBCommand command, int maxRows, Stopwatch clock)
    {
        using var data = command.ExecuteReader();
        var columns = Enumerable.Range(0, data.FieldCount).Select(data.GetName).ToList();
        // TIMESTAMPTZ comes back as a DateTime of unspecified kind; the session time zone is UTC, so mark it.
        var utc = Enumerable.Range(0, data.FieldCount).Select(i => IsTimestampTz(data.GetDataTypeName(i))).ToArray();
        var rows = new List<IReadOnlyList<string?>>();
        var truncated = false;
        while (data.Read())
        {
            if (rows.Count == maxRows)
            {
                truncated = true;
                break;
            }
            var row = new string?[data.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = data.IsDBNull(i) ? null : Text(data.GetValue(i), utc[i]);
            rows.Add(row);
        }
        return new LogQueryResult(columns, rows, truncated, clock.Elapsed);
    }

    private static bool IsTimestampTz(string typeName) =>
        typeName.Contains("TZ", StringComparison.OrdinalIgnoreCase) || typeName.Contains("TIME ZONE", StringComparison.OrdinalIgnoreCase);

    private static string Text(object value, bool utc) => value switch
    {
        DateTime t when utc => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
