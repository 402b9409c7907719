using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.Pipeline;

/// <summary>
/// The files a watch has processed, by full path, size and modification time, and the folder each one's output went
/// to, kept as JSON in the output folder (written through a temporary file, so a crash never leaves half a state).
/// </summary>
public sealed class WatchState
{
    public const string FileName = ".verdict-watch.json";

    private readonly string _path;
    private readonly Dictionary<string, (long Size, long Ticks, string Output)> _done = new(StringComparer.Ordinal);

    private WatchState(string path) => _path = path;

    /// <summary>The state in <paramref name="outDir"/>; empty when there is none yet or it cannot be read (then files are processed again).</summary>
    public static WatchState Load(string outDir)
    {
        var state = new WatchState(Path.Combine(outDir, FileName));
        if (!File.Exists(state._path)) return state;
        try
        {
            foreach (var (path, node) in JsonNode.Parse(File.ReadAllText(state._path))?["processed"]?.AsObject() ?? [])
            {
                if (node is JsonObject o && o["size"] is { } size && o["modified_ticks"] is { } ticks)
                    state._done[path] = ((long)size, (long)ticks, (string?)o["output"] ?? "");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            state._done.Clear();
        }
        return state;
    }

    public bool IsDone(WatchedFile file) =>
        _done.TryGetValue(file.Path, out var d) && d.Size == file.Size && d.Ticks == file.Modified.UtcTicks;

    /// <summary>The output folders already given to files, so a new file with the same name stem gets another.</summary>
    public bool OutputTaken(string folder, string path) =>
        _done.Any(d => d.Key != path && string.Equals(d.Value.Output, folder, StringComparison.Ordinal));

    /// <summary>Records the file (with the output folder named by <see cref="SetOutput"/>) and saves the state.</summary>
    public void MarkDone(WatchedFile file)
    {
        var output = _outputs.TryGetValue(file.Path, out var o) ? o : "";
        _done[file.Path] = (file.Size, file.Modified.UtcTicks, output);
        Save();
    }

    private readonly Dictionary<string, string> _outputs = new(StringComparer.Ordinal);

    public void SetOutput(WatchedFile file, string folder) => _outputs[file.Path] = folder;

    private void Save()
    {
        var processed = new JsonObject();
        foreach (var (path, (size, ticks, output)) in _done)
            processed[path] = new JsonObject { ["size"] = size, ["modified_ticks"] = ticks, ["modified"] = new DateTime(ticks, DateTimeKind.Utc).ToString("O"), ["output"] = output };
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, new JsonObject { ["processed"] = processed }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, _path, overwrite: true);
    }
}
