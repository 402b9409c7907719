using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Verdict.Pipeline;

namespace Verdict.Tests.Pipeline;

/// <summary>The folder watch on a fake clock: a file is handed over only once it stops changing, and only once.</summary>
public sealed class FolderWatchTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("verdict-folderwatch-");

    private string Inbox => Path.Combine(_temp.FullName, "inbox");
    private string Out => Path.Combine(_temp.FullName, "out");

    private static async Task AfterPoll(FolderWatch watch, int n)
    {
        for (var i = 0; i < 1000 && watch.Polls < n; i++) await Task.Delay(5, TestContext.Current.CancellationToken);
        Assert.True(watch.Polls >= n, $"poll {n} did not happen");
    }

    [Fact]
    public async Task A_growing_file_waits_until_it_is_stable_and_a_done_file_is_not_handed_over_again()
    {
        Directory.CreateDirectory(Inbox);
        var clock = new FakeTimeProvider();
        var handed = new ConcurrentQueue<string>();
        var watch = new FolderWatch(Inbox, WatchState.Load(Out), clock, TimeSpan.FromSeconds(1));
        using var stop = new CancellationTokenSource();
        var path = Path.Combine(Inbox, "alerts.csv");
        File.WriteAllText(path, "type,user\n");
        var run = watch.RunAsync((file, _) => { handed.Enqueue(Path.GetFileName(file.Path)); return Task.FromResult(true); }, stop.Token);

        await AfterPoll(watch, 1);
        File.AppendAllText(path, "brute_force,bob\n"); // still being written
        clock.Advance(TimeSpan.FromSeconds(1));
        await AfterPoll(watch, 2);
        Assert.Empty(handed);
        clock.Advance(TimeSpan.FromSeconds(1));
        await AfterPoll(watch, 3);
        Assert.Equal(["alerts.csv"], handed);
        clock.Advance(TimeSpan.FromSeconds(1));
        await AfterPoll(watch, 4);
        await stop.CancelAsync();
        await run;

        Assert.Equal(["alerts.csv"], handed);
        Assert.True(File.Exists(Path.Combine(Out, WatchState.FileName)));
        Assert.True(WatchState.Load(Out).IsDone(new WatchedFile(Path.GetFullPath(path), new FileInfo(path).Length, new FileInfo(path).LastWriteTimeUtc)));
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
