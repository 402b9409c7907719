using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Llm.Chat;

/// <summary>
/// One investigation's pseudonyms: users, hosts, IPs and emails become USER_1, HOST_1, IP_1, EMAIL_1 before anything
/// leaves the machine, and the model's text and tool arguments are mapped back. Values come from the alert's entities;
/// IPv4 addresses and emails met later (in tool results) get pseudonyms as they appear.
/// </summary>
public sealed partial class PseudonymMap
{
    private readonly Dictionary<string, string> toToken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> toValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> counters = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private static readonly AsyncLocal<PseudonymMap?> current = new();

    internal static PseudonymMap? Current => current.Value;

    /// <summary>Starts pseudonymising the calls made from this async flow, seeded with the alert's entities.</summary>
    public static PseudonymMap Begin(Alert alert)
    {
        var map = new PseudonymMap();
        foreach (var e in alert.Entities)
        {
            var kind = e.Kind switch { EntityKind.User => "USER", EntityKind.Host => "HOST", EntityKind.Ip => "IP", EntityKind.Email => "EMAIL", _ => null };
            if (kind is not null) map.Token(kind, e.Value);
        }
        if (alert.User is { Length: > 0 } user) map.Token("USER", user);
        if (alert.Host is { Length: > 0 } host) map.Token("HOST", host);
        if (alert.SourceIp is { Length: > 0 } ip) map.Token("IP", ip);
        return current.Value = map;
    }

    public string Token(string kind, string value)
    {
        lock (gate)
        {
            if (toToken.TryGetValue(value, out var token)) return token;
            counters[kind] = counters.GetValueOrDefault(kind) + 1;
            token = $"{kind}_{counters[kind]}";
            toToken[value] = token;
            toValue[token] = value;
            return token;
        }
    }

    /// <summary>The text with every known value (longest first) and every IPv4 address and email replaced by its pseudonym.</summary>
    public string Hide(string text)
    {
        text = Emails().Replace(text, m => Token("EMAIL", m.Value));
        text = Ipv4().Replace(text, m => Token("IP", m.Value));
        KeyValuePair<string, string>[] pairs;
        lock (gate) pairs = [.. toToken.OrderByDescending(p => p.Key.Length)];
        foreach (var (value, token) in pairs)
            if (value.Length >= 3) text = Regex.Replace(text, $@"(?<![\w.-]){Regex.Escape(value)}(?![\w-])", token, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return text;
    }

    /// <summary>The text with pseudonyms mapped back to the real values.</summary>
    public string Reveal(string text) => Tokens().Replace(text, m => toValue.TryGetValue(m.Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Emails();

    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"\b(?:USER|HOST|IP|EMAIL)_\d+\b")]
    private static partial Regex Tokens();
}
