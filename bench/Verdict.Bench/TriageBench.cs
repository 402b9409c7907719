using System.Diagnostics;
using System.Globalization;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Samples;

namespace Verdict.Bench;

/// <summary>
/// `triage --alerts 10000,100000[,1000000] [--per-alert]`: writes the demo company with N alerts (the same generator
/// as `verdict demo --alerts N`), then triages it in-process as `verdict triage` does (context, logs, CSV alerts,
/// grouping, offline analyst, JSON and Markdown output) and prints alerts per second and peak memory. Each size and
/// mode runs in a fresh child process, so its peak working set is its own.
/// </summary>
internal static class TriageBench
{
    public static int Run(string[] args)
    {
        var sizes = Value(args, "--alerts")?.Split(',').Select(s => long.Parse(s.Replace("_", ""), CultureInfo.InvariantCulture)).ToList() ?? [10_000, 100_000];
        bool[] modes = args.Contains("--per-alert") ? [true] : args.Contains("--grouped") ? [false] : [false, true];
        var root = Directory.CreateTempSubdirectory("verdict-bench-");
        try
        {
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}, load average: {LoadAverage()}");
            Console.WriteLine("total = logs + read + triage + write (generation excluded); CPU = the child's processor time (all threads), /CPU-s = alerts per CPU second");
            Console.WriteLine($"{"alerts",10} | {"mode",9} | {"generate",8} | {"logs",6} | {"read",6} | {"triage",7} | {"write",6} | {"total",7} | {"alerts/s",9} | {"CPU",6} | {"/CPU-s",7} | {"peak WS",8} | {"GC heap",11} | incidents");
            foreach (var size in sizes)
            {
                var dir = Path.Combine(root.FullName, size.ToString(CultureInfo.InvariantCulture));
                var clock = Stopwatch.StartNew();
                DemoCompany.Write(dir, new DemoOptions(Alerts: size));
                var generate = clock.Elapsed;
                foreach (var perAlert in modes)
                {
                    var code = Child(dir, perAlert, generate);
                    if (code != 0) return code;
                }
                Directory.Delete(dir, recursive: true);
            }
            return 0;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>`demo DIR N`: writes the demo company with N alerts to DIR (then `triage-one DIR grouped 0` times one run on it).</summary>
    public static int Demo(string dir, long alerts)
    {
        DemoCompany.Write(dir, new DemoOptions(Alerts: alerts));
        return 0;
    }

    /// <summary>`triage-one DIR grouped|per-alert GENERATE_SECONDS`: one measured run (the child process).</summary>
    public static int One(string[] args)
    {
        var (dir, perAlert, generate) = (args[0], args[1] == "per-alert", double.Parse(args[2], CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        var stages = new StageMeter();
        var loaded = ContextLoader.Load(Path.Combine(dir, "context.yaml"));
        var context = loaded.Context ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors));
        var (logs, logErrors) = InputFiles.LoadLogs([Path.Combine(dir, "auth_logs.csv")], context, () => Stream.Null);
        var logsDone = clock.Elapsed;
        stages.End("logs");
        var records = InputFiles.ReadAlerts(Path.Combine(dir, "alerts.csv"), context, () => Stream.Null).ToList();
        var readDone = clock.Elapsed;
        stages.End("read");
        var run = new TriageRun(context, logs, new OfflineAnalyst(new AnalystOptions()), TimeProvider.System, null, EnrichmentView.None);
        var result = run.Run(records, logErrors, perAlert);
        var triageDone = clock.Elapsed;
        stages.End("triage");
        ReportWriter.Write(result, context, Path.Combine(dir, perAlert ? "out-per-alert" : "out-grouped"));
        var total = clock.Elapsed;
        stages.End("write");
        if (result.Errors > 0) Console.Error.WriteLine($"warning: {result.Errors} unreadable alert row(s)");
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Alerts.Count,10:N0} | {(perAlert ? "per-alert" : "grouped"),9} | {generate,7:F1}s | {logsDone.TotalSeconds,5:F1}s | {(readDone - logsDone).TotalSeconds,5:F1}s | {(triageDone - readDone).TotalSeconds,6:F1}s | {(total - triageDone).TotalSeconds,5:F1}s | {total.TotalSeconds,6:F1}s | {result.Alerts.Count / total.TotalSeconds,9:N0} | {self.TotalProcessorTime.TotalSeconds,5:F1}s | {result.Alerts.Count / self.TotalProcessorTime.TotalSeconds,7:N0} | {self.PeakWorkingSet64 / 1048576.0,6:N0}MB | {info.HeapSizeBytes / 1048576.0,9:N0}MB | {result.Incidents.Count:N0}"));
        if (args.Contains("--stages")) stages.Print(result.Alerts.Count);
        return 0;
    }

    private static int Child(string dir, bool perAlert, TimeSpan generate)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(TriageBench).Assembly.Location);
        foreach (var a in new[] { "triage-one", dir, perAlert ? "per-alert" : "grouped", generate.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
