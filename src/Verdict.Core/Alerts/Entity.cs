using System.Text.Json.Serialization;

namespace Verdict.Alerts;

[JsonConverter(typeof(JsonStringEnumConverter<EntityKind>))]
public enum EntityKind
{
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("host")] Host,
    [JsonStringEnumMemberName("ip")] Ip,
    [JsonStringEnumMemberName("domain")] Domain,
    [JsonStringEnumMemberName("url")] Url,
    [JsonStringEnumMemberName("file_hash")] FileHash,
    [JsonStringEnumMemberName("process")] Process,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("cloud_resource")] CloudResource,
    [JsonStringEnumMemberName("file_path")] FilePath,
    [JsonStringEnumMemberName("sid")] Sid,
}

/// <summary>
/// A typed thing an alert is about. Values are normalised (users lower-cased, IPs canonical).
/// <see cref="Tags"/> say what kind of thing it is ("private", "defanged", "well-known-rid:500 (built-in Administrator)");
/// <see cref="Attributes"/> carry details ("command_line", "domain", "upn", "algorithm"). Both are null when empty.
/// Two entities are equal when their kind and value are: tags and attributes do not take part, so lists de-duplicate
/// on what the entity is, not on how much is known about it.
/// </summary>
public sealed record Entity(EntityKind Kind, string Value,
    IReadOnlyList<string>? Tags = null, IReadOnlyDictionary<string, string>? Attributes = null)
{
    public IReadOnlyList<string>? Tags { get; init; } = Tags is { Count: > 0 } ? Tags : null;
    public IReadOnlyDictionary<string, string>? Attributes { get; init; } = Attributes is { Count: > 0 } ? Attributes : null;

    public bool HasTag(string tag) => Tags?.Contains(tag, StringComparer.Ordinal) == true;

    public string? Attribute(string key) => Attributes is not null && Attributes.TryGetValue(key, out var v) ? v : null;

    /// <summary>This entity with the other's tags and attributes added (its own win where both name the same attribute).</summary>
    public Entity MergedWith(Entity other)
    {
        if (other.Tags is null && other.Attributes is null) return this;
        var tags = Tags is null ? other.Tags : other.Tags is null ? Tags : [.. Tags.Union(other.Tags, StringComparer.Ordinal)];
        IReadOnlyDictionary<string, string>? attributes = Attributes;
        if (other.Attributes is not null)
        {
            var merged = Attributes is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(Attributes, StringComparer.Ordinal);
            foreach (var (key, value) in other.Attributes) merged.TryAdd(key, value);
            attributes = merged;
        }
        return this with { Tags = tags, Attributes = attributes };
    }

    public bool Equals(Entity? other) =>
        other is not null && Kind == other.Kind && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Value));

    public override string ToString() => Tags is null ? $"{Kind}:{Value}" : $"{Kind}:{Value} [{string.Join(", ", Tags)}]";
}
