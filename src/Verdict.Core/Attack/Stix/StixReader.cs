using System.Text.Json;

namespace Verdict.Attack.Stix;

/// <summary>
/// Reads a STIX 2.0 (mitre/cti) or 2.1 (attack-stix-data) bundle from UTF-8 JSON into <see cref="StixBundle"/>.
/// Fields of an unexpected JSON kind are treated as absent, so one odd object cannot sink the whole bundle.
/// </summary>
internal static class StixReader
{
    private static readonly HashSet<string> KeptTypes = new(StringComparer.Ordinal)
    {
        "attack-pattern", "x-mitre-tactic", "x-mitre-matrix", "x-mitre-collection", "course-of-action",
        "intrusion-set", "malware", "tool", "campaign", "x-mitre-detection-strategy", "x-mitre-analytic",
    };

    /// <summary>The bundle, or null with the reason when the JSON is not a STIX bundle.</summary>
    public static StixBundle? Read(ReadOnlyMemory<byte> utf8, out string error)
    {
        error = "";
        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 128 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "bundle"
            || !root.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            error = "not a STIX bundle (expected a JSON object with \"type\": \"bundle\" and an \"objects\" array)";
            return null;
        }

        var specVersion = Text(root, "spec_version");
        var version = Text(root, "x_mitre_version");
        var byId = new Dictionary<string, StixObject>(StringComparer.Ordinal);
        var relationships = new List<StixRelationship>(objects.GetArrayLength());
        foreach (var item in objects.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            var type = Text(item, "type");
            var id = Text(item, "id");
            if (specVersion.Length == 0) specVersion = Text(item, "spec_version");
            if (type == "relationship")
            {
                if (!Flag(item, "revoked") && !Flag(item, "x_mitre_deprecated") && ReadRelationship(item) is { } relationship)
                {
                    relationships.Add(relationship);
                }
                continue;
            }
            if (id.Length == 0 || !KeptTypes.Contains(type)) continue;
            var stix = ReadObject(item, type, id);
            if (type == "x-mitre-collection" && stix.Version.Length > 0) version = stix.Version;
            byId[id] = stix;
        }
        return new StixBundle(specVersion, version, byId, relationships);
    }

    private static StixObject ReadObject(JsonElement item, string type, string id) => new()
    {
        Type = type,
        Id = id,
        AttackId = AttackIdOf(item),
        Name = Text(item, "name"),
        Description = Text(item, "description"),
        Revoked = Flag(item, "revoked"),
        Deprecated = Flag(item, "x_mitre_deprecated"),
        Version = Text(item, "x_mitre_version"),
        ShortName = Text(item, "x_mitre_shortname"),
        Detection = Text(item, "x_mitre_detection"),
        Platforms = Strings(item, "x_mitre_platforms"),
        Phases = PhasesOf(item),
        DataSources = Strings(item, "x_mitre_data_sources"),
        TacticRefs = Strings(item, "tactic_refs"),
        AnalyticRefs = Strings(item, "x_mitre_analytic_refs"),
    };

    private static StixRelationship? ReadRelationship(JsonElement item)
    {
        var type = Text(item, "relationship_type");
        var source = Text(item, "source_ref");
        var target = Text(item, "target_ref");
        if (type.Length == 0 || source.Length == 0 || target.Length == 0) return null;
        var description = type is "uses" or "mitigates" ? Text(item, "description") : "";
        return new StixRelationship(type, source, target, description);
    }

    private static string AttackIdOf(JsonElement item)
    {
        if (!item.TryGetProperty("external_references", out var refs) || refs.ValueKind != JsonValueKind.Array) return "";
        foreach (var reference in refs.EnumerateArray())
        {
            if (reference.ValueKind == JsonValueKind.Object && Text(reference, "source_name") == "mitre-attack")
            {
                return Text(reference, "external_id");
            }
        }
        return "";
    }

    private static List<string> PhasesOf(JsonElement item)
    {
        var phases = new List<string>();
        if (!item.TryGetProperty("kill_chain_phases", out var array) || array.ValueKind != JsonValueKind.Array) return phases;
        foreach (var phase in array.EnumerateArray())
        {
            if (phase.ValueKind != JsonValueKind.Object) continue;
            var name = Text(phase, "phase_name");
            if (name.Length > 0 && !phases.Contains(name)) phases.Add(name);
        }
        return phases;
    }

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static bool Flag(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static List<string> Strings(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array) return [];
        var list = new List<string>(array.GetArrayLength());
        foreach (var value in array.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text) list.Add(text);
        }
        return list;
    }
}
