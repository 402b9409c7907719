using Microsoft.Extensions.AI;

namespace Verdict.Llm.Chat;

/// <summary>
/// Records every call's <see cref="UsageDetails"/> in the <see cref="RunLedger"/> (and the current alert's tally), and
/// refuses calls once the run's budget is spent, before anything is sent.
/// </summary>
public sealed class UsageAccountingChatClient(IChatClient inner, RunLedger ledger, string model) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (ledger.Exhausted)
        {
            ledger.CountRefusal();
            throw new BudgetExhaustedException();
        }
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        var usage = response.Usage;
        ledger.Record(options?.ModelId ?? response.ModelId ?? model, usage?.InputTokenCount ?? 0, usage?.CachedInputTokenCount ?? 0,
            CacheWrites(usage, response), usage?.OutputTokenCount ?? 0);
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the analyst does not stream");

    /// <summary>Cache-write tokens: from the additional counts when the adapter reports them, else from Anthropic's raw usage.</summary>
    private static long CacheWrites(UsageDetails? usage, ChatResponse response)
    {
        if (usage?.AdditionalCounts is { } extra)
        {
            foreach (var (key, value) in extra)
                if (key.Contains("cache_creation", StringComparison.OrdinalIgnoreCase) || key.Contains("CacheCreation", StringComparison.OrdinalIgnoreCase)) return value;
        }
        return response.RawRepresentation is Anthropic.Models.Messages.Message message ? message.Usage.CacheCreationInputTokens ?? 0 : 0;
    }
}

public static class UsageAccountingChatClientBuilderExtensions
{
    /// <summary>Counts tokens and cost in <paramref name="ledger"/> and stops calling once its budget is spent.</summary>
    public static ChatClientBuilder UseUsageAccounting(this ChatClientBuilder builder, RunLedger ledger, string model) =>
        builder.Use(inner => new UsageAccountingChatClient(inner, ledger, model));
}
