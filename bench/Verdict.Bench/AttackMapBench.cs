using System.Diagnostics;
using System.Text.Json;
using Verdict.Attack;
using Verdict.Attack.Mapping;

namespace Verdict.Bench;

/// <summary>
/// `attack-map [BUNDLE]`: builds the mapper (index build time), then maps the labeled command lines in
/// tests/data/attack/command-lines.jsonl over and over on one thread for a few seconds and prints mappings per second.
/// </summary>
internal static class AttackMapBench
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public static int Run(string? path)
    {
        path ??= AttackLoadBench.DefaultPath();
        var lines = Path.Combine(RepoRoot(), "tests", "data", "attack", "command-lines.jsonl");
        if (path is null || !File.Exists(path) || !File.Exists(lines))
        {
            Console.Error.WriteLine($"error: need an ATT&CK bundle ('{path ?? "(none)"}') and {lines}");
            return 2;
        }
        var kb = AttackKnowledgeBase.Load(path);
        var build = Stopwatch.StartNew();
        var mapper = new TechniqueMapper(kb);
        mapper.Map(MappingInput.FromText("warm-up: compiles the rule patterns"));
        build.Stop();
        var inputs = File.ReadLines(lines).Select(l => MappingInput.FromText(JsonDocument.Parse(l).RootElement.GetProperty("command_line").GetString()!)).ToList();

        var clock = Stopwatch.StartNew();
        long mapped = 0;
        while (clock.Elapsed < Duration)
        {
            foreach (var input in inputs) mapper.Map(input);
            mapped += inputs.Count;
        }
        clock.Stop();
        Console.WriteLine($"index build (BM25 over {kb.Techniques.Count} techniques + rule compilation): {build.Elapsed.TotalMilliseconds:F0} ms");
        Console.WriteLine($"mapped {mapped:N0} command lines in {clock.Elapsed.TotalSeconds:F1} s on one thread: {mapped / clock.Elapsed.TotalSeconds:N0} per second, {clock.Elapsed.TotalMilliseconds * 1000 / mapped:F0} µs each");
        return 0;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verdict.slnx"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
