using System.Globalization;
using Verdict.Storage.Service;

namespace Verdict.Server.Triage;

/// <summary>
/// What a model spent on an alert, into the audit log (tokens, never prompts or answers) and /metrics: one
/// <c>model_call</c> entry per model call (the model as actor, its input and output tokens, the cached input in the
/// detail) and one <c>tool_call</c> entry per tool the model called, each with the alert's id as subject.
/// </summary>
public static class ModelAudit
{
    public static async Task RecordAsync(VerdictStore store, ServiceMetrics metrics, string subject, EngineResult result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome?.Analyst is not { LlmCalls: > 0 } record) return;
        metrics.ModelTokens(record.InputTokens, record.OutputTokens);
        var outcome = record.Degraded ? "degraded: offline assessment kept" : "assessment from the model";
        var calls = result.ModelCalls;
        for (var i = 0; i < calls.Count; i++)
        {
            var c = calls[i];
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"call {i + 1} of {calls.Count}; cached input {c.CachedInputTokens}; cache write {c.CacheWriteTokens}{(i == calls.Count - 1 ? "; " + outcome : "")}");
            await store.AppendAuditAsync(now, "model_call", c.Model, subject, detail, c.InputTokens, c.OutputTokens, cancellationToken);
        }
        if (calls.Count == 0) // calls made outside this alert's flow: one entry with the alert's totals
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{record.LlmCalls} call(s); cached input {record.CachedInputTokens}; {outcome}");
            await store.AppendAuditAsync(now, "model_call", record.Analyst, subject, detail, record.InputTokens, record.OutputTokens, cancellationToken);
        }
        foreach (var tool in record.ToolCalls)
            await store.AppendAuditAsync(now, "tool_call", record.Analyst, subject, tool.Length > 200 ? tool[..200] : tool, cancellationToken: cancellationToken);
    }
}
