using System.Net;
using Verdict.Alerts;

namespace Verdict.Enrichment;

/// <summary>One indicator of compromise from a local feed.</summary>
public sealed record Indicator(EntityKind Kind, string Value, IntelVerdict Verdict, int Confidence, string Source, string Description = "");

/// <summary>
/// Indicators from local feeds, indexed for lookup: exact values by kind (IPs canonical, domains and hashes lower
/// case, URLs as written) and CIDR ranges for IPs. A domain indicator also matches its subdomains.
/// </summary>
public sealed class IndicatorSet
{
    private readonly Dictionary<(EntityKind, string), Indicator> _exact = [];
    private readonly List<(IPNetwork Network, Indicator Indicator)> _ranges = [];

    public int Count => _exact.Count + _ranges.Count;

    public IReadOnlyCollection<string> Sources => [.. _exact.Values.Select(i => i.Source).Concat(_ranges.Select(r => r.Indicator.Source)).Distinct()];

    /// <summary>Adds an indicator; a later entry for the same value wins only with higher confidence.</summary>
    public bool Add(Indicator indicator)
    {
        if (indicator.Kind == EntityKind.Ip && indicator.Value.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(indicator.Value, out var network)) return false;
            _ranges.Add((network, indicator));
            return true;
        }
        var key = (indicator.Kind, Normalize(indicator.Kind, indicator.Value));
        if (key.Item2.Length == 0) return false;
        if (!_exact.TryGetValue(key, out var existing) || existing.Confidence < indicator.Confidence) _exact[key] = indicator with { Value = key.Item2 };
        return true;
    }

    public Indicator? Match(Entity entity)
    {
        var value = Normalize(entity.Kind, entity.Value);
        if (_exact.TryGetValue((entity.Kind, value), out var hit)) return hit;
        switch (entity.Kind)
        {
            case EntityKind.Ip when IPAddress.TryParse(value, out var ip):
                return _ranges.Where(r => r.Network.Contains(ip)).Select(r => r.Indicator).MaxBy(i => i.Confidence);
            case EntityKind.Domain:
                for (var dot = value.IndexOf('.', StringComparison.Ordinal); dot >= 0 && dot < value.Length - 1; dot = value.IndexOf('.', dot + 1))
                {
                    if (_exact.TryGetValue((EntityKind.Domain, value[(dot + 1)..]), out var parent)) return parent;
                }
                return null;
            case EntityKind.Url when Uri.TryCreate(value, UriKind.Absolute, out var uri):
                return Match(new Entity(EntityKind.Domain, uri.Host));
            default:
                return null;
        }
    }

    public static string Normalize(EntityKind kind, string value)
    {
        value = Refang(value.Trim());
        return kind switch
        {
            EntityKind.Ip => IPAddress.TryParse(value, out var ip) ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "",
            EntityKind.Url => value,
            _ => value.ToLowerInvariant().TrimEnd('.'),
        };
    }

    /// <summary>Undoes the usual defanging: hxxp, [.], (.), [dot], [:], [@].</summary>
    public static string Refang(string value) => value
        .Replace("hxxp", "http", StringComparison.OrdinalIgnoreCase).Replace("[.]", ".", StringComparison.Ordinal)
        .Replace("(.)", ".", StringComparison.Ordinal).Replace("[dot]", ".", StringComparison.OrdinalIgnoreCase)
        .Replace("[:]", ":", StringComparison.Ordinal).Replace("[@]", "@", StringComparison.Ordinal);
}
