using System.Net;
using System.Text.RegularExpressions;

namespace Verdict.Correlation.Suppression;

public enum PatternKind { Exact, Glob, Regex, Cidr }

/// <summary>
/// One value a suppression rule accepts: exact text (case-insensitive), a glob (<c>*</c>, <c>?</c>), a regular
/// expression, or, for IP fields and entities, an address or CIDR range. Regexes run with a time limit: alert
/// content is untrusted, and a pattern that times out on it does not match.
/// </summary>
public sealed class ValuePattern
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex? _regex;
    private readonly IPNetwork? _network;

    private ValuePattern(string text, PatternKind kind, Regex? regex, IPNetwork? network)
    {
        Text = text;
        Kind = kind;
        _regex = regex;
        _network = network;
    }

    public string Text { get; }
    public PatternKind Kind { get; }

    public static ValuePattern Exact(string text) => new(text, PatternKind.Exact, null, null);

    public static ValuePattern Glob(string text) =>
        new(text, PatternKind.Glob, Compile("^" + System.Text.RegularExpressions.Regex.Escape(text).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$"), null);

    /// <summary>A regular expression, or null with the parser's reason when it is not one.</summary>
    public static ValuePattern? Regex(string text, out string? error)
    {
        error = null;
        try
        {
            return new ValuePattern(text, PatternKind.Regex, Compile(text), null);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>An address ("10.0.0.5") or range ("10.0.0.0/8"), or null when the text is neither.</summary>
    public static ValuePattern? Cidr(string text)
    {
        if (IPNetwork.TryParse(text, out var network)) return new(text, PatternKind.Cidr, null, network);
        if (IPAddress.TryParse(text, out var address)) return new(text, PatternKind.Cidr, null, new IPNetwork(address, address.GetAddressBytes().Length * 8));
        return null;
    }

    /// <summary>Glob when the text has * or ?, else exact; for IP fields an address or CIDR first.</summary>
    public static ValuePattern Auto(string text, bool ip) =>
        ip && Cidr(text) is { } cidr ? cidr
        : text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal) ? Glob(text)
        : Exact(text);

    public bool Matches(string? value)
    {
        if (value is null) return false;
        switch (Kind)
        {
            case PatternKind.Exact:
                return string.Equals(Text, value, StringComparison.OrdinalIgnoreCase);
            case PatternKind.Cidr:
                return IPAddress.TryParse(value, out var address) && _network!.Value.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
            default:
                try
                {
                    return _regex!.IsMatch(value);
                }
                catch (RegexMatchTimeoutException)
                {
                    return false;
                }
        }
    }

    public override string ToString() => Kind switch
    {
        PatternKind.Regex => $"/{Text}/",
        _ => Text,
    };

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, RegexTimeout);
}
