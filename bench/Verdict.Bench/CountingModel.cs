using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verdict.Tests.Support;

namespace Verdict.Bench;

/// <summary>
/// The scripted model behind the local Anthropic Messages API server (<see cref="AnthropicServer"/>, shared with the
/// tests): it counts every call and reports usage the way the API does. Tokens are estimated as 4 characters each.
/// The cached prefix is the tools and the system prompt up to its <c>cache_control</c> block: the first request with a
/// given prefix (per model) writes it (<c>cache_creation_input_tokens</c>), later ones read it
/// (<c>cache_read_input_tokens</c>), and <c>input_tokens</c> is only the uncached rest, as the API reports it. Like
/// the API, a prefix shorter than the model's minimum (1,024 tokens for Sonnet 4.5, 4,096 for Haiku 4.5) is not cached.
/// The answer leans the way the offline analyst did: an offline BENIGN or MALICIOUS is confirmed with confidence 0.88,
/// an offline SUSPICIOUS becomes BENIGN (40%), MALICIOUS (25%) or stays SUSPICIOUS at 0.6 (35%), by a stable hash of
/// the alert. It never calls tools.
/// </summary>
internal sealed partial class CountingModel
{
    private readonly ConcurrentDictionary<string, byte> cache = new();
    private long prefixTokens, calls, input, cacheRead, cacheWrite, output, strongCalls;

    public long Calls => Interlocked.Read(ref calls);
    /// <summary>The size of the cacheable prefix (tools and system prompt) of the latest request, in tokens.</summary>
    public long PrefixTokens => Interlocked.Read(ref prefixTokens);
    public long StrongCalls => Interlocked.Read(ref strongCalls);
    public long InputTokens => Interlocked.Read(ref input);
    public long CacheReadTokens => Interlocked.Read(ref cacheRead);
    public long CacheWriteTokens => Interlocked.Read(ref cacheWrite);
    public long OutputTokens => Interlocked.Read(ref output);
    /// <summary>All input tokens: uncached, read from the cache and written to it.</summary>
    public long AllInputTokens => InputTokens + CacheReadTokens + CacheWriteTokens;

    public static int MinimumCacheable(string model) => model.Contains("haiku", StringComparison.OrdinalIgnoreCase) ? 4096 : 1024;

    public HttpReply Reply(JsonNode body)
    {
        var model = (string?)body["model"] ?? "";
        var tools = body["tools"]?.ToJsonString() ?? "";
        var system = body["system"]?.ToJsonString() ?? "";
        var prefix = Tokens(tools.Length + system.Length);
        var rest = Tokens(body["messages"]!.ToJsonString().Length);
        var cacheable = system.Contains("cache_control", StringComparison.Ordinal) && prefix >= MinimumCacheable(model);
        var (read, written, uncached) = !cacheable ? (0, 0, prefix + rest)
            : cache.TryAdd(model + "\n" + tools + "\n" + system, 0) ? (0, prefix, rest) : (prefix, 0, rest);
        var answer = Answer(body);
        var produced = Tokens(answer.Length);
        Interlocked.Exchange(ref prefixTokens, prefix);
        Interlocked.Increment(ref calls);
        if (model.Contains("sonnet", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref strongCalls);
        Interlocked.Add(ref input, uncached);
        Interlocked.Add(ref cacheRead, read);
        Interlocked.Add(ref cacheWrite, written);
        Interlocked.Add(ref output, produced);
        return AnthropicServer.Text(answer, uncached, produced, read, written);
    }

    private static int Tokens(int characters) => (characters + 3) / 4;

    private static string Answer(JsonNode body)
    {
        var first = Text(body["messages"]![0]!["content"]);
        var offline = Offline().Match(first);
        var classification = offline.Success ? offline.Groups[1].Value : "SUSPICIOUS";
        var severity = offline.Success ? offline.Groups[2].Value : "MEDIUM";
        var alertId = AlertId().Match(first) is { Success: true } m ? m.Groups[1].Value : first;
        if (classification == "SUSPICIOUS")
        {
            var roll = StableHash(alertId) % 100;
            return roll < 40 ? AnthropicServer.Answer("BENIGN", severity, 0.88)
                : roll < 65 ? AnthropicServer.Answer("MALICIOUS", severity, 0.88)
                : AnthropicServer.Answer("SUSPICIOUS", severity, 0.6);
        }
        return AnthropicServer.Answer(classification, severity, 0.88);
    }

    /// <summary>A message's text: the content string, or its text blocks joined.</summary>
    private static string Text(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray blocks => string.Join("\n", blocks.Select(b => (string?)b?["text"]).OfType<string>()),
        _ => "",
    };

    private static int StableHash(string text) => text.Aggregate(17, (h, c) => unchecked(h * 31 + c)) & int.MaxValue;

    public string Describe(long alerts) => string.Create(CultureInfo.InvariantCulture,
        $"{Calls * 1000.0 / alerts,8:N1} | {InputTokens / (double)alerts,8:N0} | {CacheReadTokens / (double)alerts,8:N0} | {CacheWriteTokens / (double)alerts,8:N0} | {OutputTokens / (double)alerts,7:N0} | {(AllInputTokens == 0 ? 0 : (double)CacheReadTokens / AllInputTokens),7:P0}");

    [GeneratedRegex("""offline_analyst":\{"classification":"([A-Z]+)","severity":"([A-Z]+)""")]
    private static partial Regex Offline();

    [GeneratedRegex("""\{"id":"([^"]+)""")]
    private static partial Regex AlertId();
}
