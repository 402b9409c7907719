using Verdict.Alerts;
using Verdict.Analysis;

namespace Verdict.Feedback;

/// <summary>
/// An analyst's verdict on one alert: which rule fired, the entities it was about (<see cref="EntitiesKey"/>), the
/// verdict, whether Verdict had said the same (null when Verdict's brief was not at hand), a note, who and when.
/// </summary>
public sealed record FeedbackRecord(string AlertId, string? Rule, string EntitiesKey, Classification Verdict, bool? Correct,
    string? Note, string Analyst, DateTimeOffset Time)
{
    public IReadOnlySet<string> Entities => EntityKey.Parse(EntitiesKey);
}

/// <summary>
/// The entities an alert is about as one comparable key: "host:ws-1|ip:10.1.0.2|user:alice", sorted, kinds that
/// identify who or what (user, host, IP, domain, email, hash, cloud resource; not URLs or free paths).
/// </summary>
public static class EntityKey
{
    private static readonly HashSet<EntityKind> Kinds =
        [EntityKind.User, EntityKind.Host, EntityKind.Ip, EntityKind.Domain, EntityKind.Email, EntityKind.FileHash, EntityKind.CloudResource];

    private static readonly HashSet<string> Names = [.. Kinds.Select(Name)];

    public static string For(IEnumerable<Entity> entities) => FromPairs(entities.Select(e => (Name(e.Kind), e.Value)));

    /// <summary>From (kind, value) pairs as a brief's JSON writes them ("ip", "10.1.0.2"); kinds not used for matching are left out.</summary>
    public static string FromPairs(IEnumerable<(string Kind, string Value)> entities) =>
        string.Join('|', entities.Where(e => Names.Contains(e.Kind) && e.Value.Length > 0)
            .Select(e => $"{e.Kind}:{e.Value.ToLowerInvariant()}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(20));

    public static IReadOnlySet<string> Parse(string key) =>
        key.Split('|', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>"ip:10.1.0.2" as the YAML of a suppression match: ("ip", "10.1.0.2").</summary>
    public static (string Kind, string Value) Split(string item)
    {
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("entity", item) : (item[..colon], item[(colon + 1)..]);
    }

    private static string Name(EntityKind kind) => kind switch
    {
        EntityKind.FileHash => "file_hash",
        EntityKind.CloudResource => "cloud_resource",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
