using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>The shapes JSON arrives in, and what happens when it is broken: an error naming the line, the rest kept.</summary>
public class JsonShapeTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    private static (string? Rule, long Line, string? Error)[] Read(string json) =>
        [.. JsonAlertReader.Read(TestData.Stream(json), "in.json", Context).Select(r => (r.Value?.Rule, r.Value?.Source.Line ?? r.Error!.Source.Line, r.Error?.Reason))];

    [Fact]
    public void Ndjson_MalformedLine_IsOneErrorWithItsLineAndTheOthersAreRead()
    {
        var rows = Read("{\"rule\":\"a\"}\n\n{\"rule\": \"b\",,}\n{\"rule\":\"c\"}\n{\"rule\":\"d\"\n{\"rule\":\"e\"}\n");

        Assert.Equal(["a", null, "c", null, "e"], rows.Select(r => r.Rule));
        Assert.Equal([1L, 3, 4, 5, 6], rows.Select(r => r.Line));
        Assert.StartsWith("malformed JSON", rows[1].Error, StringComparison.Ordinal);
        Assert.StartsWith("malformed JSON", rows[3].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_PrettyPrinted_EachElementStartsAtItsLine()
    {
        var rows = Read("[\n  {\n    \"rule\": \"a\"\n  },\n  {\"rule\": \"b\"}\n]\n");

        Assert.Equal([("a", 2L, (string?)null), ("b", 5L, null)], rows);
    }

    [Fact]
    public void Array_BrokenElement_ErrorAtTheBrokenLineAndTheFileStopsWithEarlierElementsKept()
    {
        var rows = Read("[\n{\"rule\": \"a\"},\n{\"rule\": \"b\",\n \"user\": x},\n{\"rule\": \"c\"}\n]");

        Assert.Equal(2, rows.Length);
        Assert.Equal(("a", 2L), (rows[0].Rule, rows[0].Line));
        Assert.Equal(4L, rows[1].Line);
        Assert.StartsWith("malformed JSON", rows[1].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"rule\": \"a\"}", "closing ']'")]
    [InlineData("[{\"rule\": \"a\"} {\"rule\": \"b\"}]", "expected ',' or ']'")]
    [InlineData("[{\"rule\": \"a\"}, {\"rule\": \"b", "inside a string")]
    public void Array_Truncated_KeepsWhatCameBeforeAndSaysWhy(string json, string reason)
    {
        var rows = Read(json);

        Assert.Equal("a", rows[0].Rule);
        Assert.Contains(reason, rows[^1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleObjectsPrettyPrinted_OneAfterAnother_AreAllRead()
    {
        var rows = Read("{\n  \"rule\": \"a\"\n}\n{\n  \"rule\": \"b\"\n}\n");

        Assert.Equal([("a", 1L, (string?)null), ("b", 4L, null)], rows);
    }

    [Fact]
    public void Records_LargerThanTheReadBuffer_AreReadWholeInEveryShape()
    {
        var big = new string('x', 200_000);
        var one = $"{{\"rule\":\"a\",\"note\":\"{big} \\\" }}\"}}";

        Assert.Equal(["a", "a"], Read($"[{one},\n{one}]").Select(r => r.Rule));
        Assert.Equal([1L, 2L], Read($"{one}\n{one}\n").Select(r => r.Line));
        Assert.Equal([1L, 4L], Read($"{{\n\"rule\":\"a\",\"n\":\"{big}\"\n}}\n{{\"rule\":\"b\"}}").Select(r => r.Line));
    }

    [Fact]
    public void DeepNesting_IsAClearErrorNotAStackOverflow()
    {
        var deep = "{\"rule\":\"deep\",\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000) + "}";
        var rows = Read(deep + "\n{\"rule\":\"ok\"}\n");

        Assert.Contains("nested deeper than 64 levels", rows[0].Error, StringComparison.Ordinal);
        Assert.Equal("ok", rows[1].Rule);
    }

    [Fact]
    public void Flatten_ArraysDuplicatesAndScalars_AsDocumented()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            {"rule":"x","tags":["a","b",3],"n":{"ok":true,"none":null},"list":[{"ip":"1.2.3.4"},{"ip":"5.6.7.8"}],"rule":"last","empty":{}}
            """);

        var fields = JsonFlattener.Flatten(doc.RootElement);

        Assert.Equal(["rule=last", "tags=a, b, 3", "n.ok=true", "list.0.ip=1.2.3.4", "list.1.ip=5.6.7.8"], fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public void Read_BomAndNotAnObject_AreHandled()
    {
        Assert.Equal("a", Read("\uFEFF{\"rule\":\"a\"}")[0].Rule);
        Assert.Contains("expected an object", Read("[1]").Single().Error, StringComparison.Ordinal);
        Assert.Contains("names no alert type", Read("{\"user\":\"bob\"}").Single().Error, StringComparison.Ordinal);
    }
}
