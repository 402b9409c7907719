using Verdict.Pipeline;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// What a model spent on an alert, into the audit log (tokens and call counts, never prompts or answers) and /metrics:
/// one <c>model_call</c> entry with the alert's input and output tokens, and one <c>tool_call</c> entry per tool it called.
/// </summary>
public static class ModelAudit
{
    public static async Task RecordAsync(VerdictStore store, ServiceMetrics metrics, string subject, AlertOutcome? outcome, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        if (outcome?.Analyst is not { LlmCalls: > 0 } record) return;
        metrics.ModelTokens(record.InputTokens, record.OutputTokens);
        var detail = $"{record.LlmCalls} call(s); cached input {record.CachedInputTokens}; {(record.Degraded ? "degraded: offline assessment kept" : "assessment from the model")}";
        await store.AppendAuditAsync(now, "model_call", record.Analyst, subject, detail, record.InputTokens, record.OutputTokens, cancellationToken);
        foreach (var tool in record.ToolCalls)
            await store.AppendAuditAsync(now, "tool_call", record.Analyst, subject, tool.Length > 200 ? tool[..200] : tool, cancellationToken: cancellationToken);
    }
}
