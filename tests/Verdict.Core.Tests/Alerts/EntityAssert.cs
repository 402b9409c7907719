using Verdict.Alerts;

namespace Verdict.Tests.Alerts;

/// <summary>Small helpers for reading extraction results in tests.</summary>
internal static class EntityAssert
{
    public static IReadOnlyList<Entity> FromText(string text) => EntityExtractor.Extract(new EntityInput { Description = text });

    public static IReadOnlyList<Entity> FromField(string name, string value) =>
        EntityExtractor.Extract(new EntityInput { Fields = [new(name, value)] });

    public static string[] Values(this IReadOnlyList<Entity> entities, EntityKind kind) =>
        [.. entities.Where(e => e.Kind == kind).Select(e => e.Value)];

    public static Entity One(this IReadOnlyList<Entity> entities, EntityKind kind, string value)
    {
        var found = entities.FirstOrDefault(e => e.Kind == kind && e.Value == value);
        Assert.True(found is not null, $"no {kind} '{value}' in: {string.Join(" | ", entities)}");
        return found!;
    }

    public static void HasTags(this Entity entity, params string[] tags)
    {
        foreach (var tag in tags) Assert.True(entity.HasTag(tag), $"{entity} lacks tag '{tag}'");
    }
}
