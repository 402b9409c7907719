using System.Buffers;
using System.Globalization;
using System.Text;

namespace Verdict.Samples;

/// <summary>One row of auth_logs.csv. <see cref="Seq"/> keeps the sort total (and so deterministic) for equal times.</summary>
internal readonly record struct LogRow(DateTime Time, long Seq, string User, bool Success, string Ip, City City, string UserAgent, string Host);

/// <summary>Collects activity-log rows inside [start, end). A disabled book drops everything, which lets scale mode
/// run a scenario for its alert without writing the rows behind it.</summary>
internal sealed class LogBook(DateTime start, DateTime end, bool enabled = true)
{
    private readonly List<LogRow> rows = [];
    private long seq;

    public static LogBook Discard { get; } = new(DateTime.MinValue, DateTime.MinValue, enabled: false);

    public void Add(DateTime time, string user, bool success, string ip, City city, string userAgent, string host)
    {
        if (!enabled || time < start || time >= end) return;
        rows.Add(new LogRow(time, seq++, user, success, ip, city, userAgent, host));
    }

    public void Add(DateTime time, Employee e, bool success, string ip, City city, string host) =>
        Add(time, e.User, success, ip, city, e.UserAgent, host);

    public void RemoveWhere(Predicate<LogRow> match)
    {
        if (enabled) rows.RemoveAll(match);
    }

    public long WriteCsv(string path, bool gzip)
    {
        rows.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Seq.CompareTo(b.Seq));
        using var w = gzip ? Csv.OpenGzip(path) : Csv.Open(path);
        w.Write("timestamp,user,result,location,ip,country,city,lat,lon,user_agent,host\n");
        foreach (var r in rows)
        {
            Csv.Row(w, DemoClock.Iso(r.Time), r.User, r.Success ? "success" : "failure", r.City.Location, r.Ip, r.City.Country,
                r.City.Name, r.City.Lat.ToString("F4", CultureInfo.InvariantCulture), r.City.Lon.ToString("F4", CultureInfo.InvariantCulture),
                r.UserAgent, r.Host);
        }
        return rows.Count;
    }
}

/// <summary>RFC 4180 output: UTF-8 without BOM, "\n" line ends, fields quoted only when they need it.</summary>
internal static class Csv
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    public static StreamWriter Open(string path) =>
        new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };

    /// <summary>Gzip output is deterministic too: .NET writes no timestamp into the gzip header.</summary>
    public static StreamWriter OpenGzip(string path) =>
        new(new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.SmallestSize),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };

    public static string Field(string s) =>
        s.AsSpan().IndexOfAny(Special) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static void Row(StreamWriter w, params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) w.Write(',');
            w.Write(Field(fields[i]));
        }
        w.Write('\n');
    }
}
