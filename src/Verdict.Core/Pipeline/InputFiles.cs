using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Logs;

namespace Verdict.Pipeline;

/// <summary>Opens the files a run names ("-" is standard input) and streams their records.</summary>
public static class InputFiles
{
    public const string Stdin = "-";

    public static IEnumerable<ParseResult<Alert>> ReadAlerts(string path, EnvironmentContext context, Func<Stream> stdin)
    {
        if (Unreadable(path) is { } error)
        {
            yield return new ParseResult<Alert>(null, error);
            yield break;
        }
        using var stream = Open(path, stdin);
        foreach (var record in CsvAlertReader.Read(stream, Name(path), context)) yield return record;
    }

    /// <summary>
    /// Loads activity logs into a store; bad rows are returned as errors and skipped. With a GeoIP locator, events
    /// that carry an address but no place get one (<see cref="GeoFill"/>), each distinct address looked up once;
    /// pass a <see cref="CachedGeoLocator"/> to share its cache with the alerts.
    /// </summary>
    public static (LogStore Store, List<InputError> Errors) LoadLogs(IEnumerable<string> paths, EnvironmentContext context, Func<Stream> stdin, IGeoLocator? geo = null)
    {
        var store = new LogStore();
        var errors = new List<InputError>();
        foreach (var record in ReadLogs(paths, context, stdin, geo))
        {
            if (record.Success) store.Add(record.Value!);
            else errors.Add(record.Error!);
        }
        return (store, errors);
    }

    /// <summary>
    /// Streams the events of activity logs, file after file, with an error (file, line, reason) for each bad row or
    /// unreadable file; <see cref="LoadLogs"/> and the DuckDB log store both read through it.
    /// </summary>
    public static IEnumerable<ParseResult<LogEvent>> ReadLogs(IEnumerable<string> paths, EnvironmentContext context, Func<Stream> stdin, IGeoLocator? geo = null)
    {
        var places = geo is null ? null : geo as CachedGeoLocator ?? new CachedGeoLocator(geo);
        foreach (var path in paths)
        {
            if (Unreadable(path) is { } error)
            {
                yield return new ParseResult<LogEvent>(null, error);
                continue;
            }
            using var stream = Open(path, stdin);
            foreach (var record in CsvLogReader.Read(stream, Name(path), context))
            {
                yield return record.Success && places is not null ? ParseResult<LogEvent>.Ok(GeoFill.Apply(record.Value!, places)) : record;
            }
        }
    }

    private static InputError? Unreadable(string path)
    {
        if (path == Stdin) return null;
        if (Directory.Exists(path)) return new InputError(new SourceRef(path, 0), "is a directory; name the files in it");
        if (!File.Exists(path)) return new InputError(new SourceRef(path, 0), "file not found");
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".json" or ".jsonl" or ".ndjson")
            return new InputError(new SourceRef(path, 0), "JSON input is not supported yet; export the alerts as CSV with a header row");
        return null;
    }

    /// <summary>
    /// Opens a file or standard input. Gzip-compressed content (by its magic bytes) and standard input are
    /// spooled to a temporary file first: the CSV reader needs a seekable stream to step back past a stray quote,
    /// and a file keeps memory flat however large the input.
    /// </summary>
    private static FileStream Open(string path, Func<Stream> stdin)
    {
        if (path != Stdin)
        {
            var file = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            return gzip ? Spool(new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)) : file;
        }
        return Spool(stdin());
    }

    private static FileStream Spool(Stream source)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (source) source.CopyTo(spool);
        spool.Position = 0;
        return spool;
    }

    private static string Name(string path) => path == Stdin ? "stdin" : path;
}
