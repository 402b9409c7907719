using System.Net;
using System.Net.Sockets;

namespace Verdict.Alerts;

/// <summary>
/// Names the special-purpose range an address falls in (RFC 6890 and friends), as entity tags:
/// private, loopback, link-local, cgnat, documentation, multicast, reserved, unique-local, benchmarking,
/// broadcast, unspecified, ipv4-mapped; "public" when it is none of them.
/// </summary>
public static class IpRanges
{
    private static readonly IPNetwork Ipv6Documentation = IPNetwork.Parse("2001:db8::/32");
    private static readonly IPNetwork Ipv6UniqueLocal = IPNetwork.Parse("fc00::/7");
    private static readonly IPNetwork Ipv6LinkLocal = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork Ipv6Multicast = IPNetwork.Parse("ff00::/8");
    private static readonly IPNetwork Ipv6GlobalUnicast = IPNetwork.Parse("2000::/3");

    public static IReadOnlyList<string> Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return ["ipv4-mapped", .. Classify(address.MapToIPv4())];
        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    /// <summary>True for addresses that say nothing about who is on the other end: anything but "public".</summary>
    public static bool IsSpecial(IPAddress address) => !Classify(address).Contains("public");

    private static string[] ClassifyV4(byte[] b)
    {
        return (b[0], b[1], b[2]) switch
        {
            (0, 0, 0) when b[3] == 0 => ["unspecified", "reserved"],
            (0, _, _) => ["reserved"],
            (10, _, _) => ["private"],
            (100, >= 64 and <= 127, _) => ["cgnat"],
            (127, _, _) => ["loopback"],
            (169, 254, _) => ["link-local"],
            (172, >= 16 and <= 31, _) => ["private"],
            (192, 0, 0) => ["reserved"],
            (192, 0, 2) => ["documentation"],
            (192, 168, _) => ["private"],
            (198, 18 or 19, _) => ["benchmarking"],
            (198, 51, 100) => ["documentation"],
            (203, 0, 113) => ["documentation"],
            ( >= 224 and <= 239, _, _) => ["multicast"],
            (255, 255, 255) when b[3] == 255 => ["broadcast", "reserved"],
            ( >= 240, _, _) => ["reserved"],
            _ => ["public"],
        };
    }

    private static string[] ClassifyV6(IPAddress a)
    {
        if (a.Equals(IPAddress.IPv6Any)) return ["unspecified"];
        if (a.Equals(IPAddress.IPv6Loopback)) return ["loopback"];
        if (Ipv6LinkLocal.Contains(a)) return ["link-local"];
        if (Ipv6UniqueLocal.Contains(a)) return ["unique-local", "private"];
        if (Ipv6Multicast.Contains(a)) return ["multicast"];
        if (Ipv6Documentation.Contains(a)) return ["documentation"];
        return Ipv6GlobalUnicast.Contains(a) ? ["public"] : ["reserved"];
    }
}
