using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verdict.Tests.Support;

namespace Verdict.Tests.Sentinel;

/// <summary>
/// A local server that answers like the Log Analytics query API (POST /v1/workspaces/{id}/query, bearer token,
/// {"tables": [{"name", "columns", "rows"}]} or {"error": {"code", "message", "innererror"}}) over SecurityIncident
/// and SecurityAlert rows taken from an exported fixture (a JSON array of rows). It understands the two queries the
/// pull sends: IncidentNumber == N, and SystemAlertId in (...). Scripted replies (429, 5xx, 403...) are answered first.
/// </summary>
internal sealed partial class FakeLogAnalytics : IAsyncDisposable
{
    public const string Token = "test-token-DO-NOT-LEAK";
    public const string Workspace = "11111111-2222-3333-4444-555555555555";

    private readonly JsonObject[] _rows;
    private readonly ConcurrentQueue<HttpReply> _script = new();

    public FakeLogAnalytics(string rowsFixture)
    {
        _rows = [.. JsonNode.Parse(File.ReadAllText(rowsFixture))!.AsArray().Select(n => n!.AsObject())];
        Http = LocalHttpServer.Answering(Answer);
    }

    public LocalHttpServer Http { get; }

    public Uri BaseUrl => Http.BaseUrl;

    /// <summary>The KQL of each query received, in order.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    public void Then(HttpReply reply) => _script.Enqueue(reply);

    public static HttpReply Error(int status, string code, string message, string? retryAfter = null) =>
        HttpReply.Json(status, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["correlationId"] = "c-1", ["innererror"] = new JsonObject { ["code"] = "Inner", ["message"] = "inner detail" } },
        }.ToJsonString())
            with { Headers = retryAfter is null ? [] : [new("Retry-After", retryAfter)] };

    private HttpReply Answer(ReceivedRequest request)
    {
        if (request.Method != "POST" || request.Path != $"/v1/workspaces/{Workspace}/query")
            return Error(404, "PathNotFoundError", $"The requested path does not exist: {request.Path}");
        if (request.Header("Authorization") != "Bearer " + Token)
            return Error(401, "AuthorizationRequiredError", "Valid authentication was not provided");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var query = (string)body["query"]!;
        Queries.Enqueue(query);
        if (_script.TryDequeue(out var scripted)) return scripted;
        if (IncidentNumber().Match(query) is { Success: true } incident)
            return Table(_rows.Where(r => (string?)r["Type"] == "SecurityIncident" && r["IncidentNumber"]!.ToString() == incident.Groups[1].Value));
        if (query.StartsWith("SecurityAlert", StringComparison.Ordinal))
        {
            var ids = AlertId().Matches(query).Select(m => m.Groups[1].Value).ToHashSet();
            return Table(_rows.Where(r => (string?)r["Type"] == "SecurityAlert" && ids.Contains((string)r["SystemAlertId"]!)));
        }
        return Error(400, "BadArgumentError", "The request had some invalid properties");
    }

    /// <summary>One table, PrimaryResult, with the rows' columns in first-seen order; dynamic columns stay JSON text as the API sends them.</summary>
    private static HttpReply Table(IEnumerable<JsonObject> rows)
    {
        var list = rows.ToList();
        var columns = list.SelectMany(r => r.Select(p => p.Key)).Distinct().ToList();
        var table = new JsonObject
        {
            ["name"] = "PrimaryResult",
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["type"] = TypeOf(list, c) })]),
            ["rows"] = new JsonArray([.. list.Select(r => (JsonNode)new JsonArray([.. columns.Select(c => r[c]?.DeepClone())]))]),
        };
        return HttpReply.Json(200, new JsonObject { ["tables"] = new JsonArray(table) }.ToJsonString());
    }

    private static string TypeOf(List<JsonObject> rows, string column) =>
        rows.Select(r => r[column]).FirstOrDefault(v => v is not null)?.GetValueKind() switch
        {
            JsonValueKind.Number => "int",
            _ when column is "AlertIds" or "Entities" or "ExtendedProperties" or "Owner" => "dynamic",
            _ when column.Contains("Time", StringComparison.Ordinal) => "datetime",
            _ => "string",
        };

    [GeneratedRegex(@"IncidentNumber == (\d+)")]
    private static partial Regex IncidentNumber();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex AlertId();

    public ValueTask DisposeAsync() => Http.DisposeAsync();
}
