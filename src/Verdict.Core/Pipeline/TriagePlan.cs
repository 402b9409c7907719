using Verdict.Alerts;
using Verdict.Context;
using Verdict.Correlation;
using Verdict.Correlation.Suppression;
using Verdict.Ingest;

namespace Verdict.Pipeline;

/// <summary>
/// The first pass of a streamed run: every record read once and kept only as what correlation needs (a compact copy of
/// the alert: id, source, rule, time, severity, user, host, address, file hashes, and a digest of its content for
/// folding repeats; not its description, so an incident's timeline names its alerts by id and rule only), then suppressed, folded, grouped and ordered exactly as <see cref="TriageRun.Run"/> does. What the
/// second pass needs per record sits in arrays indexed by the record's position in the input.
/// </summary>
public sealed class TriagePlan
{
    /// <summary>Records read (alerts and errors).</summary>
    public int Records { get; private init; }
    public int Errors { get; private init; }

    /// <summary>Every distinct entity of the alerts that intel sources look up (addresses, domains, URLs, e-mail addresses, file hashes), for enrichment before the second pass.</summary>
    public IReadOnlySet<Entity> Entities { get; private init; } = new HashSet<Entity>();

    public IReadOnlyList<Incident> Incidents { get; private init; } = [];

    /// <summary>How many alerts are analysed (the others are suppressed, repeats, flood members or unreadable).</summary>
    public int Analyses { get; private set; }

    internal Dictionary<int, SuppressionRule> Suppressed { get; } = [];
    /// <summary>Per record: the incident it belongs to (an index into <see cref="Incidents"/>), or -1.</summary>
    internal int[] IncidentOf { get; private init; } = [];
    /// <summary>Per record: the record whose analysis it takes (itself when it is analysed), or -1 (an error, or suppressed).</summary>
    internal int[] AnalysedAs { get; private init; } = [];
    /// <summary>Per record: the primary it repeats, or -1.</summary>
    internal int[] DuplicateOf { get; private init; } = [];
    /// <summary>Per record: its compact copy (null for an error).</summary>
    internal Alert?[] Compact { get; private init; } = [];
    internal Deduplication Dedup { get; private init; } = new();
    /// <summary>Analysed records some record sharing their analysis comes before in the input (a flood's most severe alert, read late).</summary>
    internal HashSet<int> Late { get; } = [];
    /// <summary>The full alerts of <see cref="Late"/>, read ahead (<see cref="Prefetch"/>) so the records before them need not wait.</summary>
    internal Dictionary<int, Alert> Prefetched { get; } = [];

    /// <summary>True when some alert's analysis is shared by records before it: <see cref="Prefetch"/> then saves holding them.</summary>
    public bool NeedsPrefetch => Late.Count > 0 && Prefetched.Count == 0;

    /// <summary>How many alerts <see cref="Prefetch"/> reads ahead.</summary>
    public int ReadAhead => Late.Count;

    /// <summary>
    /// Reads the records once more for the alerts in <see cref="Late"/> only, so the second pass can analyse them when
    /// the first record sharing them arrives instead of holding every outcome until they come.
    /// </summary>
    public void Prefetch(IEnumerable<ParseResult<Alert>> records)
    {
        var i = 0;
        foreach (var record in records)
        {
            if (Late.Contains(i) && record.Value is { } alert && alert.Id == Compact[i]?.Id) Prefetched[i] = alert;
            i++;
        }
    }

    /// <summary>Per incident: how many records end in it (its alerts and their repeats).</summary>
    internal int[] IncidentSize { get; private init; } = [];

