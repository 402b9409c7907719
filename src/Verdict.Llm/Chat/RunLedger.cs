using Verdict.Llm.Analyst;

namespace Verdict.Llm.Chat;

/// <summary>Token counts for some model calls.</summary>
public sealed class UsageTally
{
    private long calls, input, cachedRead, cacheWrite, output;

    public int Calls => (int)Interlocked.Read(ref calls);
    public long InputTokens => Interlocked.Read(ref input);
    public long CachedReadTokens => Interlocked.Read(ref cachedRead);
    public long CacheWriteTokens => Interlocked.Read(ref cacheWrite);
    public long OutputTokens => Interlocked.Read(ref output);
    public long TotalTokens => InputTokens + OutputTokens;

    internal void Add(long inputTokens, long cached, long written, long outputTokens)
    {
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref input, inputTokens);
        Interlocked.Add(ref cachedRead, cached);
        Interlocked.Add(ref cacheWrite, written);
        Interlocked.Add(ref output, outputTokens);
    }

    /// <summary>The tally of the investigation running on this async flow, if one began (see <see cref="Begin"/>).</summary>
    internal static UsageTally? Current => current.Value;

    private static readonly AsyncLocal<UsageTally?> current = new();

    /// <summary>Starts counting the calls made from this async flow (one alert's investigation).</summary>
    public static UsageTally Begin() => current.Value = new UsageTally();
}

/// <summary>
/// What a run spent with the model: calls, input, cached-read, cache-write and output tokens, retries, the estimated
/// cost from the price table, and the budget after which no more calls are made.
/// </summary>
public sealed class RunLedger(LlmOptions options)
{
    private readonly Lock gate = new();
    private decimal cost;
    private int retries;

    public UsageTally Usage { get; } = new();
    public decimal Cost { get { lock (gate) return cost; } }
    public int Retries => Volatile.Read(ref retries);
    /// <summary>Calls refused because the budget was spent.</summary>
    public int Refused { get; private set; }

    public bool Exhausted =>
        (options.TokenBudget > 0 && Usage.TotalTokens >= options.TokenBudget) || (options.CostBudget > 0 && Cost >= options.CostBudget);

    internal void Record(string model, long input, long cached, long written, long output)
    {
        Usage.Add(input, cached, written, output);
        UsageTally.Current?.Add(input, cached, written, output);
        ModelCallLog.Current?.Add(new ModelCall(model, input, cached, written, output));
        var price = options.PriceOf(model);
        // UsageDetails.InputTokenCount includes cached tokens (the Anthropic adapter adds cache reads and writes to input_tokens).
        var uncached = Math.Max(0, input - cached - written);
        var spent = (uncached * price.Input + cached * price.CacheRead + written * price.CacheWrite + output * price.Output) / 1_000_000m;
        lock (gate) cost += spent;
    }

    internal void CountRetry() => Interlocked.Increment(ref retries);

    internal void CountRefusal()
    {
        lock (gate) Refused++;
    }

    /// <summary>The share of input tokens read from the prompt cache.</summary>
    public double CachedShare => Usage.InputTokens == 0 ? 0 : (double)Usage.CachedReadTokens / Usage.InputTokens;
}

/// <summary>The run's token or cost budget is spent: the alert falls back to the offline assessment.</summary>
public sealed class BudgetExhaustedException() : Exception("the run's model budget is spent");
