using Microsoft.Extensions.Time.Testing;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Evaluation;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Pipeline;

/// <summary>A demo company's files run through the real pipeline: context, logs, alerts, triage, labels.</summary>
public sealed record DemoTriage(TriageResult Result, List<string> InputIds, Dictionary<string, Label> Labels, List<string> LoadErrors)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static DemoTriage Run(string dir, string authLog)
    {
        var errors = new List<string>();
        var loaded = ContextLoader.Load(Path.Combine(dir, "context.yaml"));
        errors.AddRange(loaded.Errors);
        var context = loaded.Context ?? EnvironmentContext.Default;
        Stream NoStdin() => throw new InvalidOperationException("no stdin in tests");
        var (store, logErrors) = InputFiles.LoadLogs([Path.Combine(dir, authLog)], context, NoStdin);
        errors.AddRange(logErrors.Select(e => e.ToString()));
        var alerts = InputFiles.ReadAlerts(Path.Combine(dir, "alerts.csv"), context, NoStdin);
        var result = new TriageRun(context, store, new OfflineAnalyst(new AnalystOptions()), new FakeTimeProvider(Now)).Run(alerts, logErrors);
        var (labels, labelErrors) = LabelFile.Read(Path.Combine(dir, "labels.csv"));
        errors.AddRange(labelErrors.Select(e => e.ToString()));
        var ids = File.ReadLines(Path.Combine(dir, "alerts.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        return new DemoTriage(result, ids, labels, errors);
    }
}

/// <summary>Generates the demo once for all the tests that read it.</summary>
public sealed class GeneratedDemo : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GeneratedDemo()
    {
        Verdict.Samples.DemoCompany.Write(_dir.Path, new Verdict.Samples.DemoOptions());
        Triage = DemoTriage.Run(_dir.Path, "auth_logs.csv");
    }

    public DemoTriage Triage { get; }

    public void Dispose() => _dir.Dispose();
}
