using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Verdict.Llm.Chat;

/// <summary>
/// Replaces users, hosts, IPs and emails with pseudonyms in everything sent (user text, tool calls and results; the
/// system prompt is left alone so it stays one cached prefix) and maps them back in what the model returns, so tools
/// run on real values and the brief reads normally. Works within the investigation's <see cref="PseudonymMap"/>.
/// </summary>
public sealed class PseudonymizingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (PseudonymMap.Current is not { } map) return await base.GetResponseAsync(messages, options, cancellationToken);
        var hidden = messages.Select(m => m.Role == ChatRole.System ? m : Rewrite(m, map.Hide)).ToList();
        var response = await base.GetResponseAsync(hidden, options, cancellationToken);
        response.Messages = [.. response.Messages.Select(m => Rewrite(m, map.Reveal))];
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the analyst does not stream");

    private static ChatMessage Rewrite(ChatMessage message, Func<string, string> map)
    {
        var copy = message.Clone();
        copy.Contents = [.. message.Contents.Select(c => Rewrite(c, map))];
        return copy;
    }

    private static AIContent Rewrite(AIContent content, Func<string, string> map) => content switch
    {
        TextContent t => CopyCache(t, new TextContent(map(t.Text ?? ""))),
        FunctionCallContent call => new FunctionCallContent(call.CallId, call.Name,
            call.Arguments?.ToDictionary(a => a.Key, a => a.Value is string s ? map(s) : a.Value is JsonElement { ValueKind: JsonValueKind.String } j ? map(j.GetString()!) : a.Value)),
        FunctionResultContent result => new FunctionResultContent(result.CallId, map(result.Result switch
        {
            string s => s,
            JsonElement j => j.ValueKind == JsonValueKind.String ? j.GetString()! : j.GetRawText(),
            null => "",
            var other => JsonSerializer.Serialize(other),
        })),
        _ => content,
    };

    /// <summary>Keeps properties such as Anthropic's cache_control on rewritten text.</summary>
    private static TextContent CopyCache(TextContent from, TextContent to)
    {
        to.AdditionalProperties = from.AdditionalProperties;
        return to;
    }
}

public static class PseudonymizingChatClientBuilderExtensions
{
    /// <summary>Pseudonymises users, hosts, IPs and emails in what is sent when an investigation has a <see cref="PseudonymMap"/>.</summary>
    public static ChatClientBuilder UsePseudonymization(this ChatClientBuilder builder) =>
        builder.Use(inner => new PseudonymizingChatClient(inner));
}
