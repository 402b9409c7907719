using System.Diagnostics;
using System.Globalization;

namespace Verdict.Bench;

/// <summary>CPU time (all threads) and bytes allocated (all threads) per stage of one run, printed per alert.</summary>
internal sealed class StageMeter
{
    private readonly List<(string Stage, TimeSpan Cpu, long Bytes, int Gen0, int Gen2)> _stages = [];
    private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _bytes = GC.GetTotalAllocatedBytes(precise: true);
    private int _gen0 = GC.CollectionCount(0);
    private int _gen2 = GC.CollectionCount(2);

    public void End(string stage)
    {
        var (cpu, bytes, gen0, gen2) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(2));
        _stages.Add((stage, cpu - _cpu, bytes - _bytes, gen0 - _gen0, gen2 - _gen2));
        (_cpu, _bytes, _gen0, _gen2) = (cpu, bytes, gen0, gen2);
    }

    public void Print(int alerts)
    {
        Console.WriteLine($"{"stage",8} | {"CPU",8} | {"µs/alert",9} | {"allocated",10} | {"B/alert",8} | gen0 | gen2");
        foreach (var (stage, cpu, bytes, gen0, gen2) in _stages)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage,8} | {cpu.TotalSeconds,7:F2}s | {cpu.TotalMilliseconds * 1000 / alerts,9:F1} | {bytes / 1048576.0,8:F0}MB | {bytes / (double)alerts,8:F0} | {gen0,4} | {gen2,4}"));
        }
    }
}
