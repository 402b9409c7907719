using System.Text.Json;
using Microsoft.Extensions.AI;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Chat;
using Verdict.Llm.Tools;
using Verdict.Pipeline;
using Verdict.Policy;

namespace Verdict.Llm.Analyst;

/// <summary>
/// Investigates one alert with a model: hypotheses, tools when needed, self-critique passes, a validated JSON answer
/// (repaired once), then the guardrails and the decision policy. Any failure (malformed twice, a provider error after
/// retries, the budget spent) leaves the offline assessment in place, marked degraded: no alert is lost to the model.
/// </summary>
public sealed class LlmAnalyst : IDisposable
{
    private readonly LlmOptions options;
    private readonly EnvironmentContext context;
    private readonly IChatClient strong, fast;
    private readonly IReadOnlyList<AITool> tools;
    private readonly SemaphoreSlim slots;
    private readonly Microsoft.Extensions.Caching.Distributed.IDistributedCache? answers;

    /// <param name="provider">The provider's client for a model name (see <see cref="ChatProviders.Create"/>).</param>
    /// <param name="answers">Model answers already received in this run (a resumed run's checkpoint): those requests are not sent again.</param>
    public LlmAnalyst(LlmOptions options, Func<string, IChatClient> provider, ToolData data, TimeProvider time, TimeSpan? retryBaseDelay = null,
        Microsoft.Extensions.Caching.Distributed.IDistributedCache? answers = null)
    {
        this.answers = answers;
        this.options = options;
        context = data.Context;
        Ledger = new RunLedger(options);
        Circuit = new ProviderCircuit(options.CircuitThreshold, options.CircuitCoolDown, time);
        slots = new SemaphoreSlim(options.MaxConcurrency);
        tools = [.. ToolSet.ReadOnly(new TriageTools(data)).Concat(data.ExtraTools).Select(t => new NamingFailuresFunction(t)), .. ToolSet.Staging()];
        strong = Compose(provider(options.Strong), options.Strong, time, retryBaseDelay ?? TimeSpan.FromSeconds(1));
        fast = options.Fast == options.Strong ? strong : Compose(provider(options.Fast), options.Fast, time, retryBaseDelay ?? TimeSpan.FromSeconds(1));
    }

    public RunLedger Ledger { get; }

    /// <summary>Stops calling the provider for a while after it failed several calls in a row.</summary>
    public ProviderCircuit Circuit { get; }

    private IChatClient Compose(IChatClient inner, string model, TimeProvider time, TimeSpan retryBaseDelay) =>
        new ChatClientBuilder(inner)
            .UseFunctionInvocation(configure: f =>
            {
                f.MaximumIterationsPerRequest = options.MaxToolIterations;
                f.MaximumConsecutiveErrorsPerRequest = options.MaxConsecutiveToolErrors;
                f.IncludeDetailedErrors = false; // a failing tool reaches the model as a short generic message
            })
            .Use(inner => answers is null ? inner : new DistributedCachingChatClient(inner, answers))
            .UseUsageAccounting(Ledger, model)
            .UsePseudonymization()
            .UseConcurrencyLimit(slots)
            .UseCircuitBreaker(Circuit)
            .UseRetries(options.MaxRetries, retryBaseDelay, time, Ledger)
            .Build();

    /// <summary>Critical and high severity go to the strong model, the rest to the fast one.</summary>
    public string ModelFor(Assessment offline) => offline.Severity >= Alerts.Severity.High ? options.Strong : options.Fast;

    /// <summary>A fast-model answer that settles a high-severity alert without the strong model.</summary>
    private bool Decisive(ModelAnswer a) =>
        a.Confidence >= options.DecisiveConfidence && ModelAnswer.ParseClassification(a.Classification) is Classification.Benign or Classification.Malicious;

    public async Task<(Assessment Assessment, DecisionResult Decision, AnalystRecord Record)> InvestigateAsync(
        AlertOutcome outcome, UserBaseline? baseline, CancellationToken cancellationToken = default)
    {
        var offline = outcome.Assessment!;
        var model = ModelFor(offline);
        var tally = UsageTally.Begin();
        if (options.Pseudonymize) PseudonymMap.Begin(outcome.Alert!);
        var trace = new Trace();
        string? note = null;
        try
        {
            ModelAnswer? answer = null;
            if (model == options.Strong && options.FastFirstPass && options.Fast != options.Strong)
            {
                // The cheap first pass: the fast model, no critique; only an indecisive answer goes on to the strong model.
                (answer, _) = await ConverseAsync(fast, outcome, baseline, 0, trace, cancellationToken);
                if (answer is not null && Decisive(answer)) (model, note) = (options.Fast, "the fast model's first pass was decisive");
                else answer = null;
            }
            if (answer is null)
            {
                // Self-critique where the stakes are: the strong model's investigations (high and critical alerts).
                (answer, var failure) = await ConverseAsync(model == options.Strong ? strong : fast, outcome, baseline, model == options.Strong ? options.CritiquePasses : 0, trace, cancellationToken);
                if (answer is null) return Fallback(offline, tally, trace, failure!.Value.Why, failure.Value.Raw);
            }
            var (assessment, decision, guardrail) = Guardrails.Apply(answer.ToAssessment(offline), offline);
            if (trace.CapReached) note = (note is null ? "" : note + "; ") + $"the tool-call cap ({options.MaxToolIterations} rounds) was reached";
            if (assessment.Classification != offline.Classification)
                note = (note is null ? "" : note + "; ") + $"the model disagreed with the offline analyst ({offline.Classification.ToString().ToUpperInvariant()})";
            return (assessment, decision, Record(model, tally, trace) with { Guardrail = guardrail, Note = note, OfflineAssessment = offline });
        }
        catch (BudgetExhaustedException)
        {
            return Fallback(offline, tally, trace, "the run's model budget was spent: offline assessment", null);
        }
        catch (Exception e) when (ToolFailedException.Find(e) is { } tool)
        {
            return Fallback(offline, tally, trace, $"the tool {tool.Tool} kept failing (consecutive-error cap {options.MaxConsecutiveToolErrors}): offline assessment", trace.LastText);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fallback(offline, tally, trace, $"the model call failed ({TransientFailure.Describe(e)}): offline assessment", trace.LastText);
        }
    }

