namespace Verdict.Llm.Chat;

/// <summary>One model call as the ledger counted it: the model and its tokens (never the prompt or the answer).</summary>
public sealed record ModelCall(string Model, long InputTokens, long CachedInputTokens, long CacheWriteTokens, long OutputTokens);

/// <summary>
/// Every model call made from one async flow, in order (a server begins one per alert, so its audit log has one
/// <c>model_call</c> entry per call). <see cref="RunLedger"/> adds to the current log as it counts each call.
/// </summary>
public sealed class ModelCallLog
{
    private static readonly AsyncLocal<ModelCallLog?> current = new();
    private readonly List<ModelCall> calls = [];

    /// <summary>The calls so far, in the order they returned.</summary>
    public IReadOnlyList<ModelCall> Calls
    {
        get
        {
            lock (calls) return [.. calls];
        }
    }

    internal static ModelCallLog? Current => current.Value;

    /// <summary>Starts logging the calls made from this async flow and the flows it starts (call it inside an async method, so the caller's flow is untouched).</summary>
    public static ModelCallLog Begin() => current.Value = new ModelCallLog();

    internal void Add(ModelCall call)
    {
        lock (calls) calls.Add(call);
    }
}
