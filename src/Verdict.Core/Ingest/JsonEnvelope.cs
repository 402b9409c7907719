using System.Text.Json;

namespace Verdict.Ingest;

/// <summary>
/// Reads what an API wraps its records in as the records themselves:
/// <list type="bullet">
/// <item>An envelope: an object whose one object-valued member is <c>data</c>, <c>result</c>, <c>results</c>,
/// <c>value</c>, <c>items</c>, <c>records</c>, <c>record</c>, <c>payload</c>, <c>event</c>, <c>alert</c>, <c>alerts</c>,
/// <c>finding</c>, <c>findings</c>, <c>detection</c> or <c>detections</c>, holding one record or an array of them (each a
/// record at its own line; an empty array holds none). Beside it may stand paging and API metadata (<c>meta</c>,
/// <c>links</c>, <c>included</c>, <c>@odata.context</c>, <c>count</c>, <c>status</c>...), which is dropped, and at most two
/// other plain values whose names Verdict does not read as a field (an eval set's <c>label</c> and <c>scenario</c>),
/// which are kept; a plain value the record inside repeats under its own name (Auth0's log stream puts <c>log_id</c> beside
/// <c>data</c> and in it) is a copy and is dropped. Envelopes in envelopes are opened too (three deep). A Splunk HEC event (<c>sourcetype</c> beside an
/// <c>event</c> object) keeps every plain value beside its event.</item>
/// <item>A JSON:API resource (<c>{"type", "id", "attributes", "relationships"}</c>): its attributes are the record, its
/// <c>id</c> the id and its type kept as <c>jsonapi.type</c> (a resource type, not an alert type), and up to two plain
/// annotations beside its members (an eval set's <c>label</c> and <c>scenario</c>) kept as they are; each relationship is
/// read from the document's <c>included</c> resources under the relationship's name (<c>reporter.email</c>,
/// <c>category.name</c>; by type alone when the only included resource of that type carries no id), or as <c>NAME.id</c> when not included.</item>
/// </list>
/// Anything else is one record, flattened as it is.
/// </summary>
internal static class JsonEnvelope
{
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "data", "result", "results", "value", "items", "records", "record", "payload", "event", "alert", "alerts",
        "finding", "findings", "detection", "detections",
        "Findings", // AWS Security Hub and GuardDuty GetFindings: {"Findings": [...], "NextToken": ...}
    };

    private static readonly HashSet<string> Metadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "meta", "links", "jsonapi", "included", "@odata.context", "@odata.nextLink", "@odata.count", "count", "total",
        "totalCount", "total_count", "page", "pagination", "next", "nextPageToken", "next_page", "cursor", "has_more",
        "hasMore", "status", "success", "ok", "took", "timed_out", "errors", "warnings", "request_id", "requestId",
        "NextToken",
    };

    private const int MaxKept = 2;
    private const int MaxDepth = 3;

    /// <summary>
    /// Each record in <paramref name="root"/>: its flattened fields, the line it starts on counted from the root's (0), and
    /// for an element of an envelope's array which one it is (<see cref="EnvelopeItem"/>); an element that is no object is
    /// a problem of its own, its neighbours are still read.
    /// </summary>
    public static List<EnvelopeRecord> Records(JsonElement root, ReadOnlySpan<byte> json)
    {
        var included = root.TryGetProperty("included", out var inc) && inc.ValueKind == JsonValueKind.Array ? inc : default;
        var records = new List<EnvelopeRecord>();
        var element = root;
        var path = new List<string>();
        var kept = new List<KeyValuePair<string, string>>();
        for (var depth = 0; depth < MaxDepth && Envelope(element) is ({ } key, var inner, var siblings); depth++)
        {
            path.Add(key);
            kept.AddRange(siblings);
            if (inner.ValueKind == JsonValueKind.Array)
            {
                var lines = ElementLines(json, path);
                var (i, count) = (0, inner.GetArrayLength());
                foreach (var item in inner.EnumerateArray())
                {
                    var which = new EnvelopeItem(key, i + 1, count);
                    var line = i < lines.Count ? lines[i] : 0;
                    records.Add(item.ValueKind == JsonValueKind.Object
                        ? new([.. Fields(Open(item), included), .. kept], line, which, null)
                        : new([], line, which, $"expected a JSON object, found {item.ValueKind.ToString().ToLowerInvariant()}"));
                    i++;
                }
                return records;
            }
            element = inner;
        }
        records.Add(new([.. Fields(element, included), .. kept], 0, null, null));
        return records;
    }

    /// <summary>An array element that is itself an envelope of one record (<c>[{"alert": {...}}]</c>) is that record.</summary>
    private static JsonElement Open(JsonElement item)
    {
        for (var depth = 0; depth < MaxDepth && Envelope(item) is ({ }, { ValueKind: JsonValueKind.Object } inner, { Count: 0 }); depth++) item = inner;
        return item;
    }

    private static (string? Key, JsonElement Inner, List<KeyValuePair<string, string>> Kept) Envelope(JsonElement element)
    {
        string? key = null;
        JsonElement inner = default;
        var kept = new List<KeyValuePair<string, string>>();
        var hec = IsSplunkHec(element);
        var wrapped = element.EnumerateObject().FirstOrDefault(p => !Metadata.Contains(p.Name) && Wrappers.Contains(p.Name) && HoldsRecords(p.Value));
        foreach (var property in element.EnumerateObject())
        {
            if (Metadata.Contains(property.Name) || RepeatedInside(wrapped.Value, property)) continue;
            if (Wrappers.Contains(property.Name) && key is null && HoldsRecords(property.Value)) (key, inner) = (property.Name, property.Value);
            else if (hec && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                if (property.Value.ValueKind != JsonValueKind.Null) kept.Add(new(property.Name, Text(property.Value)));
            }
            else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array || FieldNames.Recognize(property.Name) is not null
                || kept.Count == MaxKept) return default;
            else if (property.Value.ValueKind != JsonValueKind.Null) kept.Add(new(property.Name, Text(property.Value)));
        }
        return key is null || IsJsonApiResource(element) ? default : (key, inner, kept);
    }

    /// <summary>A plain value beside the envelope that the one record inside repeats under the same name (a log stream's
    /// <c>log_id</c> copied out as the delivery key): a copy, dropped, so it does not count against what may stand beside.</summary>
    private static bool RepeatedInside(JsonElement inner, JsonProperty property) =>
        inner.ValueKind == JsonValueKind.Object && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
        && inner.TryGetProperty(property.Name, out var same) && same.ValueKind == property.Value.ValueKind && Text(same) == Text(property.Value);

    /// <summary>
    /// A Splunk HTTP Event Collector event (<c>{"time", "host", "source", "sourcetype", "index", "event": {...}}</c>), the shape
    /// Zscaler NSS, Cribl and most log shippers send: the event object is the record and every plain value beside it
    /// (sourcetype, the collector's time and host, an id the exporter added) is kept after the event's own fields, so the event's win.
    /// </summary>
    private static bool IsSplunkHec(JsonElement element) =>
        element.TryGetProperty("sourcetype", out var type) && type.ValueKind == JsonValueKind.String
        && element.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Object;

    /// <summary>One record, or an array of them: empty, or objects with perhaps a stray value among them (which is an error of its own).</summary>
    private static bool HoldsRecords(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any()
        || value.ValueKind == JsonValueKind.Array && (value.GetArrayLength() == 0
            || value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object) && value.EnumerateArray().All(e => e.ValueKind != JsonValueKind.Array));

    /// <summary>A JSON:API resource, perhaps with up to <see cref="MaxKept"/> plain annotations beside its members (an
    /// exporter's or eval set's <c>label</c>), whose names Verdict does not read as a field; they are kept.</summary>
    private static bool IsJsonApiResource(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && e.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
        && Annotations(e) is { Count: <= MaxKept } extra
        && extra.All(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) && FieldNames.Recognize(p.Name) is null);

    private static List<JsonProperty> Annotations(JsonElement resource) =>
        [.. resource.EnumerateObject().Where(p => p.Name is not ("type" or "id" or "attributes" or "relationships" or "links" or "meta"))];

    private static List<KeyValuePair<string, string>> Fields(JsonElement element, JsonElement included)
    {
        if (!IsJsonApiResource(element)) return JsonFlattener.Flatten(element);
        var attributes = JsonFlattener.Flatten(element.GetProperty("attributes"));
        var fields = new List<KeyValuePair<string, string>>();
        if (element.TryGetProperty("id", out var id) && !attributes.Exists(f => f.Key == "id")) fields.Add(new("id", Text(id)));
        fields.AddRange(attributes);
        if (element.TryGetProperty("relationships", out var relationships) && relationships.ValueKind == JsonValueKind.Object)
        {
            foreach (var relationship in relationships.EnumerateObject())
            {
                if (!relationship.Value.TryGetProperty("data", out var data)) continue;
                if (data.ValueKind == JsonValueKind.Object) Related(relationship.Name, data, included, fields);
                else if (data.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var one in data.EnumerateArray()) Related($"{relationship.Name}.{i++}", one, included, fields);
                }
            }
        }
        fields.Add(new("jsonapi.type", element.GetProperty("type").GetString()!));
        fields.AddRange(Annotations(element).Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => new KeyValuePair<string, string>(p.Name, Text(p.Value))));
        return fields;
    }

    private static void Related(string name, JsonElement identifier, JsonElement included, List<KeyValuePair<string, string>> fields)
    {
        if (identifier.ValueKind != JsonValueKind.Object || !identifier.TryGetProperty("id", out var id)) return;
        fields.Add(new(name + ".id", Text(id)));
        if (included.ValueKind != JsonValueKind.Array || !identifier.TryGetProperty("type", out var type)) return;
        // The resource of that type and id; else, when the export dropped the included resources' ids, the only one of that type.
        var sameType = included.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("type", out var t) && Text(t) == Text(type)
            && r.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object).ToList();
        var match = sameType.FirstOrDefault(r => r.TryGetProperty("id", out var i) && Text(i) == Text(id));
        if (match.ValueKind != JsonValueKind.Object && sameType.Count == 1 && !sameType[0].TryGetProperty("id", out _)) match = sameType[0];
        if (match.ValueKind != JsonValueKind.Object) return;
        fields.AddRange(JsonFlattener.Flatten(match.GetProperty("attributes")).Select(f => new KeyValuePair<string, string>($"{name}.{f.Key}", f.Value)));
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    /// <summary>The line (from 0) each element of the array at <paramref name="path"/> starts on.</summary>
    private static List<int> ElementLines(ReadOnlySpan<byte> json, List<string> path)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonAlertReader.MaxDepth + 1 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return lines;
        foreach (var key in path)
        {
            var found = false;
            while (!found && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                found = reader.ValueTextEquals(key);
                reader.Read();
                if (!found) reader.Skip();
            }
            if (!found) return lines;
        }
        if (reader.TokenType != JsonTokenType.StartArray) return lines;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            lines.Add(json[..(int)reader.TokenStartIndex].Count((byte)'\n'));
            reader.Skip();
        }
        return lines;
    }
}

/// <summary>A record read from an envelope: its fields, its line from the root's (0), which element of the envelope's array
/// it is (null for a lone record) and, for an element that cannot be a record, why.</summary>
internal sealed record EnvelopeRecord(List<KeyValuePair<string, string>> Fields, int Line, EnvelopeItem? Item, string? Problem);

/// <summary>Element <paramref name="Number"/> (from 1) of <paramref name="Count"/> in the envelope's <paramref name="Key"/> array.</summary>
public sealed record EnvelopeItem(string Key, int Number, int Count)
{
    /// <summary>"finding 2 of 3 in 'Findings'"; the noun follows the envelope's key ("record" for data, value, items...).</summary>
    public string Describe(long envelopeLine) => $"{Noun(Key)} {Number} of {Count} in '{Key}' (the envelope at line {envelopeLine})";

    private static string Noun(string key) => key.ToLowerInvariant() switch
    {
        "finding" or "findings" => "finding",
        "alert" or "alerts" => "alert",
        "detection" or "detections" => "detection",
        "event" => "event",
        _ => "record",
    };
}
