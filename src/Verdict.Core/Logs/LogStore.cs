namespace Verdict.Logs;

/// <summary>Activity events per user, time-ordered, for baselines and timelines.</summary>
public sealed class LogStore
{
    private readonly Dictionary<string, List<LogEvent>> _byUser = new(StringComparer.Ordinal);
    private bool _sorted = true;

    public static LogStore Empty { get; } = new();

    public long Count { get; private set; }

    public bool HasUser(string user) => _byUser.ContainsKey(user);

    /// <summary>Every event, user by user (for loading the SQL log store the query_logs tool reads).</summary>
    public IEnumerable<LogEvent> All => _byUser.Values.SelectMany(list => list);

    public void Add(LogEvent e)
    {
        if (!_byUser.TryGetValue(e.User, out var list)) _byUser[e.User] = list = [];
        if (list.Count > 0 && list[^1].Time > e.Time) _sorted = false;
        list.Add(e);
        Count++;
    }

    /// <summary>All of a user's events, oldest first.</summary>
    public IReadOnlyList<LogEvent> For(string? user)
    {
        if (user is null || !_byUser.TryGetValue(user, out var list)) return [];
        if (!_sorted) SortAll();
        return list;
    }

    /// <summary>A user's events with from &lt;= time &lt; to.</summary>
    public IEnumerable<LogEvent> Between(string? user, DateTimeOffset from, DateTimeOffset to)
    {
        var list = For(user);
        for (var i = FirstAtOrAfter(list, from); i < list.Count && list[i].Time < to; i++) yield return list[i];
    }

    /// <summary>Index of the first event at or after a time (binary search).</summary>
    public static int FirstAtOrAfter(IReadOnlyList<LogEvent> list, DateTimeOffset time)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (list[mid].Time < time) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void SortAll()
    {
        foreach (var list in _byUser.Values) list.Sort((a, b) => a.Time.CompareTo(b.Time));
        _sorted = true;
    }
}
