using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Server.Triage;

/// <summary>One record found in a request body: its JSON object (compact), where it came from, and its fingerprint.</summary>
public sealed record IntakeRecord(string Json, string Source, string Fingerprint);

/// <summary>A record of the body that could not be read, with its line.</summary>
public sealed record IntakeError(long Line, string Reason);

/// <summary>
/// Splits a request body into alert records: a JSON object, an array, NDJSON, a batch <c>{"alerts": [...]}</c>, a Splunk
/// alert-action webhook (<c>{"result": {...}, "search_name": ...}</c>), a Kibana/Elastic webhook (<c>{"alerts": [...]}</c> or
/// <c>{"context": {"alerts": [...]}}</c>), CSV with a header row (text/csv), or plain text (one alert whose description is the text).
/// </summary>
public static class AlertIntake
{
    private static readonly string[] RuleFields = ["rule_name", "rule", "signature", "type", "alert_type", "title", "name", "rule.name"];

    public static (List<IntakeRecord> Records, List<IntakeError> Errors) Split(byte[] body, string? contentType, EnvironmentContext context)
    {
        ArgumentNullException.ThrowIfNull(body);
        var records = new List<IntakeRecord>();
        var errors = new List<IntakeError>();
        var text = Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonAlertReader.MaxDepth + 2 });
                FromJson(JsonNode.Parse(document.RootElement.GetRawText())!, 1, records, errors);
            }
            catch (JsonException e)
            {
                // NDJSON (one object a line) when the first line is JSON on its own; else one broken document.
                if (ParsesAlone(text.Split('\n').First(l => l.Trim().Length > 0))) SplitLines(text, records, errors);
                else errors.Add(new IntakeError((e.LineNumber ?? 0) + 1, "malformed JSON: " + e.Message));
            }
        }
        else if (contentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var row in CsvAlertReader.Read(new MemoryStream(body), "request", context))
            {
                if (!row.Success) errors.Add(new IntakeError(row.Error!.Source.Line, row.Error.Reason));
                else records.Add(Record(new JsonObject(row.Value!.Fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))), "csv"));
            }
        }
        else if (text.Trim().Length > 0)
        {
            records.Add(Record(new JsonObject { ["description"] = text.Trim(), ["rule_name"] = "text alert" }, "text"));
        }
        return (records, errors);
    }

    private static bool ParsesAlone(string line)
    {
        try
        {
            using var _ = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = JsonAlertReader.MaxDepth + 2 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void SplitLines(string text, List<IntakeRecord> records, List<IntakeError> errors)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            try
            {
                using var document = JsonDocument.Parse(lines[i], new JsonDocumentOptions { MaxDepth = JsonAlertReader.MaxDepth + 2 });
                FromJson(JsonNode.Parse(document.RootElement.GetRawText())!, i + 1, records, errors);
            }
            catch (JsonException e)
            {
                errors.Add(new IntakeError(i + 1, "malformed JSON: " + e.Message));
            }
        }
    }

    private static void FromJson(JsonNode node, long line, List<IntakeRecord> records, List<IntakeError> errors)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) Add(item, "batch", line, records, errors);
                break;
            case JsonObject o when o["result"] is JsonObject result && (o["search_name"] is not null || o["sid"] is not null):
                var search = o["search_name"]?.ToString();
                if (search is not null && !RuleFields.Any(result.ContainsKey)) result["rule_name"] = search;
                records.Add(Record(result.DeepClone().AsObject(), "splunk"));
                break;
            case JsonObject o when (o["alerts"] ?? o["context"]?["alerts"]) is JsonArray alerts:
                foreach (var item in alerts) Add(item, o["context"] is null && o["rule"] is null ? "batch" : "elastic", line, records, errors);
                break;
            default:
                Add(node, "api", line, records, errors);
                break;
        }
    }

    private static void Add(JsonNode? item, string source, long line, List<IntakeRecord> records, List<IntakeError> errors)
    {
        if (item is JsonObject o) records.Add(Record(o.DeepClone().AsObject(), source));
        else errors.Add(new IntakeError(line, $"an alert must be a JSON object, not {item?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}"));
    }

    private static IntakeRecord Record(JsonObject o, string source)
    {
        var json = o.ToJsonString();
        return new IntakeRecord(json, source, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }
}
