using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Verdict.Analysis;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Ingest;

namespace Verdict.Bench;

/// <summary>
/// `families`: reads the labeled alerts in tests/data/families/*.jsonl, then assesses them over and over on one thread
/// for a few seconds (family detection, evidence, scoring, brief) and prints CPU time and bytes allocated per alert.
/// </summary>
internal static class FamiliesBench
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    public static int Run()
    {
        var dir = Path.Combine(AttackMapBench.RepoRoot(), "tests", "data", "families");
        var context = ContextLoader.Load(Path.Combine(dir, "context.yaml")).Context ?? EnvironmentContext.Default;
        var lines = Directory.GetFiles(dir, "*.jsonl").SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("input").GetRawText());
        var alerts = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines))), "families.jsonl", context)
            .Where(r => r.Success).Select(r => r.Value!).ToList();
        var cases = alerts.Select(a => new FamilyCase(a, FamilyDetector.Detect(a), context, EnrichmentView.None)).ToList();
        var options = AnalystOptions.For(context);
        foreach (var c in cases) FamilyAnalyst.Assess(c, options); // warm-up: compiles the patterns

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        long assessed = 0;
        while (clock.Elapsed < Duration)
        {
            foreach (var c in cases) FamilyAnalyst.Assess(c, options);
            assessed += cases.Count;
        }
        clock.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine($"{cases.Count} alerts ({string.Join(", ", cases.GroupBy(c => c.Family).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})");
        Console.WriteLine($"assessed {assessed:N0} in {clock.Elapsed.TotalSeconds:F1} s: {assessed / clock.Elapsed.TotalSeconds:N0} alerts/s on one thread; "
            + $"CPU {cpuUsed.TotalMicroseconds / assessed:F1} µs per alert; {allocated / assessed:N0} bytes allocated per alert");
        foreach (var family in cases.GroupBy(c => c.Family))
        {
            var one = family.ToList();
            var (evidenceCpu, assessCpu) = (Cpu(one, c => FamilyAnalyst.Evidence(c)), Cpu(one, c => FamilyAnalyst.Assess(c, options)));
            Console.WriteLine($"  {family.Key.ToString().ToLowerInvariant(),-9} CPU {assessCpu,7:F1} µs per alert ({evidenceCpu:F1} µs gathering evidence)");
        }
        var endpoint = cases.Where(c => c.Alert.CommandLine is not null).ToList();
        Console.WriteLine($"  (of which the shared command-line decoding, CommandLineView: {Cpu(endpoint, c => _ = new Verdict.Attack.Mapping.CommandLineView(c.Alert.CommandLine!)):F1} µs per endpoint alert)");
        return 0;
    }

    /// <summary>Process CPU time per call, over a second of calls.</summary>
    private static double Cpu(List<FamilyCase> cases, Action<FamilyCase> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long n = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            foreach (var c in cases) work(c);
            n += cases.Count;
        }
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / n;
    }
}
