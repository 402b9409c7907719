using System.Diagnostics;
using Verdict.Attack;

namespace Verdict.Bench;

/// <summary>`attack-load [BUNDLE]`: loads the ATT&CK bundle three times and prints each load time and the counts.</summary>
internal static class AttackLoadBench
{
    private const int Runs = 3;

    public static int Run(string? path)
    {
        path ??= DefaultPath();
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"error: no ATT&CK bundle at '{path ?? "(none)"}'; pass a path or set VERDICT_SHARED_DIR");
            return 2;
        }
        Console.WriteLine($"bundle: {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MB on disk)");
        AttackKnowledgeBase? kb = null;
        for (var run = 1; run <= Runs; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            var result = AttackKnowledgeBase.TryLoad(path);
            stopwatch.Stop();
            if (result.KnowledgeBase is null)
            {
                Console.Error.WriteLine($"error: {result.Error}");
                return 1;
            }
            kb = result.KnowledgeBase;
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / 1024.0;
            Console.WriteLine($"run {run}: {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {allocated:F0} MB allocated");
        }
        var current = kb!.Techniques.Where(t => !t.Deprecated).ToList();
        Console.WriteLine($"ATT&CK version: {(kb.Version.Length > 0 ? kb.Version : "(not stated in the bundle)")}, STIX {kb.SpecVersion}");
        Console.WriteLine($"techniques: {current.Count(t => !t.IsSubtechnique)}, sub-techniques: {current.Count(t => t.IsSubtechnique)}, deprecated: {kb.Techniques.Count - current.Count}, tactics: {kb.Tactics.Count}");
        Console.WriteLine($"with detection text: {kb.Techniques.Count(t => t.Detection.Length > 0)}, mitigations: {kb.Techniques.Sum(t => kb.MitigationsFor(t.Id).Count)}, procedure examples: {kb.Techniques.Sum(t => kb.ProceduresFor(t.Id).Count)}");
        return 0;
    }

    internal static string? DefaultPath() =>
        Environment.GetEnvironmentVariable("VERDICT_SHARED_DIR") is { Length: > 0 } shared
            ? Path.Combine(shared, "attack", "enterprise-attack.json.gz")
            : null;
}
