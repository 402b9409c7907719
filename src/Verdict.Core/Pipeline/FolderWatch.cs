namespace Verdict.Pipeline;

/// <summary>A file in a watched folder as seen on one poll.</summary>
public sealed record WatchedFile(string Path, long Size, DateTimeOffset Modified);

/// <summary>
/// Polls a folder (top level only) and hands each new file to a callback once it is complete: seen with the same size
/// and time on two polls in a row, so a file still being copied waits and one renamed in whole goes at the next poll.
/// Hidden and partial files (".name", "~name", *.tmp, *.part, *.partial, *.crdownload, *.swp) are ignored. What was
/// done is remembered in a <see cref="WatchState"/> file, so a restart does not redo it; a file that changes
/// (another size or time) is new again. Stops when the token is cancelled.
/// </summary>
public sealed class FolderWatch(string folder, WatchState state, TimeProvider time, TimeSpan interval)
{
    private static readonly string[] PartialSuffixes = [".tmp", ".part", ".partial", ".crdownload", ".swp", ".download"];
    private int _polls;

    /// <summary>How many times the folder has been looked at.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <param name="process">Handles one file; false stops the watch (the file is then not marked done).</param>
    public async Task RunAsync(Func<WatchedFile, CancellationToken, Task<bool>> process, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, WatchedFile>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Scan())
            {
                seen.Add(file.Path);
                if (state.IsDone(file)) continue;
                if (pending.TryGetValue(file.Path, out var before) && before == file)
                {
                    if (!await process(file, cancellationToken)) return;
                    state.MarkDone(file);
                    pending.Remove(file.Path);
                }
                else pending[file.Path] = file;
            }
            foreach (var gone in pending.Keys.Where(p => !seen.Contains(p)).ToList()) pending.Remove(gone);
            try
            {
                var next = Task.Delay(interval, time, cancellationToken);
                Interlocked.Increment(ref _polls); // counted once the next poll's timer is set, so a test may advance the clock
                await next;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private IEnumerable<WatchedFile> Scan()
    {
        IEnumerable<string> paths;
        try
        {
            paths = [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)];
        }
        catch (DirectoryNotFoundException)
        {
            yield break;
        }
        foreach (var path in paths)
        {
            var name = System.IO.Path.GetFileName(path);
            if (name.StartsWith('.') || name.StartsWith('~') || PartialSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))) continue;
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            yield return new WatchedFile(System.IO.Path.GetFullPath(path), info.Length, info.LastWriteTimeUtc);
        }
    }
}
