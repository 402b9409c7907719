using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Reporting;

/// <summary>
/// What an incident's Markdown brief needs of its alerts, gathered one outcome at a time: the worst verdict among them
/// all, every distinct entity with what intel said of it, every technique, and the first <see cref="Listed"/> alerts for
/// the table (a flood of thousands is summarised; every alert has its entry in investigation_briefs.json).
/// </summary>
public sealed class IncidentDigest
{
    public const int Listed = 200;

    private readonly List<AlertOutcome> _listed = [];
    private readonly HashSet<Entity> _entities = [];
    private readonly List<Entity> _entityOrder = [];
    private readonly HashSet<IntelResult> _intel = [];
    private readonly List<Analysis.TechniqueRef> _techniques = [];

    public int Count { get; private set; }
    public AlertOutcome? Worst { get; private set; }
    public IReadOnlyList<AlertOutcome> Alerts => _listed;
    public IReadOnlyList<Entity> Entities => _entityOrder;
    public IEnumerable<IntelResult> Intel => _intel;
    public IReadOnlyList<Analysis.TechniqueRef> Techniques => _techniques;

    public static IncidentDigest Of(IEnumerable<AlertOutcome> outcomes)
    {
        var digest = new IncidentDigest();
        foreach (var o in outcomes) digest.Add(o);
        return digest;
    }

    public void Add(AlertOutcome o)
    {
        Count++;
        if (_listed.Count < Listed) _listed.Add(o);
        if (Worst is null || Rank(o) > Rank(Worst)) Worst = o;
        foreach (var e in o.Alert!.Entities.Where(_entities.Add)) _entityOrder.Add(e);
        _intel.UnionWith(o.Intel);
        foreach (var t in o.Assessment!.Techniques.Where(t => !_techniques.Contains(t))) _techniques.Add(t);
    }

    private static int Rank(AlertOutcome o) => DecisionPolicy.Rank(o.Assessment!, o.Decision!);
}
