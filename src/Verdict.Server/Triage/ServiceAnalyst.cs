using Verdict.Context;
using Verdict.Enrichment;
using Verdict.Llm.Analyst;
using Verdict.Llm.Chat;
using Verdict.Llm.Tools;
using Verdict.Logs;
using Verdict.Storage.Logs;

namespace Verdict.Server.Triage;

/// <summary>
/// The LLM analyst of a running server (`verdict serve --analyst claude|openai|ollama`): one model client, tool data and
/// ledger for the process's life, so the token and cost budgets cover everything the server has asked.
/// </summary>
public sealed class ServiceAnalyst : IDisposable
{
    private readonly DuckLogStore? duck;
    private readonly LlmAnalyst analyst;

    private ServiceAnalyst(LlmOptions options, DuckLogStore? duck, LlmAnalyst analyst)
    {
        (Options, this.duck, this.analyst) = (options, duck, analyst);
        Stage = new LlmStage(analyst, options);
    }

    public LlmOptions Options { get; }
    public LlmStage Stage { get; }
    public RunLedger Ledger => analyst.Ledger;

    /// <param name="environment">Reads ANTHROPIC_API_KEY, OPENAI_API_KEY and the base URLs.</param>
    public static ServiceAnalyst Create(LlmOptions options, EnvironmentContext context, LogStore logs, Func<string, string?> environment, TimeProvider time,
        TimeSpan? retryBaseDelay = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logs);
        var duck = logs.Count > 0 ? DuckLogStore.Create(logs.All) : null;
        var data = new ToolData(context, logs, EnrichmentView.None, time) { LogStore = duck };
        var analyst = new LlmAnalyst(options, model => ChatProviders.Create(options, model, environment, time), data, time, retryBaseDelay);
        return new ServiceAnalyst(options, duck, analyst);
    }

    public void Dispose()
    {
        analyst.Dispose();
        duck?.Dispose();
    }
}
