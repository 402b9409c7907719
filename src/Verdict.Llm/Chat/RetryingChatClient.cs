using Microsoft.Extensions.AI;

namespace Verdict.Llm.Chat;

/// <summary>
/// Retries transient failures (429, 529, 5xx, timeouts) with exponential backoff and jitter, waiting at least what
/// the server's Retry-After asked (capped at a minute). Other failures, and the last one, go to the caller.
/// </summary>
public sealed class RetryingChatClient(IChatClient inner, int maxRetries, TimeSpan baseDelay, TimeProvider time, RunLedger? ledger = null)
    : DelegatingChatClient(inner)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            var hint = RetryHint.Begin();
            try
            {
                return await base.GetResponseAsync(list, options, cancellationToken);
            }
            catch (Exception e) when (attempt < maxRetries && TransientFailure.IsTransient(e, cancellationToken))
            {
                ledger?.CountRetry();
                await Task.Delay(Wait(attempt, hint.RetryAfter), time, cancellationToken);
            }
        }
    }

    private TimeSpan Wait(int attempt, TimeSpan? retryAfter)
    {
        var backoff = baseDelay * Math.Pow(2, attempt) * (0.8 + 0.4 * Random.Shared.NextDouble());
        var wait = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return wait > MaxWait ? MaxWait : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}

public static class RetryingChatClientBuilderExtensions
{
    /// <summary>Retries transient provider failures, honouring Retry-After.</summary>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, int maxRetries, TimeSpan baseDelay, TimeProvider time, RunLedger? ledger = null) =>
        builder.Use(inner => new RetryingChatClient(inner, maxRetries, baseDelay, time, ledger));
}
