namespace Verdict.Alerts.Extraction;

/// <summary>Which later scanners must leave a stretch of text alone.</summary>
[Flags]
internal enum Claim : byte
{
    None = 0,
    /// <summary>Inside a URL, an email address or a file path: not a place for domains, emails or paths.</summary>
    Name = 1,
    /// <summary>Inside an IPv6 address (such as ::ffff:192.0.2.1): not a place for IPv4.</summary>
    Ipv6 = 2,
}

/// <summary>One free-text value being scanned: the refanged text, what was rewritten, and what is already taken.</summary>
internal sealed class ScanText
{
    private readonly bool[]? _rewritten;
    private byte[]? _claims;

    public ScanText(string raw) => (Text, _rewritten) = Refanger.Refang(raw);

    public string Text { get; }

    public int Length => Text.Length;

    public char At(int i) => i >= 0 && i < Text.Length ? Text[i] : '\0';

    /// <summary>True when any character in [start, end) came from refanging.</summary>
    public bool Defanged(int start, int end)
    {
        if (_rewritten is null) return false;
        for (var i = Math.Max(0, start); i < end && i < _rewritten.Length; i++)
        {
            if (_rewritten[i]) return true;
        }
        return false;
    }

    public void Take(int start, int end, Claim claim)
    {
        _claims ??= new byte[Text.Length];
        for (var i = start; i < end; i++) _claims[i] |= (byte)claim;
    }

    public bool Taken(int start, int end, Claim claim)
    {
        if (_claims is null) return false;
        for (var i = start; i < end; i++)
        {
            if ((_claims[i] & (byte)claim) != 0) return true;
        }
        return false;
    }

    /// <summary>The tags with "defanged" added when [start, end) was refanged.</summary>
    public IReadOnlyList<string>? Tag(int start, int end, IReadOnlyList<string>? tags = null) =>
        Defanged(start, end) ? [.. tags ?? [], Refanger.DefangedTag] : tags;
}

/// <summary>Entities in first-seen order, one per kind and value; a repeat adds its tags and attributes to the first.</summary>
internal sealed class EntitySet
{
    private static readonly EntityKind[] KindOrder =
    [
        EntityKind.User, EntityKind.Host, EntityKind.Ip, EntityKind.Domain, EntityKind.Url, EntityKind.Email,
        EntityKind.FileHash, EntityKind.FilePath, EntityKind.Process, EntityKind.Sid, EntityKind.CloudResource,
    ];

    private readonly List<Entity> _items = [];
    private readonly Dictionary<Entity, int> _index = [];
    private readonly List<Entity>? _added;

    /// <param name="recordAdds">Keep every entity added, in order, repeats included (see <see cref="Added"/>).</param>
    public EntitySet(bool recordAdds = false) => _added = recordAdds ? [] : null;

    /// <summary>Every entity added, in order, repeats included (empty unless recording).</summary>
    public Entity[] Added => _added is null ? [] : [.. _added];

    public void Add(Entity entity)
    {
        _added?.Add(entity);
        if (_index.TryGetValue(entity, out var i))
        {
            _items[i] = _items[i].MergedWith(entity);
            return;
        }
        _index[entity] = _items.Count;
        _items.Add(entity);
    }

    public bool Contains(EntityKind kind, string value) => _index.ContainsKey(new Entity(kind, value));

    public Entity[] InFirstSeenOrder() => [.. _items];

    /// <summary>The entities so far, first seen first, without a copy (do not add while enumerating).</summary>
    public IReadOnlyList<Entity> Items => _items;

    /// <summary>Grouped by kind (user, host, ip, domain, url, email, hash, path, process, sid, cloud), first-seen order within a kind.</summary>
    public Entity[] ByKind()
    {
        var result = new Entity[_items.Count];
        if (result.Length == 0) return result;
        Span<int> ranks = result.Length <= 64 ? stackalloc int[result.Length] : new int[result.Length];
        for (var i = 0; i < ranks.Length; i++) ranks[i] = Rank(_items[i].Kind);
        var n = 0;
        for (var rank = 0; rank <= KindOrder.Length && n < result.Length; rank++)
        {
            for (var i = 0; i < ranks.Length; i++)
            {
                if (ranks[i] == rank) result[n++] = _items[i];
            }
        }
        return result;
    }

    private static int Rank(EntityKind kind)
    {
        var i = Array.IndexOf(KindOrder, kind);
        return i < 0 ? KindOrder.Length : i;
    }
}