    /// <summary>One conversation: the answer, repaired once if malformed, then revised by the critique passes; or why it failed.</summary>
    private async Task<(ModelAnswer? Answer, (string Why, string? Raw)? Failure)> ConverseAsync(IChatClient client, AlertOutcome outcome,
        UserBaseline? baseline, int passes, Trace trace, CancellationToken cancellationToken)
    {
        var chat = new ChatOptions { Tools = [.. tools], MaxOutputTokens = options.MaxOutputTokens, Temperature = 0 };
        List<ChatMessage> messages = [InvestigationPrompt.System(context, includeAccounts: !options.Pseudonymize), InvestigationPrompt.User(outcome, baseline, options.SendFields)];
        var raw = await AskAsync(client, messages, chat, trace, cancellationToken);
        var (answer, problems) = ModelAnswer.Parse(raw);
        if (answer is null)
        {
            messages.Add(InvestigationPrompt.Repair(problems));
            var repair = chat.Clone();
            repair.Tools = null;
            raw = await AskAsync(client, messages, repair, trace, cancellationToken);
            (answer, problems) = ModelAnswer.Parse(raw);
            if (answer is null) return (null, ($"the model's answer was unusable after one repair: {string.Join("; ", problems)}", raw));
        }
        for (var pass = 1; pass <= passes; pass++)
        {
            messages.Add(InvestigationPrompt.Critique(pass, passes));
            var revised = ModelAnswer.Parse(await AskAsync(client, messages, chat, trace, cancellationToken)).Answer;
            if (revised is null) break; // keep the last valid answer
            answer = revised;
        }
        return (answer, null);
    }

    /// <summary>One turn: the function-invoking client runs the tool loop; proposals (approval requests) are recorded and declined.</summary>
    private async Task<string> AskAsync(IChatClient client, List<ChatMessage> messages, ChatOptions chat, Trace trace, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var response = await client.GetResponseAsync(messages, chat, cancellationToken);
            messages.AddMessages(response);
            trace.LastText = response.Text;
            trace.CapReached |= response.Messages.Count(m => m.Role == ChatRole.Assistant && m.Contents.OfType<FunctionCallContent>().Any()) >= options.MaxToolIterations;
            var contents = response.Messages.SelectMany(m => m.Contents).ToList();
            trace.Tools.AddRange(contents.OfType<FunctionCallContent>().Select(c => c.Name).Where(n => n is not ("post_to_slack" or "comment_on_ticket")));
            var requests = contents.OfType<ToolApprovalRequestContent>().ToList();
            if (requests.Count == 0 || round == 1) return response.Text;
            foreach (var request in requests)
                if (request.ToolCall is FunctionCallContent call) trace.Proposals.Add($"{call.Name}: {JsonSerializer.Serialize(call.Arguments)}");
            messages.Add(new ChatMessage(ChatRole.User, [.. requests.Select(r => r.CreateResponse(false, "recorded as a proposal for a human; continue"))]));
        }
    }

    private static (Assessment, DecisionResult, AnalystRecord) Fallback(Assessment offline, UsageTally tally, Trace trace, string why, string? raw) =>
        (offline, DecisionPolicy.Decide(offline), Record("offline", tally, trace) with { Degraded = true, Note = why, RawModelText = raw });

    private static AnalystRecord Record(string analyst, UsageTally tally, Trace trace) => new(analyst)
    {
        LlmCalls = tally.Calls,
        InputTokens = tally.InputTokens,
        CachedInputTokens = tally.CachedReadTokens,
        OutputTokens = tally.OutputTokens,
        ToolCalls = [.. trace.Tools],
        Proposals = [.. trace.Proposals],
    };

    private sealed class Trace
    {
        public List<string> Tools { get; } = [];
        public List<string> Proposals { get; } = [];
        public string? LastText { get; set; }
        public bool CapReached { get; set; }
    }

    public void Dispose()
    {
        strong.Dispose();
        if (!ReferenceEquals(fast, strong)) fast.Dispose();
        slots.Dispose();
    }
}
