using System.Net;
using System.Text.RegularExpressions;

namespace Verdict.Alerts;

/// <summary>Normalises entity values and finds the obvious ones in free text.</summary>
public static partial class EntityText
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

    public static string? Ip(string? raw) =>
        raw is not null && IPAddress.TryParse(raw.Trim(), out var ip) ? ip.ToString() : null;

    public static IReadOnlyList<Entity> Collect(string? user, string? host, string? sourceIp, string? destinationIp, string text)
    {
        var list = new List<Entity>();
        void Add(EntityKind kind, string? value)
        {
            if (value is not null && !list.Contains(new Entity(kind, value))) list.Add(new Entity(kind, value));
        }
        Add(EntityKind.User, user);
        Add(EntityKind.Host, host);
        Add(EntityKind.Ip, sourceIp);
        Add(EntityKind.Ip, Ip(destinationIp));
        foreach (Match m in Ipv4().Matches(text)) Add(EntityKind.Ip, Ip(m.Value));
        return list;
    }

    [GeneratedRegex(@"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")]
    private static partial Regex Ipv4();
}
