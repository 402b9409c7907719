using System.Text;
using System.Text.Json;
using Verdict.Attack.Mapping;

namespace Verdict.Evaluation;

/// <summary>One labeled example: what the mapper sees and the techniques it should find.</summary>
public sealed record AttackExample(string Id, MappingInput Input, IReadOnlyList<string> Expected);

/// <summary>
/// Reads the ATT&CK dev sets: sigma-regression.jsonl (Sysmon events that fired a Sigma rule → the rule's techniques;
/// the mapper sees only the events) and sigma-rules.jsonl (a rule's title, description and detection → its techniques).
/// </summary>
public static class AttackDevSet
{
    /// <summary>Event fields that carry what a process did (command lines, files, registry keys, loaded images, queries).</summary>
    private static readonly string[] EventFields =
    [
        "TargetFilename", "TargetObject", "Details", "ImageLoaded", "QueryName", "PipeName", "ScriptBlockText", "OriginalFileName",
        "ParentCommandLine", "DestinationHostname", "ServiceName", "ServiceFileName", "Payload", "NewValue", "Signature",
    ];

    public static IEnumerable<AttackExample> ReadSysmon(string path)
    {
        foreach (var (line, n) in File.ReadLines(path).Select((l, i) => (l, i + 1)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var expected = Strings(root, "techniques");
            if (expected.Count == 0) continue;
            string image = "", commandLine = "", parent = "";
            var other = new StringBuilder();
            foreach (var ev in root.GetProperty("events").EnumerateArray())
            {
                if (!ev.TryGetProperty("Event", out var e) || !e.TryGetProperty("EventData", out var data) || data.ValueKind != JsonValueKind.Object) continue;
                foreach (var p in data.EnumerateObject())
                {
                    var v = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString();
                    switch (p.Name)
                    {
                        case "Image": image = v; break;
                        case "CommandLine": commandLine += (commandLine.Length > 0 ? "\n" : "") + v; break;
                        case "ParentImage": parent = v; break;
                        default: if (EventFields.Contains(p.Name)) other.Append(v).Append('\n'); break;
                    }
                }
            }
            yield return new AttackExample($"{Path.GetFileName(path)}:{n}", new MappingInput { Image = image, CommandLine = commandLine, ParentImage = parent, Other = other.ToString() }, expected);
        }
    }

    public static IEnumerable<AttackExample> ReadRules(string path)
    {
        foreach (var (line, n) in File.ReadLines(path).Select((l, i) => (l, i + 1)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var expected = Strings(root, "techniques");
            if (expected.Count == 0) continue;
            var detection = root.TryGetProperty("detection", out var d) ? Flatten(d) : "";
            yield return new AttackExample($"{Path.GetFileName(path)}:{n}", new MappingInput
            {
                Title = root.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "",
                Description = root.TryGetProperty("description", out var desc) ? desc.GetString() ?? "" : "",
                Other = detection,
            }, expected);
        }
    }

    /// <summary>Labeled command lines: {"id", "command_line", "techniques"} per line.</summary>
    public static IEnumerable<AttackExample> ReadCommandLines(string path)
    {
        foreach (var (line, n) in File.ReadLines(path).Select((l, i) => (l, i + 1)))
        {
            if (line.Trim().Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.TryGetProperty("id", out var i) ? i.GetString()! : $"{Path.GetFileName(path)}:{n}";
            yield return new AttackExample(id, MappingInput.FromText(root.GetProperty("command_line").GetString() ?? ""), Strings(root, "techniques"));
        }
    }

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant())] : [];

    /// <summary>The values of a Sigma detection block, one per line (field names dropped: they are not evidence).</summary>
    private static string Flatten(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => string.Join("\n", e.EnumerateObject().Where(p => p.Name != "condition").Select(p => Flatten(p.Value))),
        JsonValueKind.Array => string.Join("\n", e.EnumerateArray().Select(Flatten)),
        JsonValueKind.String => e.GetString()!,
        _ => e.ToString(),
    };
}

public sealed record AttackScore(string Name, int Examples, double Top1Parent, double Top5Parent, double Top1Exact, double Top5Exact, double MillisecondsPerExample);

public static class AttackEvaluation
{
    public static AttackScore Score(string name, IEnumerable<AttackExample> examples, TechniqueMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(mapper);
        var tally = new Tally();
        foreach (var ex in examples) tally.Add(ex, mapper.Map(ex.Input, top: 10));
        return tally.Score(name);
    }

    /// <summary>As <see cref="Score"/>, through <see cref="TechniqueMapper.MapAsync"/> (semantic retrieval fused when the mapper has it).</summary>
    public static async Task<AttackScore> ScoreAsync(string name, IEnumerable<AttackExample> examples, TechniqueMapper mapper, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(mapper);
        var tally = new Tally();
        foreach (var ex in examples) tally.Add(ex, await mapper.MapAsync(ex.Input, top: 10, cancellationToken));
        return tally.Score(name);
    }

    /// <summary>Top-1 and top-5 hits at exact and parent level, counted as examples are ranked.</summary>
    private sealed class Tally
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private int n, t1p, t5p, t1e, t5e;

        public void Add(AttackExample ex, IReadOnlyList<MappedTechnique> ranked)
        {
            n++;
            var exact = ranked.Select(r => r.Id).Take(5).ToList();
            var parents = ranked.Select(r => r.ParentId).Distinct().Take(5).ToList();
            var expectedParents = ex.Expected.Select(id => id.Split('.')[0]).ToHashSet();
            if (exact.Count > 0 && ex.Expected.Contains(exact[0])) t1e++;
            if (exact.Any(ex.Expected.Contains)) t5e++;
            if (parents.Count > 0 && expectedParents.Contains(parents[0])) t1p++;
            if (parents.Any(expectedParents.Contains)) t5p++;
        }

        public AttackScore Score(string name)
        {
            double P(int k) => n == 0 ? 0 : (double)k / n;
            return new AttackScore(name, n, P(t1p), P(t5p), P(t1e), P(t5e), n == 0 ? 0 : clock.Elapsed.TotalMilliseconds / n);
        }
    }
}
