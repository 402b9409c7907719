using Verdict.Alerts;

namespace Verdict.Correlation;

/// <summary>When a flood begins and how large it may grow before it collapses.</summary>
public sealed record FloodOptions
{
    /// <summary>More than this many alerts of one rule within <see cref="Window"/> are a flood. Zero turns the cap off.</summary>
    public int Threshold { get; init; } = 50;
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>One flood: alerts of one rule, too many too fast to be analysed one by one.</summary>
public sealed record Flood(string Rule, IReadOnlyList<Alert> Alerts);

/// <summary>
/// Finds floods: every alert of a rule that lies in some <see cref="FloodOptions.Window"/> holding more than
/// <see cref="FloodOptions.Threshold"/> alerts of that rule is part of a flood; flood alerts of a rule no more than a
/// window apart are one flood. Everything else passes through untouched, in input order.
/// </summary>
public static class FloodCap
{
    public static (List<Flood> Floods, List<Alert> Others) Split(IReadOnlyList<Alert> alerts, FloodOptions options)
    {
        var inFlood = new bool[alerts.Count];
        var floods = new List<(int First, List<int> Members, string Rule)>();
        if (options.Threshold > 0)
        {
            var timed = Enumerable.Range(0, alerts.Count).Where(i => alerts[i].Time is not null);
            foreach (var byRule in timed.GroupBy(i => alerts[i].Rule.Trim().ToLowerInvariant(), StringComparer.Ordinal))
            {
                var order = byRule.OrderBy(i => alerts[i].Time!.Value).ThenBy(i => i).ToArray();
                if (order.Length <= options.Threshold) continue;
                var marked = Mark(order, i => alerts[i].Time!.Value, options);
                List<int>? current = null;
                for (var k = 0; k < order.Length; k++)
                {
                    if (!marked[k]) continue;
                    if (current is null || k == 0 || !marked[k - 1] && alerts[order[k]].Time!.Value - alerts[current[^1]].Time!.Value > options.Window)
                    {
                        current = [];
                        floods.Add((order[k], current, alerts[order[k]].Rule));
                    }
                    current.Add(order[k]);
                    inFlood[order[k]] = true;
                }
            }
        }
        var result = floods.Select(f => new Flood(f.Rule, [.. f.Members.Order().Select(i => alerts[i])])).ToList();
        return (result, [.. alerts.Where((_, i) => !inFlood[i])]);
    }

    /// <summary>Marks each position (in time order) that lies in a window holding more than the threshold.</summary>
    private static bool[] Mark(int[] order, Func<int, DateTimeOffset> time, FloodOptions options)
    {
        var cover = new int[order.Length + 1];
        var end = 0;
        for (var start = 0; start < order.Length; start++)
        {
            if (end < start) end = start;
            while (end + 1 < order.Length && time(order[end + 1]) - time(order[start]) <= options.Window) end++;
            if (end - start + 1 <= options.Threshold) continue;
            cover[start]++;
            cover[end + 1]--;
        }
        var marked = new bool[order.Length];
        for (int k = 0, depth = 0; k < order.Length; k++) marked[k] = (depth += cover[k]) > 0;
        return marked;
    }
}
