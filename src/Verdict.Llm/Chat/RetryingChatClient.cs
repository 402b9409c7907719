using System.Globalization;
using Microsoft.Extensions.AI;

namespace Verdict.Llm.Chat;

/// <summary>
/// Retries transient failures (429, 529, 5xx, timeouts) with exponential backoff and jitter, waiting at least what
/// the server's Retry-After asked. A server asking for more than a minute is not retried (a
/// <see cref="ProviderUnavailableException"/> saying how long it asked for). Other failures, and the last one, go to the caller.
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
                // Asked to wait longer than we ever would: give up now instead of hammering a server that said no.
                if (hint.RetryAfter > MaxWait) throw new ProviderUnavailableException($"{TransientFailure.Describe(e)}, the server asked to wait {Human(hint.RetryAfter.Value)}", e);
                ledger?.CountRetry();
                await Task.Delay(Wait(attempt, hint.RetryAfter), time, cancellationToken);
            }
        }
    }

    private static string Human(TimeSpan wait) =>
        wait.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{wait.TotalHours:0.#} h")
        : wait.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{wait.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0} s");

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
