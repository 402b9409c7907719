using System.Diagnostics;
using System.Globalization;
using Verdict.Storage.Service;
using Verdict.Tests.Service;

namespace Verdict.Tests;

/// <summary>
/// Two `verdict serve` processes on one PostgreSQL share a queue; one is killed (SIGKILL) while it holds alerts. Every alert
/// is still triaged, exactly once: the survivor takes over the dead one's alerts when their lease runs out.
/// </summary>
public sealed class ServeProcessKillTests
{
    [Fact]
    public async Task A_killed_server_loses_no_alert_and_none_is_triaged_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var t = await TestStore.CreateAsync("postgres");
        var alerts = Enumerable.Range(1, 400).Select(n => new NewAlert(
            $$"""{"id":"K-{{n}}","@timestamp":"2026-11-20T10:{{(n % 60).ToString("00", CultureInfo.InvariantCulture)}}:00Z","rule_name":"Encoded PowerShell","user":"user{{n % 7}}","message":"alert {{n}}"}""",
            "batch", "kill-" + n.ToString(CultureInfo.InvariantCulture))).ToList();
        await t.Store.EnqueueAsync(alerts, DateTimeOffset.UtcNow, ct);

        using var victim = Serve(t.Connection);
        using var survivor = Serve(t.Connection);
        var victimPrefix = $"{Environment.MachineName}:{victim.Id}:";
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!(await t.Store.ProcessedByAsync(ct)).Values.Any(w => w?.StartsWith(victimPrefix, StringComparison.Ordinal) == true) && DateTime.UtcNow < until)
            await Task.Delay(5, ct);
        victim.Kill(entireProcessTree: true);
        await victim.WaitForExitAsync(ct);
        var orphaned = (await t.Store.CountAsync(ct)).Processing;

        QueueCounts counts;
        while ((counts = await t.Store.CountAsync(ct)).Done < alerts.Count && DateTime.UtcNow < until) await Task.Delay(50, ct);
        survivor.Kill(entireProcessTree: true);
        await survivor.WaitForExitAsync(ct);

        Assert.Equal(new QueueCounts(0, 0, alerts.Count, 0), counts);
        var decisions = (await t.Store.AuditAsync(limit: 10_000, cancellationToken: ct)).Where(e => e.Kind == "decision").GroupBy(e => e.Subject).ToList();
        Assert.Equal(alerts.Count, decisions.Count);
        Assert.All(decisions, g => Assert.Single(g));
        var byVictim = (await t.Store.ProcessedByAsync(ct)).Values.Count(w => w!.StartsWith(victimPrefix, StringComparison.Ordinal));
        Assert.InRange(byVictim, 1, alerts.Count - 1);
        TestContext.Current.SendDiagnosticMessage($"killed server wrote {byVictim}, held {orphaned} when killed; the survivor wrote the rest");
    }

    private static Process Serve(string connection)
    {
        var verdict = Path.Combine(AppContext.BaseDirectory, "verdict.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { verdict, "serve", "--urls", "http://127.0.0.1:0", "--store", "postgres", "--workers", "1", "--lease", "2" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["VERDICT_STORE_CONNECTION"] = connection;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
