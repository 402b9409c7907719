using System.Globalization;
using Verdict.Analysis;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Llm.Analyst;

/// <summary>
/// The LLM stage after the offline run. Clear cases are settled offline without a call (high-confidence BENIGN with
/// no strong malicious evidence, or MALICIOUS backed by strong evidence); the rest are investigated by the model,
/// routed by severity, and their assessment replaced (the offline one kept in the record). Incidents take the worst
/// of their alerts again. One outcome in, one out, in order.
/// </summary>
public sealed class LlmStage(LlmAnalyst analyst, LlmOptions options, double clearConfidence = 0.8)
{
    /// <summary>Why the offline assessment settles this alert without a model call, or null.</summary>
    public string? SettledOffline(Assessment a)
    {
        var strongMalicious = a.Evidence.Any(e => e.Strong && e.Supports == Leaning.Malicious);
        if (a.Classification == Classification.Benign && a.Confidence >= clearConfidence && !strongMalicious)
            return $"clear case: BENIGN with {a.Confidence:P0} confidence and no strong malicious evidence";
        if (a.Classification == Classification.Malicious && strongMalicious && a.Confidence >= clearConfidence)
            return $"clear case: MALICIOUS with strong evidence and {a.Confidence:P0} confidence";
        return null;
    }

    public async Task<TriageResult> RunAsync(TriageResult result, CancellationToken cancellationToken = default)
    {
        var baselines = result.Incidents.ToDictionary(i => i.Incident.Id, i => i.Baseline);
        var outcomes = result.Alerts.ToArray();
        int settled = 0, strong = 0, fast = 0, shared = 0;
        var pending = new List<int>();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Assessment is not { } offline || SharedWith(outcomes[i]) is not null) continue;
            if (SettledOffline(offline) is { } reason)
            {
                outcomes[i] = outcomes[i] with { Analyst = AnalystRecord.Offline with { Note = reason } };
                settled++;
            }
            else pending.Add(i);
        }
        // Alerts of one rule in one incident are one question: the most severe is investigated, the others take its answer.
        var questions = pending.GroupBy(i => options.ShareWithinIncident ? (outcomes[i].IncidentId, outcomes[i].Alert!.Rule.Trim().ToLowerInvariant()) : (null, i.ToString(CultureInfo.InvariantCulture)))
            .Select(g => g.OrderByDescending(i => outcomes[i].Assessment!.Severity).ThenBy(i => i).ToList()).ToList();
        await Parallel.ForEachAsync(questions, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken }, async (question, token) =>
        {
            var lead = outcomes[question[0]];
            var (assessment, decision, record) = await analyst.InvestigateAsync(lead, lead.IncidentId is { } id ? baselines.GetValueOrDefault(id) : null, token);
            if (!record.Degraded) Interlocked.Increment(ref record.Analyst == options.Strong ? ref strong : ref fast);
            outcomes[question[0]] = lead with { Assessment = assessment, Decision = decision, Analyst = record };
            foreach (var i in question.Skip(1))
            {
                outcomes[i] = record.Degraded ? outcomes[i] with { Analyst = record with { Note = $"shares the attempt on {lead.Alert!.Id}: {record.Note}", LlmCalls = 0, InputTokens = 0, CachedInputTokens = 0, OutputTokens = 0, ToolCalls = [] } }
                    : SharedAnswer(outcomes[i], lead.Alert!.Id, assessment, record);
                Interlocked.Increment(ref shared);
            }
        });
        ShareWithRepeats(outcomes);
        var degraded = outcomes.Count(o => o.Analyst?.Degraded == true);
        return result with
        {
            Alerts = outcomes,
            Incidents = [.. result.Incidents.Select(i => Regroup(i, outcomes))],
            AnalystNotes = [.. result.AnalystNotes, Summary(settled, strong, fast, shared, outcomes.Count(o => o.Assessment is not null), degraded)],
        };
    }

    /// <summary>The alert whose analysis this one shares (a repeat folded by dedup, or a member of a flood), or null.</summary>
    private static string? SharedWith(AlertOutcome o) => o.DuplicateOf ?? o.AssessedWith;

    /// <summary>Repeats and flood members are never sent to the model: they take their primary's new verdict, at no cost.</summary>
    private static void ShareWithRepeats(AlertOutcome[] outcomes)
    {
        var primaries = outcomes.Where(o => o.Alert is not null && SharedWith(o) is null).GroupBy(o => o.Alert!.Id).ToDictionary(g => g.Key, g => g.First());
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (SharedWith(outcomes[i]) is not { } id || outcomes[i].Assessment is null || !primaries.TryGetValue(id, out var primary)) continue;
            outcomes[i] = outcomes[i] with
            {
                Assessment = primary.Assessment,
                Decision = primary.Decision,
                Analyst = (primary.Analyst ?? AnalystRecord.Offline) with { Note = $"shares the analysis of {id}", LlmCalls = 0, InputTokens = 0, CachedInputTokens = 0, OutputTokens = 0, ToolCalls = [] },
            };
        }
    }

    /// <summary>
    /// The model's answer on another alert of the same incident and rule, taken by this one: its own offline view still
    /// holds the guardrail (an alert with strong malicious evidence is never closed on a neighbour's answer).
    /// </summary>
    private static AlertOutcome SharedAnswer(AlertOutcome o, string leadId, Assessment answer, AnalystRecord lead)
    {
        var (assessment, decision, guardrail) = Guardrails.Apply(answer, o.Assessment!);
        var record = lead with
        {
            Note = $"shares the model's analysis of {leadId} (same incident and rule)", LlmCalls = 0, InputTokens = 0, CachedInputTokens = 0, OutputTokens = 0,
            ToolCalls = [], Guardrail = guardrail, OfflineAssessment = o.Assessment,
        };
        return o with { Assessment = assessment, Decision = decision, Analyst = record };
    }

    private static IncidentOutcome Regroup(IncidentOutcome incident, AlertOutcome[] outcomes)
    {
        var members = outcomes.Where(o => o.IncidentId == incident.Incident.Id && o.Assessment is not null).ToList();
        if (members.Count == 0) return incident;
        var worst = members.MaxBy(o => DecisionPolicy.Rank(o.Assessment!, o.Decision!))!;
        return incident with { Assessment = worst.Assessment!, Decision = worst.Decision! };
    }


    private string Summary(int settled, int strong, int fast, int shared, int triaged, int degraded)
    {
        var l = analyst.Ledger;
        var u = l.Usage;
        var budget = l.Refused > 0 ? $"; budget spent, {l.Refused} call(s) refused" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"LLM analyst {options.Provider} (strong {options.Strong}, fast {options.Fast}): {triaged} alerts, {settled} settled offline without a call, " +
            $"{strong} by the strong model, {fast} by the fast model, {shared} shared the answer for their incident and rule, {degraded} fell back offline; {u.Calls} calls, {l.Retries} retries; tokens: " +
            $"{u.InputTokens} input, {u.CachedReadTokens} cached read, {u.CacheWriteTokens} cache write, {u.OutputTokens} output; " +
            $"cached share of input {l.CachedShare:P0}; estimated cost ${l.Cost:F4}{budget}");
    }
}
