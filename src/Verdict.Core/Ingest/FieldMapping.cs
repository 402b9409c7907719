using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verdict.Ingest;

/// <summary>How a source field was understood.</summary>
public enum FieldOrigin { Raw, BuiltInAlias, MappingFile }

/// <summary>
/// A user's field mappings (YAML <c>fields: { "vendor.weird_name": user, "x.y": src_ip }</c>): source field names
/// (after JSON flattening; case ignored) to canonical fields, named in snake_case ("source_ip") or by any built-in
/// alias ("src_ip"). They win over the built-in aliases. <see cref="Empty"/> maps nothing.
/// </summary>
public sealed class FieldMapping
{
    public static readonly FieldMapping Empty = new(new Dictionary<string, CanonicalField>());

    private readonly Dictionary<string, CanonicalField> _fields;

    private FieldMapping(Dictionary<string, CanonicalField> fields) => _fields = fields;

    public int Count => _fields.Count;

    public (CanonicalField? Field, FieldOrigin Origin) Resolve(string sourceName) =>
        _fields.TryGetValue(sourceName.Trim(), out var mapped) ? (mapped, FieldOrigin.MappingFile)
        : FieldNames.Recognize(sourceName) is { } alias ? (alias, FieldOrigin.BuiltInAlias)
        : HeaderParent(sourceName) is { } parent ? (parent, FieldOrigin.BuiltInAlias)
        : (null, FieldOrigin.Raw);

    /// <summary>Headers sent as an object ("req_header": {"Host": ...}) flatten to "req_header.Host": each is a request header.</summary>
    private static CanonicalField? HeaderParent(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && FieldNames.Recognize(name[..dot]) is CanonicalField.RequestHeaders ? CanonicalField.RequestHeaders : null;
    }

    /// <summary>Each canonical field and the index of the first name that gives it: mapping-file names first, then aliases.</summary>
    public Dictionary<CanonicalField, int> Map(IReadOnlyList<string> names)
    {
        var map = new Dictionary<CanonicalField, int>();
        foreach (var origin in (FieldOrigin[])[FieldOrigin.MappingFile, FieldOrigin.BuiltInAlias])
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (Resolve(names[i]) is ({ } field, var o) && o == origin) map.TryAdd(field, i);
            }
        }
        FieldPreference.Apply(names, map, name => _fields.ContainsKey(name.Trim()));
        return map;
    }

    public static (FieldMapping? Mapping, IReadOnlyList<string> Errors) Load(string path)
    {
        if (!File.Exists(path)) return (null, [$"{path}: mapping file not found"]);
        using var reader = File.OpenText(path);
        return Load(reader, path);
    }

    public static (FieldMapping? Mapping, IReadOnlyList<string> Errors) Load(TextReader text, string fileName)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(text);
        }
        catch (YamlException e)
        {
            return (null, [$"{fileName}:{e.Start.Line}: not valid YAML: {e.Message}"]);
        }
        if (yaml.Documents.Count == 0) return (Empty, []);
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            return (null, [$"{fileName}:1: expected 'fields:' with a mapping of source name: canonical field"]);
        var errors = new List<string>();
        var fields = new Dictionary<string, CanonicalField>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: "fields" })
            {
                errors.Add($"{fileName}:{key.Start.Line}: unknown key '{(key as YamlScalarNode)?.Value}'; expected 'fields'");
                continue;
            }
            if (value is not YamlMappingNode entries)
            {
                errors.Add($"{fileName}:{value.Start.Line}: 'fields' must be a mapping of source name: canonical field");
                continue;
            }
            foreach (var (source, target) in entries.Children)
            {
                var sourceName = (source as YamlScalarNode)?.Value?.Trim();
                var targetName = (target as YamlScalarNode)?.Value?.Trim();
                if (string.IsNullOrEmpty(sourceName) || string.IsNullOrEmpty(targetName))
                    errors.Add($"{fileName}:{source.Start.Line}: each entry is 'source name: canonical field'");
                else if (FieldNames.Target(targetName) is { } field) fields[sourceName] = field;
                else errors.Add($"{fileName}:{target.Start.Line}: unknown canonical field '{targetName}' for '{sourceName}'; known: {string.Join(", ", Enum.GetValues<CanonicalField>().Select(FieldNames.SnakeName))}");
            }
        }
        return errors.Count == 0 ? (new FieldMapping(fields), []) : (null, errors);
    }
}
