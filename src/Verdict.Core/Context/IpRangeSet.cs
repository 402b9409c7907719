using System.Collections.Concurrent;
using System.Net;

namespace Verdict.Context;

/// <summary>A named list of IP addresses and CIDR ranges (scanners, VPN egress, known-bad addresses).</summary>
public sealed class IpRangeSet
{
    private const int MaxCached = 1 << 16;
    private readonly List<IPNetwork> _ranges = [];
    // The answer per address text: the same few addresses are asked about for every event of every case.
    private readonly ConcurrentDictionary<string, bool> _answers = new(StringComparer.Ordinal);

    public static IpRangeSet Empty { get; } = new();

    public int Count => _ranges.Count;

    /// <summary>Adds "10.0.0.5", "10.0.0.0/8" or "2001:db8::/32". Returns false for anything else.</summary>
    public bool TryAdd(string text)
    {
        text = text.Trim();
        _answers.Clear();
        if (IPNetwork.TryParse(text, out var network))
        {
            _ranges.Add(network);
            return true;
        }
        if (IPAddress.TryParse(text, out var address))
        {
            _ranges.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            return true;
        }
        return false;
    }

    public bool IsEmpty => _ranges.Count == 0;

    public bool Contains(string? ip)
    {
        if (ip is null || _ranges.Count == 0) return false;
        if (_answers.TryGetValue(ip, out var known)) return known;
        var answer = IPAddress.TryParse(ip, out var address) && Contains(address);
        if (_answers.Count < MaxCached) _answers.TryAdd(ip, answer);
        return answer;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var range in _ranges)
        {
            if (range.Contains(address)) return true;
        }
        return false;
    }
}
