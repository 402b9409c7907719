using System.Net;

namespace Verdict.Integrations.Intel;

/// <summary>
/// Whether an IP address is worth asking an internet reputation service about: not private, loopback, link-local,
/// carrier-grade NAT, documentation, benchmarking, multicast or otherwise reserved (IANA special-purpose registries).
/// </summary>
internal static class PublicAddress
{
    private static readonly (IPAddress Network, int Bits)[] Reserved =
    [
        .. Parse("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4"),
        .. Parse("::/128", "::1/128", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8"),
    ];

    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        foreach (var (network, bits) in Reserved)
        {
            var prefix = network.GetAddressBytes();
            if (prefix.Length == bytes.Length && Matches(bytes, prefix, bits)) return false;
        }
        return true;
    }

    private static bool Matches(byte[] address, byte[] prefix, int bits)
    {
        var whole = bits / 8;
        for (var i = 0; i < whole; i++)
        {
            if (address[i] != prefix[i]) return false;
        }
        var rest = bits % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (prefix[whole] & mask);
    }

    private static IEnumerable<(IPAddress, int)> Parse(params string[] cidrs) =>
        cidrs.Select(c => c.Split('/')).Select(p => (IPAddress.Parse(p[0]), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
}
