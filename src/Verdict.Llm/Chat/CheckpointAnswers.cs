using Microsoft.Extensions.Caching.Distributed;
using Verdict.Storage.Runs;

namespace Verdict.Llm.Chat;

/// <summary>
/// The run checkpoint's model answers as the cache behind Microsoft.Extensions.AI's <c>DistributedCachingChatClient</c>:
/// a request already answered in this run (before a crash or Ctrl-C) is answered from the checkpoint, not sent again.
/// Entries never expire within a run.
/// </summary>
public sealed class CheckpointAnswers(RunCheckpoint checkpoint) : IDistributedCache
{
    /// <summary>Requests answered from the checkpoint instead of the model.</summary>
    public int Reused => _reused;
    private int _reused;

    public byte[]? Get(string key)
    {
        var answer = checkpoint.Answer(key);
        if (answer is not null) Interlocked.Increment(ref _reused);
        return answer;
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => checkpoint.SaveAnswer(key, value);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key) { }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) { }

    public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
}
