using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verdict.Tests.Support;

/// <summary>
/// Writes a small but valid MaxMind DB (.mmdb), per the MaxMind DB File Format Specification 2.0, so GeoIP code can
/// be tested without a real database: a binary search tree of 24-bit records (IPv6 with IPv4 at ::/96, or
/// IPv4 only), the 16-byte data section separator, a data section (maps, arrays, UTF-8 strings, doubles,
/// unsigned integers, booleans; identical records stored once) and the metadata after "\xAB\xCD\xEFMaxMind.com".
/// </summary>
internal sealed class MmdbWriter(string databaseType, int ipVersion = 6)
{
    private const int RecordSize = 24;
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];

    private readonly Node _root = new();
    private readonly List<(byte[] Bits, int Prefix, Dictionary<string, object> Record)> _networks = [];

    public string Description { get; init; } = "Verdict test database";
    public DateTimeOffset BuildTime { get; init; } = new(2026, 1, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds a network ("81.2.69.0/24", "2a02:8100::/32") with its record. Later, more specific networks win where they overlap.</summary>
    public MmdbWriter Add(string cidr, Dictionary<string, object> record)
    {
        var network = IPNetwork.Parse(cidr);
        var address = network.BaseAddress.GetAddressBytes();
        var prefix = network.PrefixLength;
        if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork && ipVersion == 6)
        {
            address = [.. new byte[12], .. address];
            prefix += 96;
        }
        else if (network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 && ipVersion == 4)
        {
            throw new ArgumentException("an IPv4 database cannot hold IPv6 networks", nameof(cidr));
        }
        _networks.Add((address, prefix, record));
        return this;
    }

    /// <summary>A GeoIP2 City record: city, country, continent and location, as MaxMind ships them.</summary>
    public static Dictionary<string, object> City(string city, string isoCode, string country, double latitude, double longitude, string timeZone, string continent = "EU") => new()
    {
        ["city"] = new Dictionary<string, object> { ["geoname_id"] = (uint)city.Sum(c => c) * 1009, ["names"] = Names(city) },
        ["continent"] = new Dictionary<string, object> { ["code"] = continent, ["names"] = Names(continent) },
        ["country"] = new Dictionary<string, object> { ["iso_code"] = isoCode, ["names"] = Names(country) },
        ["registered_country"] = new Dictionary<string, object> { ["iso_code"] = isoCode, ["names"] = Names(country) },
        ["location"] = new Dictionary<string, object>
        {
            ["accuracy_radius"] = (ushort)20, ["latitude"] = latitude, ["longitude"] = longitude, ["time_zone"] = timeZone,
        },
    };

    /// <summary>A GeoIP2 Country record.</summary>
    public static Dictionary<string, object> Country(string isoCode, string country) => new()
    {
        ["country"] = new Dictionary<string, object> { ["iso_code"] = isoCode, ["names"] = Names(country), ["is_in_european_union"] = isoCode is "DE" or "FR" or "NL" },
    };

    private static Dictionary<string, object> Names(string en) => new() { ["en"] = en, ["de"] = en };

    public void Write(string path) => File.WriteAllBytes(path, Build());

    public byte[] Build()
    {
        var data = new MemoryStream();
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        // Least specific first, so a more specific network splits the leaf it falls in.
        foreach (var (bits, prefix, record) in _networks.OrderBy(n => n.Prefix))
        {
            var encoded = Encode(record);
            var key = Convert.ToBase64String(encoded);
            if (!offsets.TryGetValue(key, out var offset))
            {
                offsets[key] = offset = (int)data.Length;
                data.Write(encoded);
            }
            Insert(bits, prefix, offset);
        }

        var nodes = new List<Node>();
        Number(_root, nodes);
        var nodeCount = nodes.Count;
        var file = new MemoryStream();
        Span<byte> node = stackalloc byte[6];
        foreach (var n in nodes)
        {
            Put24(node[..3], Record(n.Left, nodeCount));
            Put24(node[3..], Record(n.Right, nodeCount));
            file.Write(node);
        }
        file.Write(new byte[16]);
        data.WriteTo(file);
        file.Write(MetadataMarker);
        file.Write(Encode(new Dictionary<string, object>
        {
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = (ulong)BuildTime.ToUnixTimeSeconds(),
            ["database_type"] = databaseType,
            ["description"] = new Dictionary<string, object> { ["en"] = Description },
            ["ip_version"] = (ushort)ipVersion,
            ["languages"] = new object[] { "en", "de" },
            ["node_count"] = (uint)nodeCount,
            ["record_size"] = (ushort)RecordSize,
        }));
        return file.ToArray();
    }

    /// <summary>A node's two records: a child node, a data offset, or nothing.</summary>
    private sealed class Node
    {
        public object? Left;
        public object? Right;
        public int Index;
    }

    private void Insert(byte[] address, int prefix, int dataOffset)
    {
        var node = _root;
        for (var i = 0; i < prefix; i++)
        {
            var right = (address[i / 8] & (0x80 >> (i % 8))) != 0;
            var record = right ? node.Right : node.Left;
            if (i == prefix - 1)
            {
                Set(node, right, dataOffset);
                return;
            }
            if (record is not Node child)
            {
                // An empty record, or a wider network's data being split: the new child inherits it on both sides.
                child = new Node { Left = record, Right = record };
                Set(node, right, child);
            }
            node = child;
        }
    }

    private static void Set(Node node, bool right, object value)
    {
        if (right) node.Right = value;
        else node.Left = value;
    }

    private static void Number(Node root, List<Node> nodes)
    {
        var queue = new Queue<Node>([root]);
        while (queue.TryDequeue(out var n))
        {
            n.Index = nodes.Count;
            nodes.Add(n);
            if (n.Left is Node l) queue.Enqueue(l);
            if (n.Right is Node r) queue.Enqueue(r);
        }
    }

    /// <summary>Per the spec: a node number, node_count for "no data", or node_count + 16 + the offset in the data section.</summary>
    private static int Record(object? value, int nodeCount) => value switch
    {
        Node n => n.Index,
        int offset => nodeCount + 16 + offset,
        _ => nodeCount,
    };

    private static void Put24(Span<byte> to, int value)
    {
        if (value >= 1 << RecordSize) throw new InvalidOperationException("record does not fit in 24 bits");
        to[0] = (byte)(value >> 16);
        to[1] = (byte)(value >> 8);
        to[2] = (byte)value;
    }

    private static byte[] Encode(object value)
    {
        var output = new MemoryStream();
        Write(output, value);
        return output.ToArray();
    }

    // Data section types (spec, "Output Data Section"): 2 utf8_string, 3 double, 5 uint16, 6 uint32, 7 map,
    // 9 uint64, 11 array, 14 boolean; 8 and above are "extended" types written as 0 plus a second byte of type - 7.
    private static void Write(Stream output, object value)
    {
        switch (value)
        {
            case string s:
                var utf8 = Encoding.UTF8.GetBytes(s);
                Control(output, 2, utf8.Length);
                output.Write(utf8);
                break;
            case double d:
                Control(output, 3, 8);
                Span<byte> bytes = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(bytes, d);
                output.Write(bytes);
                break;
            case ushort u16: Unsigned(output, 5, u16); break;
            case uint u32: Unsigned(output, 6, u32); break;
            case ulong u64: Unsigned(output, 9, u64); break;
            case bool b: Control(output, 14, b ? 1 : 0); break;
            case Dictionary<string, object> map:
                Control(output, 7, map.Count);
                foreach (var (key, item) in map)
                {
                    Write(output, key);
                    Write(output, item);
                }
                break;
            case object[] array:
                Control(output, 11, array.Length);
                foreach (var item in array) Write(output, item);
                break;
            default:
                throw new ArgumentException($"no MaxMind DB type for {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>Unsigned integers are big-endian in as few bytes as the value needs (none for 0).</summary>
    private static void Unsigned(Stream output, int type, ulong value)
    {
        var length = 0;
        for (var v = value; v != 0; v >>= 8) length++;
        Control(output, type, length);
        for (var i = length - 1; i >= 0; i--) output.WriteByte((byte)(value >> (8 * i)));
    }

    /// <summary>The control byte (type in the top 3 bits, size in the low 5), the extended type byte, then any size bytes.</summary>
    private static void Control(Stream output, int type, int size)
    {
        var typeBits = type <= 7 ? type << 5 : 0;
        var (sizeBits, extra) = size switch
        {
            < 29 => (size, Array.Empty<byte>()),
            < 29 + 256 => (29, [(byte)(size - 29)]),
            < 285 + 65536 => (30, [(byte)((size - 285) >> 8), (byte)(size - 285)]),
            _ => (31, new[] { (byte)((size - 65821) >> 16), (byte)((size - 65821) >> 8), (byte)(size - 65821) }),
        };
        output.WriteByte((byte)(typeBits | sizeBits));
        if (type > 7) output.WriteByte((byte)(type - 7));
        output.Write(extra);
    }
}
