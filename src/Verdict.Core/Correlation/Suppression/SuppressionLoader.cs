using System.Globalization;
using Verdict.Alerts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verdict.Correlation.Suppression;

public sealed record SuppressionLoadResult(IReadOnlyList<SuppressionRule> Rules, IReadOnlyList<string> Errors);

/// <summary>
/// Reads suppression rules from YAML: a list (or <c>suppressions:</c> holding one) of rules with <c>id</c>, <c>owner</c>,
/// <c>reason</c>, <c>expires</c> (a date) and <c>match</c>. Every problem is reported as "file:line: what is wrong",
/// all at once, like the context file.
/// </summary>
public static class SuppressionLoader
{
    private static readonly string[] RuleKeys = ["id", "owner", "reason", "expires", "match"];

    public static SuppressionLoadResult Load(string path)
    {
        if (!File.Exists(path)) return new([], [$"{path}: suppression file not found"]);
        using var reader = File.OpenText(path);
        return Load(reader, path);
    }

    public static SuppressionLoadResult Load(TextReader text, string fileName)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(text);
        }
        catch (YamlException e)
        {
            return new([], [$"{fileName}:{e.Start.Line}: not valid YAML: {e.Message}"]);
        }
        if (yaml.Documents.Count == 0) return new([], []);
        var root = yaml.Documents[0].RootNode;
        if (root is YamlMappingNode map && map.Children.Count == 1 && map.Children.TryGetValue(new YamlScalarNode("suppressions"), out var list)) root = list;
        if (root is not YamlSequenceNode rules)
        {
            return new([], [$"{fileName}:{root.Start.Line}: expected a list of rules (or 'suppressions:' holding one)"]);
        }
        var reader = new RuleReader(fileName);
        var loaded = new List<SuppressionRule>();
        foreach (var node in rules)
        {
            if (reader.Read(node) is { } rule) loaded.Add(rule);
        }
        foreach (var dup in loaded.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            reader.Errors.Add($"{fileName}:{dup.Last().Source.Line}: rule id '{dup.Key}' is used more than once");
        }
        return reader.Errors.Count == 0 ? new(loaded, []) : new([], reader.Errors);
    }

    private sealed class RuleReader(string file)
    {
        public List<string> Errors { get; } = [];

        private void Error(YamlNode node, string message) => Errors.Add($"{file}:{node.Start.Line}: {message}");

        public SuppressionRule? Read(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "expected a rule with id, owner, reason, expires and match");
                return null;
            }
            var before = Errors.Count;
            foreach (var key in map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").Where(k => !RuleKeys.Contains(k)))
            {
                Error(map, $"unknown rule setting '{key}'; use {string.Join(", ", RuleKeys)}");
            }
            var id = Text(map, "id");
            var owner = Text(map, "owner");
            var reason = Text(map, "reason");
            var expires = Expires(map);
            var (fields, entities) = map.Children.TryGetValue(new YamlScalarNode("match"), out var m) ? Match(m) : (null, null);
            if (fields is null) Error(map, $"rule '{id}' has no 'match'");
            else if (fields.Count + entities!.Count == 0) Error(m!, $"rule '{id}' matches nothing; name at least one field or entity");
            if (Errors.Count > before || id is null || owner is null || reason is null || expires is null) return null;
            return new SuppressionRule(id, owner, reason, expires.Value, new SourceRef(file, map.Start.Line), fields!, entities!);
        }

        private string? Text(YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                Error(map, $"missing '{key}'");
                return null;
            }
            if (node is YamlScalarNode { Value: { } s } && s.Trim().Length > 0) return s.Trim();
            Error(node, $"'{key}' must be a non-empty text");
            return null;
        }

        private DateOnly? Expires(YamlMappingNode map)
        {
            var s = Text(map, "expires");
            if (s is null) return null;
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(map.Children[new YamlScalarNode("expires")], $"'expires' must be a date like 2026-12-31, got '{s}'");
            return null;
        }

        private (List<FieldCondition>?, List<EntityCondition>?) Match(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "'match' must hold fields, e.g. { rule: brute_force, source_ip: 10.20.0.0/24 }");
                return (null, null);
            }
            var fields = new List<FieldCondition>();
            var entities = new List<EntityCondition>();
            foreach (var (k, v) in map.Children)
            {
                var key = (((YamlScalarNode)k).Value ?? "").Trim().ToLowerInvariant();
                if (key == "entities") entities.AddRange(Entities(v));
                else if (SuppressionRule.FieldNames.Contains(key))
                {
                    if (Patterns(v, ip: key == "source_ip") is { Count: > 0 } p) fields.Add(new FieldCondition(key, p));
                }
                else Error(k, $"unknown match field '{key}'; use {string.Join(", ", SuppressionRule.FieldNames)} or entities");
            }
            return (fields, entities);
        }

        private List<EntityCondition> Entities(YamlNode node)
        {
            var list = new List<EntityCondition>();
            if (node is not YamlSequenceNode seq)
            {
                Error(node, "'entities' must be a list, e.g. [{ kind: ip, value: 10.0.0.0/8 }]");
                return list;
            }
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode e || !e.Children.TryGetValue(new YamlScalarNode("kind"), out var kindNode)
                    || !e.Children.TryGetValue(new YamlScalarNode("value"), out var valueNode))
                {
                    Error(item, "an entity condition needs kind and value, e.g. { kind: file_hash, value: 44d88612fea8a8f36de82e1278abb02f }");
                    continue;
                }
                var kindText = (kindNode as YamlScalarNode)?.Value?.Trim() ?? "";
                var kind = Enum.GetValues<EntityKind>().Cast<EntityKind?>().FirstOrDefault(k => string.Equals(Snake(k!.Value), kindText, StringComparison.OrdinalIgnoreCase));
                if (kind is null)
                {
                    Error(kindNode, $"unknown entity kind '{kindText}'; use {string.Join(", ", Enum.GetValues<EntityKind>().Select(Snake))}");
                    continue;
                }
                if (Patterns(valueNode, ip: kind == EntityKind.Ip) is { Count: > 0 } p) list.Add(new EntityCondition(kind.Value, p));
            }
            return list;
        }

        /// <summary>One value or a list (any of them): text, a glob, "/regex/", { regex: ... }, { glob: ... } or { exact: ... }.</summary>
        private List<ValuePattern> Patterns(YamlNode node, bool ip)
        {
            var list = new List<ValuePattern>();
            var before = Errors.Count;
            IEnumerable<YamlNode> items = node is YamlSequenceNode seq ? seq : [node];
            foreach (var item in items)
            {
                if (Pattern(item, ip) is { } p) list.Add(p);
            }
            if (list.Count == 0 && Errors.Count == before) Error(node, "expected a value to match");
            return list;
        }

        private ValuePattern? Pattern(YamlNode node, bool ip)
        {
            if (node is YamlScalarNode { Value: { } s } && s.Trim().Length > 0)
            {
                s = s.Trim();
                return s.Length > 2 && s[0] == '/' && s[^1] == '/' ? Regex(node, s[1..^1]) : ValuePattern.Auto(s, ip);
            }
            if (node is YamlMappingNode { Children.Count: 1 } map && map.Children.First() is var (k, v) && v is YamlScalarNode { Value: { } text })
            {
                switch (((YamlScalarNode)k).Value)
                {
                    case "regex": return Regex(v, text);
                    case "glob": return ValuePattern.Glob(text);
                    case "exact": return ValuePattern.Exact(text);
                    case "cidr":
                        var cidr = ValuePattern.Cidr(text);
                        if (cidr is null) Error(v, $"'{text}' is not an IP address or CIDR range");
                        return cidr;
                }
            }
            Error(node, "expected a value: text, a glob like 'svc-*', '/regex/', or { regex: ... }, { glob: ... }, { exact: ... }, { cidr: ... }");
            return null;
        }

        private ValuePattern? Regex(YamlNode node, string text)
        {
            var p = ValuePattern.Regex(text, out var error);
            if (p is null) Error(node, $"not a valid regular expression: {error}");
            return p;
        }

        private static string Snake(EntityKind k) =>
            string.Concat(k.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
    }
}
