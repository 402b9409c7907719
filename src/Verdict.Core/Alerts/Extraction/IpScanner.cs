using System.Net;
using System.Net.Sockets;

namespace Verdict.Alerts.Extraction;

/// <summary>
/// IPv4 and IPv6 addresses in values and free text, in canonical form and tagged with their range.
/// IPv4 is four decimal octets and nothing more: 1.2.3.4.5, v1.2.3.4 and Chrome/120.0.0.0 are not addresses.
/// IPv6 goes through <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> (compressed, mixed and bracketed forms;
/// a zone id is kept as an attribute, not in the value, so "fe80::1%eth0" reads the same on every machine).
/// </summary>
internal static class IpScanner
{
    private const int MaxIpv6Text = 45;
    private static readonly string[] VersionWords = ["v", "ver", "version", "build", "release", "firmware"];

    /// <summary>A whole value that is one address: "10.0.0.1", "[2001:db8::1]", "2001:db8::1%eth0", "10.0.0.1:443", "[::1]:443".</summary>
    public static Entity? ParseValue(string value, IReadOnlyList<string>? tags = null)
    {
        var v = value.Trim();
        if (v.StartsWith('[') && v.IndexOf(']', StringComparison.Ordinal) is > 1 and var close) v = v[1..close];
        else if (v.Count(c => c == ':') == 1 && v.IndexOf(':', StringComparison.Ordinal) is var colon && IsPort(v.AsSpan(colon + 1))) v = v[..colon];
        if (TryParseV4(v) is { } v4) return Make(v4, tags, null);
        return TryParseV6(v, out var v6, out var zone) ? Make(v6!, tags, zone) : null;
    }

    public static void Scan(ScanText t, EntitySet set)
    {
        ScanV6(t, set);
        ScanV4(t, set);
    }

    private static void ScanV6(ScanText t, EntitySet set)
    {
        var s = t.Text;
        for (var i = 0; i < s.Length; i++)
        {
            if (!IsV6Char(s[i]) || (i > 0 && (IsV6Char(s[i - 1]) || char.IsAsciiLetterOrDigit(s[i - 1]) || s[i - 1] is '_' or '.'))) continue;
            var end = i;
            var colons = 0;
            while (end < s.Length && (IsV6Char(s[end]) || s[end] == '.'))
            {
                if (s[end] == ':') colons++;
                end++;
            }
            var next = end;
            string? zone = null;
            if (next < s.Length && s[next] == '%')
            {
                var z = next + 1;
                while (z < s.Length && z - next <= 32 && (char.IsAsciiLetterOrDigit(s[z]) || s[z] is '.' or '_' or '-')) z++;
                if (z > next + 1) (zone, next) = (s[(next + 1)..z], z);
            }
            var candidate = s[i..end];
            if (colons >= 2 && end - i <= MaxIpv6Text + 2 && !(next < s.Length && (char.IsAsciiLetter(s[next]) || s[next] == '_'))
                && Trimmed(candidate) is { } text && TryParseV6(zone is null ? text : $"{text}%{zone}", out var ip, out zone))
            {
                t.Take(i, i + text.Length, Claim.Ipv6);
                set.Add(Make(ip!, t.Tag(i, i + text.Length), zone));
            }
            i = next - 1;
        }
    }

    // "2001:db8::1." at the end of a sentence, "fe80::1:" before a port label. In running text an address has a
    // decimal digit somewhere; "[Math]::Add" and "Abc::Def" are code, not "::add" and "abc::def".
    private static string? Trimmed(string candidate)
    {
        var c = candidate.TrimEnd('.');
        if (c.EndsWith(':') && !c.EndsWith("::", StringComparison.Ordinal)) c = c[..^1];
        return c.Any(char.IsAsciiDigit) ? c : null;
    }

    private static void ScanV4(ScanText t, EntitySet set)
    {
        var s = t.Text;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]) || (i > 0 && (char.IsAsciiDigit(s[i - 1]) || s[i - 1] == '.'))) continue;
            var end = i;
            while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] == '.')) end++;
            var runEnd = end;
            // "1.2.3.4.txt" and "1.2.3.4.example.com" continue past the dot; "from 1.2.3.4." ends a sentence.
            var continues = s[end - 1] == '.' && end < s.Length && char.IsAsciiLetterOrDigit(s[end]);
            while (end > i && s[end - 1] == '.') end--;
            if (!continues && PlausibleV4Context(s, i, end) && !t.Taken(i, end, Claim.Ipv6) && TryParseV4(s[i..end]) is { } ip)
            {
                set.Add(Make(ip, t.Tag(i, end), null));
            }
            i = runEnd - 1;
        }
    }

    private static bool PlausibleV4Context(string s, int start, int end)
    {
        var before = start > 0 ? s[start - 1] : ' ';
        var after = end < s.Length ? s[end] : ' ';
        if (char.IsAsciiLetter(before) || before == '_' || char.IsAsciiLetter(after) || after == '_') return false;
        // Product/version tokens: "Chrome/120.0.0.0", "version 1.2.3.4", "build: 10.0.19041.1".
        if (before == '/' && start > 1 && char.IsAsciiLetterOrDigit(s[start - 2])) return false;
        return !VersionWords.Contains(PreviousWord(s, start));
    }

    private static string PreviousWord(string s, int start)
    {
        var i = start - 1;
        while (i >= 0 && start - i < 4 && s[i] is ' ' or ':' or '=' or '\t') i--;
        var end = i + 1;
        while (i >= 0 && end - i <= 16 && char.IsAsciiLetter(s[i])) i--;
        return s[(i + 1)..end].ToLowerInvariant();
    }

    /// <summary>Exactly four decimal octets (leading zeros read as decimal, never octal).</summary>
    public static IPAddress? TryParseV4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        var bytes = new byte[4];
        for (var k = 0; k < 4; k++)
        {
            if (parts[k].Length is 0 or > 3 || !parts[k].All(char.IsAsciiDigit)) return null;
            var n = int.Parse(parts[k], System.Globalization.CultureInfo.InvariantCulture);
            if (n > 255) return null;
            bytes[k] = (byte)n;
        }
        return new IPAddress(bytes);
    }

    private static bool TryParseV6(string text, out IPAddress? ip, out string? zone)
    {
        ip = null;
        zone = null;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0) (zone, text) = (text[(percent + 1)..], text[..percent]);
        if (zone is { Length: 0 }) zone = null;
        if (!text.Contains(':', StringComparison.Ordinal) || text.Length > MaxIpv6Text || !text.Any(char.IsAsciiHexDigit)) return false;
        return IPAddress.TryParse(text, out ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static Entity Make(IPAddress ip, IReadOnlyList<string>? tags, string? zone)
    {
        IReadOnlyList<string> all = [.. IpRanges.Classify(ip), .. tags ?? []];
        return new Entity(EntityKind.Ip, ip.ToString(), all, zone is null ? null : new Dictionary<string, string> { ["zone"] = zone });
    }

    private static bool IsV6Char(char c) => char.IsAsciiHexDigit(c) || c == ':';

    private static bool IsPort(ReadOnlySpan<char> s) => s.Length is > 0 and <= 5 && !s.ContainsAnyExceptInRange('0', '9');
}
