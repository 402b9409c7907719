using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Ingest.Sentinel;
using Verdict.Logs;

namespace Verdict.Pipeline;

/// <summary>Opens the files a run names ("-" is standard input) and streams their records.</summary>
public static class InputFiles
{
    public const string Stdin = "-";

    /// <summary>
    /// Reads alerts from CSV, JSON or text: .json, .jsonl and .ndjson files, and any input (standard input too) whose first
    /// non-blank character is '{' or '[', are JSON (a Sentinel incident export is recognised by its content); .txt and .log
    /// files, and other inputs whose first line is not a CSV header, are text alerts (one per line, or one for the whole
    /// text with <paramref name="wholeText"/>); everything else is CSV. A mapping file's names win over the built-in aliases.
    /// </summary>
    public static IEnumerable<ParseResult<Alert>> ReadAlerts(string path, EnvironmentContext context, Func<Stream> stdin, FieldMapping? mapping = null, bool wholeText = false)
    {
        if (Unreadable(path) is { } error)
        {
            yield return new ParseResult<Alert>(null, error);
            yield break;
        }
        using var opened = InputSniff.TryOpen(path, stdin, out var problem);
        problem ??= opened is null ? null : InputSniff.Binary(opened) is { } binary ? $"this looks like {binary}, not CSV or JSON alerts; the file was not read" : null;
        if (opened is null || problem is not null)
        {
            yield return ParseResult<Alert>.Fail(new SourceRef(Name(path), 1), problem!);
            yield break;
        }
        var decompressed = opened.Length;
        using var stream = InputSniff.AsUtf8(opened);
        var records = IsJson(path, stream)
            ? SentinelExport.TryRead(stream, Name(path), context, mapping) ?? JsonAlertReader.Read(stream, Name(path), context, mapping)
            : TextAlertReader.IsText(path, stream, mapping) ? TextAlertReader.Read(stream, Name(path), context, wholeText)
            : CsvAlertReader.Read(stream, Name(path), context, mapping: mapping);
        long lastLine = 0;
        foreach (var record in records)
        {
            lastLine = (record.Value?.Source ?? record.Error!.Source).Line;
            yield return record;
        }
        if (path != Stdin && InputSniff.GzipCutShort(path, decompressed))
            yield return ParseResult<Alert>.Fail(new SourceRef(Name(path), lastLine + 1), "the gzip data ends early (a truncated file?): any records after this line are missing");
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
            var records = IsJson(path, stream) ? JsonLogReader.Read(stream, Name(path), context) : CsvLogReader.Read(stream, Name(path), context);
            foreach (var record in records)
            {
                yield return record.Success && places is not null ? ParseResult<LogEvent>.Ok(GeoFill.Apply(record.Value!, places)) : record;
            }
        }
    }

    public static InputError? Unreadable(string path)
    {
        if (path == Stdin) return null;
        if (Directory.Exists(path)) return new InputError(new SourceRef(path, 0), "is a directory; name the files in it");
        if (!File.Exists(path)) return new InputError(new SourceRef(path, 0), "file not found");
        return null;
    }

    /// <summary>JSON by extension, else by content: the first non-blank character (after a UTF-8 BOM) is '{' or '['. The stream is rewound.</summary>
    public static bool IsJson(string path, Stream stream)
    {
        var ext = Path.GetExtension(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path).ToLowerInvariant();
        if (ext is ".json" or ".jsonl" or ".ndjson") return true;
        var start = stream.Position;
        int b;
        while ((b = stream.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF) { }
        stream.Position = start;
        return b is '{' or '[';
    }

    /// <summary>
    /// Opens a file or standard input. Gzip-compressed content (by its magic bytes), a pipe and standard input are
    /// spooled to a temporary file first: the CSV reader needs a seekable stream to step back past a stray quote,
    /// and a file keeps memory flat however large the input.
    /// </summary>
    public static FileStream Open(string path, Func<Stream> stdin)
    {
        if (path != Stdin)
        {
            // A pipe given as a path (a shell's process substitution, <(zcat alerts.gz)) cannot seek: spooled like stdin.
            var file = File.OpenRead(path);
            if (!file.CanSeek) file = Spool(file);
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

    public static string Name(string path) => path == Stdin ? "stdin" : path;
}
