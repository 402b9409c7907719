using System.Text.Json;

namespace Verdict.Ingest.Sentinel;

/// <summary>
/// Reads Sentinel entities into fields the entity extractor understands ("user", "host", "ip", "url", "hash",
/// "file_path", "process", "parent_process", "command_line", "email", "domain"), in both shapes Sentinel writes:
/// the SecurityAlert Entities column (objects with "Type", PascalCase properties, "$id" and "$ref" references,
/// files and hashes nested in processes) and the REST API's entity list (objects with "kind" and camelCase
/// "properties", referring to each other by entity id: imageFileEntityId, fileHashEntityIds, parentProcessEntityId).
/// </summary>
public static class SentinelEntityReader
{
    /// <summary>The Entities column of a SecurityAlert row (a JSON array, parsed).</summary>
    public static List<KeyValuePair<string, string>> FromAlertColumn(JsonElement entities)
    {
        var graph = new Graph(rest: false);
        graph.Register(entities);
        return graph.Hints();
    }

    /// <summary>Entities as the REST API lists them (an incident's /entities, or an alert's expanded entities).</summary>
    public static List<KeyValuePair<string, string>> FromRest(IEnumerable<JsonElement> entities)
    {
        var graph = new Graph(rest: true);
        foreach (var entity in entities) graph.Register(entity);
        return graph.Hints();
    }

    private sealed class Graph(bool rest)
    {
        private readonly Dictionary<string, JsonElement> _byId = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<JsonElement> _typed = [];

        public void Register(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) Register(item);
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            if (rest)
            {
                if (Str(e, "id") is { } id) _byId[id] = e;
                if (Str(e, "name") is { } name) _byId[name] = e;
                if (Str(e, "kind") is not null) _typed.Add(e);
                return;
            }
            if (Str(e, "$id") is { } lid) _byId[lid] = e;
            if (Str(e, "Type") is not null && Str(e, "$ref") is null) _typed.Add(e);
            foreach (var property in e.EnumerateObject()) Register(property.Value); // nested definitions (ImageFile, FileHashes...)
        }

        public List<KeyValuePair<string, string>> Hints()
        {
            var hints = new List<KeyValuePair<string, string>>();
            void Add(string field, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) hints.Add(new(field, value.Trim()));
            }
            // Processes with a command line first, so the command line and its image are read as one process.
            foreach (var e in _typed.OrderBy(e => Kind(e) == "process" && Prop(e, "commandLine") is null ? 1 : 0))
            {
                switch (Kind(e))
                {
                    case "account": Add("user", Account(e)); break;
                    case "host": Add("host", Host(e)); break;
                    case "ip": Add("ip", Prop(e, "address")); break;
                    case "url": Add("url", Prop(e, "url")); break;
                    case "filehash": Add("hash", Prop(e, "hashValue", "value")); break;
                    case "dns": Add("domain", Prop(e, "domainName")); break;
                    case "mailbox": Add("email", Prop(e, "mailboxPrimaryAddress")); break;
                    case "mailmessage": Add("email", Prop(e, "p1Sender", "sender")); Add("email", Prop(e, "recipient")); break;
                    case "file":
                        Add("file_path", FilePath(e));
                        foreach (var hash in Refs(e, "fileHashEntityIds", "FileHashes")) Add("hash", Prop(hash, "hashValue", "value"));
                        break;
                    case "process":
                        Add("process", Refs(e, "imageFileEntityId", "ImageFile").Select(FilePath).FirstOrDefault());
                        // A parent recorded with only its id and command line (no ImageFile) is the program its command line starts.
                        Add("parent_process", Refs(e, "parentProcessEntityId", "ParentProcess")
                            .Select(p => Refs(p, "imageFileEntityId", "ImageFile").Select(FilePath).FirstOrDefault() ?? CommandLines.Program(Prop(p, "commandLine")))
                            .FirstOrDefault(image => image is not null));
                        Add("command_line", Prop(e, "commandLine"));
                        break;
                }
            }
            return hints;
        }

        private string? Kind(JsonElement e) => (rest ? Str(e, "kind") : Str(e, "Type"))?.ToLowerInvariant();

        /// <summary>A property by any of its names, case ignored (REST keeps them under "properties").</summary>
        private string? Prop(JsonElement e, params string[] names)
        {
            var holder = rest && Find(e, "properties") is { ValueKind: JsonValueKind.Object } p ? p : e;
            foreach (var name in names)
            {
                if (Find(holder, name) is { } v && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
            }
            return null;
        }

        /// <summary>The entities a property refers to: REST ids (one or a list), or Entities-column objects and {"$ref"}s.</summary>
        private IEnumerable<JsonElement> Refs(JsonElement e, string restName, string columnName)
        {
            var holder = rest && Find(e, "properties") is { ValueKind: JsonValueKind.Object } p ? p : e;
            if (Find(holder, rest ? restName : columnName) is not { } value) yield break;
            var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            foreach (var item in items)
            {
                if (item.ValueKind == JsonValueKind.String && _byId.TryGetValue(item.GetString()!, out var byId)) yield return byId;
                else if (item.ValueKind == JsonValueKind.Object && Str(item, "$ref") is { } r && _byId.TryGetValue(r, out var referred)) yield return referred;
                else if (item.ValueKind == JsonValueKind.Object) yield return item;
            }
        }

        private string? Account(JsonElement e)
        {
            var name = Prop(e, "accountName", "name");
            if (name is null) return Prop(e, "userPrincipalName", "upn", "friendlyName", "displayName");
            return Prop(e, "upnSuffix") is { } upn ? $"{name}@{upn}" : Prop(e, "ntDomain") is { } domain ? $"{domain}\\{name}" : name;
        }

        private string? Host(JsonElement e)
        {
            var name = Prop(e, "hostName", "netBiosName");
            return name is not null && Prop(e, "dnsDomain") is { } domain ? $"{name}.{domain}" : name ?? Prop(e, "fqdn");
        }

        private string? FilePath(JsonElement e)
        {
            var name = Prop(e, "fileName", "name");
            if (name is null) return null;
            if (Prop(e, "directory") is not { } directory) return name;
            var separator = directory.Contains('/', StringComparison.Ordinal) && !directory.Contains('\\', StringComparison.Ordinal) ? "/" : "\\";
            return directory.TrimEnd('\\', '/') + separator + name;
        }

        private static JsonElement? Find(JsonElement e, string name)
        {
            if (e.ValueKind != JsonValueKind.Object) return null;
            foreach (var property in e.EnumerateObject())
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
            }
            return null;
        }

        private static string? Str(JsonElement e, string name) =>
            Find(e, name) is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } s ? s : null;
    }
}
