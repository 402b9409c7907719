using System.Globalization;
using System.Net;
using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>
/// The form of an entity that intel sources are asked about, so "ABC…", "sha256=abc…" and "abc…" are one lookup:
/// IPs canonical, domains lower-case without the final dot, hashes lower-case hex without a "sha256=" style prefix.
/// </summary>
public static class IntelKey
{
    public static Entity Normalize(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var value = entity.Value.Trim();
        value = entity.Kind switch
        {
            EntityKind.Ip => IPAddress.TryParse(value, out var ip) ? Canonical(ip).ToString() : value,
            EntityKind.Domain => value.TrimEnd('.').ToLowerInvariant(),
            EntityKind.FileHash => Hash(value),
            _ => value,
        };
        return value == entity.Value ? entity : entity with { Value = value };
    }

    /// <summary>True for a 32, 40 or 64 character hex string (MD5, SHA-1, SHA-256).</summary>
    public static bool IsHash(string value) =>
        value.Length is 32 or 40 or 64 && value.All(char.IsAsciiHexDigit);

    private static string Hash(string value)
    {
        var separator = value.IndexOfAny(['=', ':']);
        if (separator > 0 && separator < 8 && value[..separator].All(char.IsAsciiLetterOrDigit)) value = value[(separator + 1)..];
        return value.Trim().ToLower(CultureInfo.InvariantCulture);
    }

    private static IPAddress Canonical(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
