using System.Net;

namespace Verdict.Alerts;

/// <summary>Normalises user names and IP addresses the way logs and alerts are matched; <see cref="EntityExtractor"/> finds entities.</summary>
public static class EntityText
{
    /// <summary>"ACME\Bob", "bob@acme.com" and "Bob" all become "bob"; the domain part is dropped for matching with logs.</summary>
    public static string? User(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var u = raw.Trim().ToLowerInvariant();
        var slash = u.LastIndexOf('\\');
        if (slash >= 0) u = u[(slash + 1)..];
        var at = u.IndexOf('@', StringComparison.Ordinal);
        if (at > 0) u = u[..at];
        return u.Length == 0 ? null : u;
    }

    /// <summary>A host in lower case; "CORP\WS-01" (a NetBIOS domain before the machine, as consoles write it) is "ws-01".</summary>
    public static string? Host(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var h = raw.Trim().ToLowerInvariant();
        var slash = h.LastIndexOf('\\');
        return slash > 0 && slash < h.Length - 1 && h.IndexOf('\\') == slash && !h.Contains(' ', StringComparison.Ordinal) ? h[(slash + 1)..] : h;
    }

    /// <summary>
    /// An address, also written with its port as servers log a peer ("198.51.100.7:51220", "[2001:db8::1]:443"); an IPv4
    /// address a dual-stack server logs in its IPv6 form ("::ffff:198.51.100.7", Microsoft 365's ClientIP) is that IPv4 address.
    /// </summary>
    public static string? Ip(string? raw) =>
        raw is null ? null
        : IPAddress.TryParse(raw.Trim(), out var ip) ? Plain(ip)
        : raw.Contains(':') && IPEndPoint.TryParse(raw.Trim(), out var endpoint) ? Plain(endpoint.Address) : null;

    private static string Plain(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
}
