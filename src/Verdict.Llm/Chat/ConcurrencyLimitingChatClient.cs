using Microsoft.Extensions.AI;

namespace Verdict.Llm.Chat;

/// <summary>At most N calls in flight across the run, to stay within the provider's rate limits.</summary>
public sealed class ConcurrencyLimitingChatClient(IChatClient inner, SemaphoreSlim slots) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }
}

public static class ConcurrencyLimitingChatClientBuilderExtensions
{
    /// <summary>Shares <paramref name="slots"/> among every client built with it (strong and fast models alike).</summary>
    public static ChatClientBuilder UseConcurrencyLimit(this ChatClientBuilder builder, SemaphoreSlim slots) =>
        builder.Use(inner => new ConcurrencyLimitingChatClient(inner, slots));
}
