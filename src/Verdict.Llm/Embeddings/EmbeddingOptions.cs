namespace Verdict.Llm.Embeddings;

/// <summary>
/// Which embedding model to call and where: `ollama` (a local Ollama server) or `openai` (the OpenAI API or any
/// OpenAI-compatible server such as vLLM or llama.cpp). The API key is never held here, only the name of the
/// environment variable it is read from, so options can be logged and shown. Check <see cref="Validate"/> at start.
/// </summary>
public sealed class EmbeddingOptions
{
    public const string Ollama = "ollama";
    public const string OpenAI = "openai";
    public const string DefaultOllamaEndpoint = "http://localhost:11434/";
    public const string DefaultOpenAIEndpoint = "https://api.openai.com/v1/";
    /// <summary>The OpenAI SDKs' variable for another OpenAI-compatible endpoint.</summary>
    public const string OpenAIBaseUrlVariable = "OPENAI_BASE_URL";
    public static readonly IReadOnlyList<string> Providers = [Ollama, OpenAI];

    /// <summary>`ollama` or `openai`.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The embedding model, e.g. nomic-embed-text (Ollama) or text-embedding-3-small (OpenAI).</summary>
    public string Model { get; set; } = "";

    /// <summary>The server's base URL; empty for the provider's default (for openai: $OPENAI_BASE_URL, else api.openai.com).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The environment variable holding the API key (openai only; a local server usually needs none).</summary>
    public string ApiKeyVariable { get; set; } = "OPENAI_API_KEY";

    /// <summary>How long one embedding call may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Options from "PROVIDER:MODEL" (the model may itself hold colons: ollama:nomic-embed-text:latest) and an optional URL.</summary>
    public static EmbeddingOptions Parse(string spec, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        return new EmbeddingOptions
        {
            Provider = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant(),
            Model = colon < 0 ? "" : spec[(colon + 1)..].Trim(),
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : endpoint.Trim(),
        };
    }

    /// <summary>The URL calls go to: <see cref="Endpoint"/>, else (openai) $OPENAI_BASE_URL, else the provider's default. Null when not a URL.</summary>
    public Uri? ResolveEndpoint(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = Endpoint;
        if (string.IsNullOrWhiteSpace(text) && Provider == OpenAI) text = environment(OpenAIBaseUrlVariable);
        if (string.IsNullOrWhiteSpace(text)) text = Provider == OpenAI ? DefaultOpenAIEndpoint : DefaultOllamaEndpoint;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return null;
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/" + uri.Query);
    }

    /// <summary>True when calls go to OpenAI's own API, which refuses calls without a key.</summary>
    public bool IsOpenAIService(Func<string, string?> environment) =>
        Provider == OpenAI && ResolveEndpoint(environment) is { } uri && uri.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong, one message a problem, written for the person running Verdict; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        if (!Providers.Contains(Provider))
        {
            errors.Add($"unknown embedding provider '{Provider}': use {string.Join(" or ", Providers)} (e.g. ollama:nomic-embed-text, openai:text-embedding-3-small)");
            return errors;
        }
        if (string.IsNullOrWhiteSpace(Model)) errors.Add($"no embedding model: write {Provider}:MODEL (e.g. {Example(Provider)})");
        if (ResolveEndpoint(environment) is null)
        {
            var source = !string.IsNullOrWhiteSpace(Endpoint) ? "the embeddings URL" : $"${OpenAIBaseUrlVariable}";
            errors.Add($"{source} is not an http(s) URL: '{Display(Endpoint ?? environment(OpenAIBaseUrlVariable))}'");
        }
        else if (IsOpenAIService(environment) && string.IsNullOrWhiteSpace(environment(ApiKeyVariable)))
        {
            errors.Add($"the OpenAI API needs a key: set ${ApiKeyVariable} (or give --embeddings-url for an OpenAI-compatible server that needs none)");
        }
        if (Timeout <= TimeSpan.Zero) errors.Add("the embedding timeout must be positive");
        return errors;
    }

    /// <summary>"ollama nomic-embed-text at http://localhost:11434/": provider, model and endpoint, with no credentials.</summary>
    public string Describe(Func<string, string?> environment) =>
        $"{Provider} {Model} at {(ResolveEndpoint(environment) is { } uri ? Display(uri) : "(no valid URL)")}";

    /// <summary>A URL fit to show: scheme, host, port and path; user name, password, query and fragment removed.</summary>
    public static string Display(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.GetLeftPart(UriPartial.Path);
    }

    /// <summary>A text that is not a usable URL, shown with anything before an '@' (credentials, perhaps) hidden.</summary>
    private static string Display(string? text) =>
        text is null ? "" : text.LastIndexOf('@') is var at and >= 0 ? "…" + text[at..] : text;

    private static string Example(string provider) => provider == OpenAI ? "openai:text-embedding-3-small" : "ollama:nomic-embed-text";
}
