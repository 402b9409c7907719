using System.Text.Json;

namespace Verdict.Ingest;

/// <summary>
/// Turns one JSON object into flat fields. Nested objects become dotted paths ("process.command_line");
/// an array of scalars becomes one field, its values joined with ", "; an array holding objects is indexed
/// ("entities.0.address"). Numbers keep their JSON text, booleans are "true"/"false", nulls and empty
/// containers are left out. A duplicate key keeps its first position and its last value ("last wins").
/// A string field named "Entities" or "ExtendedProperties" that holds JSON (Sentinel SecurityAlert keeps both as JSON
/// text: the entity list, and the product's own details such as "Command Line" or "File Name") is flattened like nested JSON,
/// and so are the dynamic columns of Sentinel's SigninLogs and AuditLogs rows, which a Log Analytics export writes as JSON
/// text too (LocationDetails, DeviceDetail, Status, MfaDetail, InitiatedBy, TargetResources and the like), as do Defender XDR's
/// advanced-hunting rows (AdditionalFields, AttackTechniques).
/// </summary>
public static class JsonFlattener
{
    public static List<KeyValuePair<string, string>> Flatten(JsonElement root)
    {
        var output = new List<KeyValuePair<string, string>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        Walk("", root, output, index);
        return output;
    }

    private static void Walk(string name, JsonElement value, List<KeyValuePair<string, string>> output, Dictionary<string, int> index)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject()) Walk(Join(name, property.Name), property.Value, output, index);
                break;
            case JsonValueKind.Array when value.EnumerateArray().All(IsScalar):
                Add(name, string.Join(", ", value.EnumerateArray().Where(e => e.ValueKind != JsonValueKind.Null).Select(Scalar)), output, index);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var element in value.EnumerateArray()) Walk(Join(name, (i++).ToString(System.Globalization.CultureInfo.InvariantCulture)), element, output, index);
                break;
            case JsonValueKind.String when IsEmbeddedJson(name, value.GetString()!, out var embedded):
                using (embedded) Walk(name, embedded!.RootElement, output, index);
                break;
            case JsonValueKind.Null:
                break;
            default:
                Add(name, Scalar(value), output, index);
                break;
        }
    }

    /// <summary>Columns that hold JSON as text: SecurityAlert's, and the dynamic columns of SigninLogs and AuditLogs.</summary>
    private static readonly HashSet<string> EmbeddedJsonColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "Entities", "ExtendedProperties",
        "LocationDetails", "DeviceDetail", "Status", "MfaDetail", "ConditionalAccessPolicies", "AuthenticationDetails",
        "AuthenticationProcessingDetails", "NetworkLocationDetails", "RiskEventTypes", "RiskEventTypes_V2",
        "InitiatedBy", "TargetResources", "AdditionalDetails",
        "AdditionalFields", "AttackTechniques", // Defender XDR advanced-hunting rows
    };

    private static bool IsEmbeddedJson(string name, string text, out JsonDocument? document)
    {
        document = null;
        var last = name[(name.LastIndexOf('.') + 1)..];
        var trimmed = text.TrimStart();
        if (!EmbeddedJsonColumns.Contains(last) || trimmed.Length == 0 || trimmed[0] is not ('[' or '{')) return false;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonAlertReader.MaxDepth });
            return true;
        }
        catch (JsonException)
        {
            return false; // not JSON after all: kept as text
        }
    }

    private static void Add(string name, string value, List<KeyValuePair<string, string>> output, Dictionary<string, int> index)
    {
        if (name.Length == 0) return;
        if (index.TryGetValue(name, out var at)) output[at] = new(name, value);
        else
        {
            index[name] = output.Count;
            output.Add(new(name, value));
        }
    }

    private static bool IsScalar(JsonElement e) => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => e.GetRawText(),
    };

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;
}
