using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Per-stage micro-benchmarks, run by hand (never as tests):
//   dotnet run -c Release --project bench/Verdict.Bench.Micro -- --filter '*'
// Short jobs in-process, so the whole set finishes in minutes on a shared 2-core machine.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Verdict.Bench.Micro.StageBenchmarks).Assembly).Run(args, config);
