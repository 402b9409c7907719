namespace Verdict.Llm.Analyst;

/// <summary>Price per million tokens, in US dollars, for one model.</summary>
public sealed record ModelPrice(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite);

/// <summary>
/// The LLM analyst's settings: provider, the strong and fast models, limits and the run budget. Secrets are never
/// here: the key is read from the variable named by <see cref="ApiKeyVariable"/>.
/// </summary>
public sealed record LlmOptions
{
    public const string Claude = "claude";
    public const string OpenAI = "openai";
    public const string Ollama = "ollama";
    public static readonly IReadOnlyList<string> Providers = [Claude, OpenAI, Ollama];

    public string Provider { get; init; } = Claude;
    /// <summary>Critical and high severity alerts go to this model.</summary>
    public string? StrongModel { get; init; }
    /// <summary>Medium and lower severity alerts go to this one.</summary>
    public string? FastModel { get; init; }
    /// <summary>Overrides the provider's base URL (else ANTHROPIC_BASE_URL / OPENAI_BASE_URL / OLLAMA_HOST, else the default).</summary>
    public Uri? BaseUrl { get; init; }
    public int MaxConcurrency { get; init; } = 4;
    public int MaxRetries { get; init; } = 4;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>After this many calls in a row failed (after retries), the provider is not called for <see cref="CircuitCoolDown"/>.</summary>
    public int CircuitThreshold { get; init; } = 3;
    public TimeSpan CircuitCoolDown { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>The run stops asking the model (alerts fall back offline) once this many tokens are spent. 0: no limit.</summary>
    public long TokenBudget { get; init; } = 2_000_000;
    /// <summary>... or once this estimated cost in US dollars is spent. 0: no limit.</summary>
    public decimal CostBudget { get; init; } = 5m;
    /// <summary>Self-critique passes after the strong model's answer (high and critical alerts); the fast model's answers are not critiqued.</summary>
    public int CritiquePasses { get; init; } = 2;
    /// <summary>High-severity alerts go to the fast model first; only an indecisive answer goes on to the strong model.</summary>
    public bool FastFirstPass { get; init; } = true;
    /// <summary>Alerts of one rule in one incident share the answer on the most severe of them (one call, not one each).</summary>
    public bool ShareWithinIncident { get; init; } = true;
    /// <summary>The confidence at which a fast-model BENIGN or MALICIOUS answer is decisive.</summary>
    public double DecisiveConfidence { get; init; } = 0.85;
    public int MaxToolIterations { get; init; } = 6;
    public int MaxConsecutiveToolErrors { get; init; } = 2;
    /// <summary>External MCP servers whose read-only tools the model may also call, as "name=command args".</summary>
    public IReadOnlyList<string> McpServers { get; init; } = [];
    public int MaxOutputTokens { get; init; } = 2048;
    /// <summary>Replace users, hosts, IPs and emails with pseudonyms before anything is sent; reversed in the brief.</summary>
    public bool Pseudonymize { get; init; }
    /// <summary>Only these alert fields are sent (case-insensitive); null sends every field.</summary>
    public IReadOnlySet<string>? SendFields { get; init; }
    /// <summary>Prices by model-name prefix; unknown models cost 0 (the report says so).</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; init; } = DefaultPrices;

    public static IReadOnlyDictionary<string, ModelPrice> DefaultPrices { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus"] = new(15m, 75m, 1.5m, 18.75m),
        ["claude-sonnet"] = new(3m, 15m, 0.3m, 3.75m),
        ["claude-haiku"] = new(1m, 5m, 0.1m, 1.25m),
        ["gpt-4o-mini"] = new(0.15m, 0.6m, 0.075m, 0m),
        ["gpt-4o"] = new(2.5m, 10m, 1.25m, 0m),
    };

    public string ApiKeyVariable => Provider switch { Claude => "ANTHROPIC_API_KEY", OpenAI => "OPENAI_API_KEY", _ => "" };

    public string Strong => StrongModel ?? Provider switch { Claude => "claude-sonnet-4-5", OpenAI => "gpt-4o", _ => "llama3.1:70b" };
    public string Fast => FastModel ?? Provider switch { Claude => "claude-haiku-4-5", OpenAI => "gpt-4o-mini", _ => "llama3.1:8b" };

    public ModelPrice PriceOf(string model) =>
        Prices.Where(p => model.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.Key.Length)
            .Select(p => p.Value).FirstOrDefault() ?? new ModelPrice(0, 0, 0, 0);

    /// <summary>The base URL to use: the option, else the provider's environment variable, else null (the SDK's default).</summary>
    public Uri? ResolveBaseUrl(Func<string, string?> environment)
    {
        if (BaseUrl is not null) return BaseUrl;
        var name = Provider switch { Claude => "ANTHROPIC_BASE_URL", OpenAI => "OPENAI_BASE_URL", _ => "OLLAMA_HOST" };
        return environment(name) is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>What is wrong with the options (empty when they are usable).</summary>
    public IReadOnlyList<string> Validate(Func<string, string?> environment)
    {
        var errors = new List<string>();
        if (!Providers.Contains(Provider)) errors.Add($"unknown provider '{Provider}'; available: {string.Join(", ", Providers)}");
        if (Provider == Claude && string.IsNullOrEmpty(environment(ApiKeyVariable))) errors.Add("set ANTHROPIC_API_KEY to use Claude");
        if (Provider == OpenAI && string.IsNullOrEmpty(environment(ApiKeyVariable)) && ResolveBaseUrl(environment) is null)
            errors.Add("set OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server)");
        if (MaxConcurrency < 1) errors.Add("max concurrency must be at least 1");
        if (CritiquePasses < 0) errors.Add("critique passes cannot be negative");
        return errors;
    }
}