    public static TriagePlan Build(IEnumerable<ParseResult<Alert>> records, CorrelationOptions correlation, TimeSpan incidentGap,
        IpRangeSet sharedIps, bool perAlert = false, IProgress<int>? progress = null)
    {
        var compact = new List<Alert?>();
        var kept = new List<Alert>();
        var keys = new List<UInt128>();
        var entities = new HashSet<Entity>();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var suppressed = new Dictionary<int, SuppressionRule>();
        var errors = 0;
        foreach (var record in records)
        {
            if (!record.Success)
            {
                compact.Add(null);
                errors++;
                continue;
            }
            var alert = record.Value!;
            foreach (var e in alert.Entities)
            {
                if (e.Kind is EntityKind.Ip or EntityKind.Domain or EntityKind.Url or EntityKind.Email or EntityKind.FileHash) entities.Add(e);
            }
            var copy = CompactCopy(alert, strings);
            compact.Add(copy);
            if (correlation.Suppressions.Match(alert) is { } rule) suppressed[compact.Count - 1] = rule;
            else
            {
                kept.Add(copy);
                keys.Add(Deduplicator.CompactKey(alert));
            }
            if (compact.Count % 10_000 == 0) progress?.Report(compact.Count);
        }
        var dedup = Deduplicator.Fold(kept, correlation.DedupWindow, i => keys[i]);
        var incidents = IncidentGrouper.Group(dedup.Primaries, incidentGap, perAlert, correlation.Flood, sharedIps);
        var plan = new TriagePlan
        {
            Records = compact.Count,
            Errors = errors,
            Entities = entities,
            Incidents = incidents,
            Compact = [.. compact],
            IncidentOf = Filled(compact.Count),
            AnalysedAs = Filled(compact.Count),
            DuplicateOf = Filled(compact.Count),
            Dedup = dedup,
            IncidentSize = new int[incidents.Count],
        };
        foreach (var (index, rule) in suppressed) plan.Suppressed[index] = rule;
        plan.Link();
        return plan;
    }

    /// <summary>Fills the per-record arrays from the incidents and the folding.</summary>
    private void Link()
    {
        var position = new Dictionary<Alert, int>(Compact.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < Compact.Length; i++)
        {
            if (Compact[i] is { } a) position[a] = i;
        }
        for (var n = 0; n < Incidents.Count; n++)
        {
            var incident = Incidents[n];
            var representative = incident.Overflow ? position[TriageOrder.Alerts(incident.Alerts).First()] : -1;
            foreach (var alert in incident.Alerts)
            {
                var i = position[alert];
                IncidentOf[i] = n;
                AnalysedAs[i] = representative >= 0 ? representative : i;
                if (AnalysedAs[i] == i) Analyses++;
                IncidentSize[n]++;
                foreach (var repeat in Dedup.Duplicates.GetValueOrDefault(alert) ?? [])
                {
                    var r = position[repeat];
                    IncidentOf[r] = n;
                    AnalysedAs[r] = AnalysedAs[i];
                    DuplicateOf[r] = i;
                    IncidentSize[n]++;
                }
            }
        }
        for (var i = 0; i < AnalysedAs.Length; i++)
        {
            if (AnalysedAs[i] > i) Late.Add(AnalysedAs[i]);
        }
    }

    /// <summary>What correlation, ordering and the incident's case need of an alert; repeated strings shared.</summary>
    private static Alert CompactCopy(Alert a, Dictionary<string, string> strings) => new()
    {
        Id = a.Id,
        Source = a.Source,
        Rule = Shared(a.Rule, strings)!,
        Time = a.Time,
        TimePrecision = a.TimePrecision,
        DetectorSeverity = a.DetectorSeverity,
        User = Shared(a.User, strings),
        Host = Shared(a.Host, strings),
        SourceIp = Shared(a.SourceIp, strings),
        Entities = a.Entities.Any(e => e.Kind == EntityKind.FileHash) ? [.. a.Entities.Where(e => e.Kind == EntityKind.FileHash)] : [],
        Fields = [],
    };

    private static string? Shared(string? s, Dictionary<string, string> strings)
    {
        if (s is null) return null;
        if (strings.TryGetValue(s, out var shared)) return shared;
        if (strings.Count < 1_000_000) strings[s] = s;
        return s;
    }

    private static int[] Filled(int n)
    {
        var a = new int[n];
        Array.Fill(a, -1);
        return a;
    }
}
