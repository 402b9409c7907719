using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Pipeline;

/// <summary>One step of a streamed run: an alert's outcome (in input order), or an incident's, right after its last alert's.</summary>
public sealed record TriageEvent(int Index, AlertOutcome? Alert, IncidentOutcome? Incident);

/// <summary>
/// The second pass of a streamed run (<see cref="TriagePlan"/> was the first): the records are read again in input order
/// and each alert is assessed as it comes, within its incident's case; an outcome leaves as soon as every record before
/// it has left. A flood member (or a repeat) read before the alert whose analysis it shares has that alert analysed at
/// once when <see cref="TriagePlan.Prefetch"/> read it ahead, else waits for it. Memory holds the open incidents' cases,
/// not the run.
/// </summary>
internal sealed class TriageStream(TriageRun run, TriagePlan plan)
{
    private readonly TriageRun.Stages _stages = run.NewStages();
    private readonly IncidentWork?[] _work = new IncidentWork?[plan.Incidents.Count];
    private readonly int[] _left = (int[])plan.IncidentSize.Clone();
    /// <summary>Per analysed record: how many others still wait for its verdict.</summary>
    private readonly int[] _sharers = Sharers(plan);
    private readonly Dictionary<int, AlertVerdict> _verdicts = [];
    private readonly Dictionary<int, List<(int Index, ParseResult<Alert> Record)>> _waiting = [];
    private readonly SortedDictionary<int, AlertOutcome> _ready = [];

    public IEnumerable<TriageEvent> Events(IEnumerable<ParseResult<Alert>> records, IProgress<int>? progress)
    {
        var next = 0;
        var i = -1;
        foreach (var record in records)
        {
            i++;
            if (i >= plan.Records || (plan.Compact[i]?.Id != record.Value?.Id)) throw Changed(record.Value?.Source ?? record.Error!.Source);
            Take(i, record);
            while (_ready.Remove(next, out var outcome))
            {
                yield return new TriageEvent(next, outcome, null);
                if (plan.IncidentOf[next] is var n and >= 0 && --_left[n] == 0)
                {
                    yield return new TriageEvent(next, null, _work[n]!.Finish());
                    _work[n] = null;
                }
                if (++next % 1_000 == 0) progress?.Report(next);
            }
        }
        if (i + 1 != plan.Records || next != plan.Records) throw Changed(null);
        progress?.Report(next);
    }

    private void Take(int i, ParseResult<Alert> record)
    {
        var rule = record.Success ? plan.Suppressed.GetValueOrDefault(i) : null;
        if (!record.Success || rule is not null)
        {
            _ready[i] = TriageRun.Outcome(record, rule, null, null, null, _stages.Enrichment);
            return;
        }
        var analysedAs = plan.AnalysedAs[i];
        if (analysedAs == i)
        {
            if (!_verdicts.TryGetValue(i, out var verdict)) verdict = Assess(i, record.Value!); // else analysed early, for a record before it
            else if (--_sharers[i] == 0) _verdicts.Remove(i);
            _ready[i] = Outcome(i, record, verdict);
            foreach (var (j, waiting) in _waiting.Remove(i, out var list) ? list : []) _ready[j] = Outcome(j, waiting, verdict);
        }
        else if (_verdicts.TryGetValue(analysedAs, out var shared)) _ready[i] = Outcome(i, record, shared);
        else if (plan.Prefetched.TryGetValue(analysedAs, out var ahead)) _ready[i] = Outcome(i, record, Assess(analysedAs, ahead, early: true));
        else
        {
            if (!_waiting.TryGetValue(analysedAs, out var list)) _waiting[analysedAs] = list = [];
            list.Add((i, record));
        }
    }

    /// <summary>Analyses record <paramref name="i"/> within its incident; keeps the verdict while others (or, analysed early, itself) still need it.</summary>
    private AlertVerdict Assess(int i, Alert alert, bool early = false)
    {
        var n = plan.IncidentOf[i];
        var verdict = (_work[n] ??= new IncidentWork(plan.Incidents[n], _stages)).Assess(alert);
        if (early) _sharers[i]++; // its own record, still to come, takes it too
        if (_sharers[i] > 0) _verdicts[i] = verdict;
        return verdict;
    }

    /// <summary>The outcome of record <paramref name="i"/>, which takes <paramref name="verdict"/> (its own, or the one it shares).</summary>
    private AlertOutcome Outcome(int i, ParseResult<Alert> record, AlertVerdict verdict)
    {
        var analysedAs = plan.AnalysedAs[i];
        var self = plan.DuplicateOf[i] >= 0 ? plan.DuplicateOf[i] : i;
        if (self != analysedAs) verdict = verdict with { AssessedWith = plan.Compact[analysedAs]!.Id };
        if (analysedAs != i && --_sharers[analysedAs] == 0) _verdicts.Remove(analysedAs);
        var primary = plan.DuplicateOf[i] >= 0 ? plan.Compact[plan.DuplicateOf[i]] : null;
        var repeats = plan.Dedup.Duplicates.GetValueOrDefault(plan.Compact[i]!)?.Select(d => d.Id);
        return TriageRun.Outcome(record, null, primary, repeats, verdict, _stages.Enrichment);
    }

    private static int[] Sharers(TriagePlan plan)
    {
        var sharers = new int[plan.Records];
        for (var i = 0; i < plan.Records; i++)
        {
            if (plan.AnalysedAs[i] is var a and >= 0 && a != i) sharers[a]++;
        }
        return sharers;
    }

    private static InvalidOperationException Changed(SourceRef? at) =>
        new($"{(at is null ? "the input" : at.ToString())}: the input changed between the two passes of a streamed run (records added, removed or reordered); run again on a file that is no longer being written");
}
