using System.Text;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using Verdict.Cli;

namespace Verdict.Tests;

/// <summary>`verdict watch`: run in-process on a fake clock the test advances; files dropped in are triaged once, even across restarts.</summary>
public sealed class WatchCommandTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("verdict-watch-");

    private string Inbox => Path.Combine(_temp.FullName, "inbox");
    private string Out => Path.Combine(_temp.FullName, "out");

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "alerts", name);

    /// <summary>A running watch: its console, clock and the task that ends when it is stopped.</summary>
    private sealed class Watch(TestConsole console, FakeTimeProvider clock, CancellationTokenSource stop, Task<int> run)
    {
        public TestConsole Console => console;

        /// <summary>Advances the clock a poll at a time (a few real milliseconds between) until the condition holds.</summary>
        public async Task Until(Func<bool> condition)
        {
            for (var i = 0; i < 2000 && !condition(); i++)
            {
                Assert.False(run.IsCompleted, "the watch stopped: " + console.Output);
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
            Assert.True(condition(), "not reached; output: " + console.Output);
        }

        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            var code = await run;
            stop.Dispose();
            return code;
        }
    }

    private Watch Start()
    {
        var console = new TestConsole();
        console.Profile.Width = 240;
        var clock = new FakeTimeProvider(CliRunner.Now);
        var stop = new CancellationTokenSource();
        var services = new CliServices(console, clock, () => new MemoryStream());
        var run = Task.Run(() => VerdictApp.RunAsync(["watch", Inbox, "--poll-seconds", "1", "--logs", Fixture("bruteforce-auth.csv"), "--out", Out], services, stop.Token));
        return new Watch(console, clock, stop, run);
    }

    private string Briefs(string stem) => Path.Combine(Out, stem, "investigation_briefs.json");

    [Fact]
    public async Task Each_new_file_is_triaged_once_and_a_restart_does_not_redo_it()
    {
        Directory.CreateDirectory(Inbox);
        var watch = Start();
        File.Copy(Fixture("bruteforce-cim.csv"), Path.Combine(Inbox, "splunk.csv"));
        File.WriteAllText(Path.Combine(Inbox, "edr.log"), "2026-11-20 06:18:00 UTC failed logins for ACME\\bob from 185.220.101.34\n", Encoding.UTF8);
        File.WriteAllText(Path.Combine(Inbox, "half.json.partial"), "{\"rule\":", Encoding.UTF8);

        await watch.Until(() => File.Exists(Briefs("splunk")) && File.Exists(Briefs("edr")));
        Assert.Equal(0, await watch.StopAsync());

        Assert.Contains("splunk.csv: 2 triaged, 0 unreadable, 2 to escalate", watch.Console.Output, StringComparison.Ordinal);
        Assert.Contains("edr.log: 1 triaged", watch.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("half.json", watch.Console.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped watching.", watch.Console.Output, StringComparison.Ordinal);

        // Restart with one more file: only that one is triaged.
        File.Copy(Fixture("bruteforce-ecs.ndjson"), Path.Combine(Inbox, "elastic.ndjson"));
        var again = Start();
        await again.Until(() => File.Exists(Briefs("elastic")));
        Assert.Equal(0, await again.StopAsync());

        Assert.Contains("elastic.ndjson: 2 triaged", again.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("splunk.csv", again.Console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("edr.log", again.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_a_usage_error()
    {
        var console = new TestConsole();
        var code = await VerdictApp.RunAsync(["watch", Inbox, "--out", Out], new CliServices(console, new FakeTimeProvider(CliRunner.Now), () => new MemoryStream()),
            TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains("folder not found", console.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
