using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using Verdict.Llm.Analyst;

namespace Verdict.Llm.Chat;

/// <summary>
/// The provider's own <see cref="IChatClient"/> for one model: the official Anthropic SDK (<c>AsIChatClient</c>), the
/// OpenAI SDK (OpenAI, Azure OpenAI, vLLM, llama.cpp server through an endpoint override) or OllamaSharp. The SDKs'
/// own retries are off: <see cref="RetryingChatClient"/> does that, seeing Retry-After through <see cref="RetryAfterHandler"/>.
/// </summary>
public static class ChatProviders
{
    public static IChatClient Create(LlmOptions options, string model, Func<string, string?> environment, TimeProvider time)
    {
        var baseUrl = options.ResolveBaseUrl(environment);
        var key = options.ApiKeyVariable.Length > 0 ? environment(options.ApiKeyVariable) : null;
        return options.Provider switch
        {
            LlmOptions.Claude => Anthropic(options, model, key!, baseUrl, time),
            LlmOptions.OpenAI => OpenAICompatible(options, model, key, baseUrl, time),
            LlmOptions.Ollama => new OllamaApiClient(new HttpClient(Handler(time)) { BaseAddress = baseUrl ?? new Uri("http://localhost:11434"), Timeout = options.Timeout }, model),
            _ => throw new ArgumentException($"unknown provider '{options.Provider}'", nameof(options)),
        };
    }

    private static IChatClient Anthropic(LlmOptions options, string model, string key, Uri? baseUrl, TimeProvider time)
    {
        var clientOptions = new ClientOptions
        {
            ApiKey = key,
            MaxRetries = 0,
            Timeout = options.Timeout,
            Handlers = [new RetryAfterHandler(time)],
        };
        if (baseUrl is not null) clientOptions.BaseUrl = baseUrl.ToString().TrimEnd('/');
        return new AnthropicClient(clientOptions).AsIChatClient(model, options.MaxOutputTokens);
    }

    private static IChatClient OpenAICompatible(LlmOptions options, string model, string? key, Uri? baseUrl, TimeProvider time)
    {
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(new HttpClient(Handler(time))),
        };
        if (baseUrl is not null) clientOptions.Endpoint = baseUrl;
        // Local OpenAI-compatible servers want no key, but the SDK needs one: this placeholder is not a secret.
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(key) ? "no-key" : key), clientOptions).GetChatClient(model).AsIChatClient();
    }

    private static RetryAfterHandler Handler(TimeProvider time) => new(time) { InnerHandler = new SocketsHttpHandler() };
}
